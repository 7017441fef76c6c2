package rules

import (
	"strings"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// VanityMetric flags cumulative or gross counts.
var VanityMetric = &Rule{
	ID:       "vanity-metric",
	Severity: Warning,
	Doc: Doc{
		Title:     "Looks like a vanity metric: a cumulative or gross count",
		Principle: 7,
		Why: "Total page views, all-time sign-ups and follower counts only ever go up; they look good on " +
			"paper and nobody knows what to do when they move. Measure a rate or a share instead (sign-ups " +
			"per visitor, active users per registered user). kpilint flags a name with such a term when the " +
			"unit is `count` and the formula does not divide: \"Total cost per transaction\" is fine.",
		Bad:  "kpis:\n  - id: signups\n    name: Total sign-ups\n    scope: support\n    measure: {formula: signups, unit: count}\n",
		Good: "kpis:\n  - id: signup-rate\n    name: Sign-ups per visitor\n    scope: support\n    measure: {formula: signups / visitors * 100, unit: percent}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		// A count (or a number of no stated unit) that is not a rate, and
		// that is not something to burn down (a backlog, incidents).
		if k.Direction == "decrease" || k.Measure != nil && (k.Measure.Unit != "count" && k.Measure.Unit != "" || divides(k)) {
			return
		}
		if isRate(k.Name) || isRate(k.Description) {
			return // "Support MR rate", "visits per inhabitant", "the average number of likes on a comment"
		}
		if m, ok := vanityIn(k.Name, "vanity-cumulative", "vanity"); ok {
			p.ReportKPI(k, k.At("name"), "%q looks like a vanity metric (%q, a count with no division): measure a rate or share that someone can act on", k.Name, m.phrase)
		} else if m, ok := words("vanity-cumulative").find(k.Description); ok {
			// A description mentions members or visits in passing; only a
			// cumulative count is a signal there.
			p.ReportKPI(k, k.At("description"), "the description of %q says it is a cumulative or gross count (%q): measure a rate or share that someone can act on", k.Name, m.phrase)
		}
	},
}

// rateName finds the words that make a name a rate or an average.
var rateName = lazyRegexp(`(^|\s)(rate|ratio|per|average|mean|median|share|percent|percentage|%|andel|snitt|genomsnitt|genomsnittligt|medelvärde|kvot|procent)(\s|$)`)

// perPeriod is "per quarter", "per month", "i månaden": a count over a
// period, which is still a count ("Forum likes per quarter").
var perPeriod = lazyRegexp(`(^|\s)(per|a|each|i|per\s+each)\s+(day|week|month|quarter|year|release|milestone|dag|dagen|vecka|veckan|månad|månaden|kvartal|kvartalet|år|året)(\s|$)`)

// isRate reports whether a name or description says the number is a rate
// or an average (not over a period of time, which is still a count).
func isRate(text string) bool {
	return rateName().MatchString(perPeriod().ReplaceAllString(normalize(text), " "))
}

// vanityIn finds a phrase of any of the lists in text.
func vanityIn(text string, concepts ...string) (match, bool) {
	for _, c := range concepts {
		if m, ok := words(c).find(text); ok {
			return m, true
		}
	}
	return match{}, false
}

// divides reports whether the KPI's formula divides (a rate or a share).
func divides(k *catalogue.KPI) bool {
	if e := parsedFormula(k); e != nil {
		return e.HasDivision()
	}
	f := normalize(k.Measure.Formula)
	return strings.Contains(f, "/") || strings.Contains(" "+f+" ", " per ")
}
