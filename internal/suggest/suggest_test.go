package suggest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kpilint/kpilint/internal/suggest"
)

func TestClosest(t *testing.T) {
	ids := []string{"owner-missing", "owner-influence", "goal-missing", "vague-formula", "sarif", "json", "junit"}
	for word, want := range map[string]string{
		"owner-mising":   "owner-missing",   // a letter dropped
		"onwer-missing":  "owner-missing",   // two letters swapped
		"goal-misssing":  "goal-missing",    // a letter doubled
		"vague-formulae": "vague-formula",   // a letter added
		"sarfi":          "sarif",           // short words allow one edit
		"owner-infl":     "owner-influence", // a unique prefix
		"owner":          "",                // a prefix of two: no guess
		"xml":            "",                // nothing close
		"completely-new": "",
	} {
		assert.Equal(t, want, suggest.Closest(word, ids), word)
	}
	assert.Equal(t, ` (did you mean "json"?)`, suggest.Hint("jsno", ids))
	assert.Empty(t, suggest.Hint("xml", ids))
}
