package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGoalLike(t *testing.T) {
	for _, name := range []string{
		"Increase customer satisfaction",
		"Improve NPS",
		"Reduce churn below 2 %",
		"Customer satisfaction above 85 %",
		"Customer satisfaction above 85",
		"CSAT över 85 %",
		"Revenue by 2027",
		"Öka kundnöjdheten",
		"Vi ska bli bäst på service",
		"We will be the market leader",
		"Nå 100 nya kunder",
		"Churn at most 2",
		"Intäkter senast 2027",
		"ＩＮＣＲＥＡＳＥ revenue", // full-width letters, NFKC-normalised
	} {
		assert.NotEmpty(t, goalLike(name), name)
	}
	for _, name := range []string{
		"Customer satisfaction (CSAT)",
		"Increase in recurring revenue",
		"Reduction in lead time",
		"Share of orders over 1000 SEK",
		"Share of customers under 18",
		"Time to first response",
		"Tickets answered within 24 hours",
		"Growth rate of revenue",
		"Net promoter score",
		"Double-booked meetings",
		"Andel ärenden lösta vid första kontakt",
		"Revenue over 12 months",
		"Increase",
	} {
		assert.Empty(t, goalLike(name), name)
	}
}

func TestWordListsAreBilingualAndLargeEnough(t *testing.T) {
	for concept, min := range map[string]int{"vague": 40, "change-verbs": 40, "vanity": 40, "owner-placeholders": 40} {
		for _, lang := range []string{"en", "sv"} {
			data, err := wordFiles.ReadFile("words/" + concept + "." + lang + ".txt")
			assert.NoError(t, err)
			n := 0
			for _, line := range splitLines(string(data)) {
				if line != "" && line[0] != '#' {
					n++
				}
			}
			assert.GreaterOrEqual(t, n, min, concept+"."+lang)
		}
	}
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		out = append(out, strings.TrimSpace(l))
	}
	return out
}

// orBetterIn runs the regexp only on texts with " or " or " eller ": the
// same answers as the regexp on every text.
func TestOrBetterPrefilterAgreesWithRegexp(t *testing.T) {
	texts := append(wordListTexts(), "NPS 40 or better", "Andel 85 %  eller  bättre", "uptime 99.9% or\thigher",
		"orders 5 or more per day", "score 3,5 eller mer", "better or worse", "4 or", "or better 5")
	found := 0
	for _, text := range texts {
		n := normalize(text)
		want := orBetter().FindString(n)
		assert.Equal(t, want, orBetterIn(n), "%q", text)
		if want != "" {
			found++
		}
	}
	assert.GreaterOrEqual(t, found, 5, "too few texts with a match")
}
