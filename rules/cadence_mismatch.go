package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// CadenceMismatch flags a review rhythm that does not fit the data.
var CadenceMismatch = &Rule{
	ID:       "cadence-mismatch",
	Severity: Warning,
	Doc: Doc{
		Title:     "Review and data refresh rhythms do not fit",
		Principle: 4,
		Why: "Reviewing monthly data every week means three meetings out of four look at the same number. " +
			"Say how often the data refreshes (`cadence.measure`) and review no more often than that. " +
			"Reviewing less often than the data refreshes is fine.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    cadence: {measure: monthly, review: weekly}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    cadence: {measure: weekly, review: monthly}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		// Only when both rhythms are stated, on the KPI or inherited from
		// its units: an unstated data refresh is not a mismatch.
		c := k.Effective
		if freqRank(c.Measure) >= 0 && freqRank(c.Review) >= 0 && freqRank(c.Review) < freqRank(c.Measure) {
			p.ReportKPI(k, k.At("cadence"), "reviewed %s but the data refreshes only %s: most reviews will see the same number", c.Review, c.Measure)
		}
	},
}
