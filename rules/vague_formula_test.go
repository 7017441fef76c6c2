package rules

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// wordPairRE is what wordPair computes, as the regular expression it was.
var wordPairRE = regexp.MustCompile(`[\p{L}_][\p{L}\p{N}_']*\s+[\p{L}_]`)

func wordPairSeeds() []string {
	return []string{
		"", "a", "a b", "sum of sales", "a/b", "revenue / cost * 100", "1 a", "a1 b", "ab' c", "a+b c", "a -b",
		"a  \n\t b", "_x _y", "x 1", "é ö", "kostnad per ärende", "a\u00a0b", "a\vb", "a\fb", "'a b", "a' 'b",
		"a\xffb c", "\xff a", "Σ x", "x²  y", "(a) (b)", "count(distinct id) from t",
	}
}

// TestWordPairIsTheRegexp compares the hand-written matcher with the
// regular expression on typical formulas and the corners of its classes.
func TestWordPairIsTheRegexp(t *testing.T) {
	for _, s := range wordPairSeeds() {
		assert.Equal(t, wordPairRE.MatchString(s), wordPair(s), "%q", s)
	}
}

func FuzzWordPairIsTheRegexp(f *testing.F) {
	for _, s := range wordPairSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		assert.Equal(t, wordPairRE.MatchString(s), wordPair(s), "%q", s)
	})
}

// TestLooksLikeSQL keeps the prefix test from hiding a query.
func TestLooksLikeSQL(t *testing.T) {
	for s, want := range map[string]bool{
		"SELECT count(*) FROM orders": true, "  select 1": true, "\n\tWith x as (select 1) select * from x": true,
		"with the help of": false, "selected / total": false, "sel": false, "": false, "orders / visits": false,
	} {
		assert.Equal(t, want, looksLikeSQL(s), "%q", s)
		assert.Equal(t, sqlStart().MatchString(s), looksLikeSQL(s), "%q", s)
	}
}
