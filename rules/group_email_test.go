package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// GroupEmail: a group's address by its whole local part or by one of the
// words its separators (- . _ +) delimit, in any case; a person's address,
// an empty one or one without @ is not.
func TestGroupEmail(t *testing.T) {
	cases := []struct {
		email, word string
		group       bool
	}{
		{"support@acme.se", "support", true},
		{"no-reply@acme.se", "no-reply", true},
		{"kpi-team@acme.se", "kpi", true},
		{"anna.berg@acme.se", "", false},
		{"", "", false},
		{"noatsign", "", false},
		{"Team.Nordics@acme.se", "team", true},
		{"a..b@x.se", "", false},
		{"ärende-support@x.se", "support", true},
		{"@x.se", "", false},
		{"ALL@acme.se", "all", true},
		{"sales+all@x.se", "sales", true},
		{"kpiteam@x.se", "", false},
		{"ekonomi-gruppen@x.se", "gruppen", true},
		{"it_support@x.se", "support", true},
		{"all.staff@x.se", "all", true},
		{"noreply@x.se", "noreply", true},
		{"x.-.y@z", "", false},
	}
	for _, c := range cases {
		word, group := GroupEmail(c.email)
		assert.Equal(t, c.group, group, c.email)
		assert.Equal(t, c.word, word, c.email)
	}
}
