package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// ReviewOverdue flags KPIs whose last review is long past.
var ReviewOverdue = &Rule{
	ID:       "review-overdue",
	Severity: Warning,
	Doc: Doc{
		Title:     "The last review is overdue",
		Principle: 4,
		Why: "A KPI that should be reviewed monthly and was last reviewed half a year ago is not being used " +
			"to decide anything. kpilint flags a `last_review` older than two review periods (`--today` sets " +
			"the date it judges by).",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    cadence: {measure: weekly, review: monthly, last_review: 2020-01-31}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    cadence: {measure: weekly, review: monthly}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		c := k.Effective // its own, or inherited from its units
		if freqRank(c.Review) < 0 {
			return
		}
		last, ok := date(c.LastReview)
		if !ok {
			return
		}
		if due := minusPeriods(p.Today, c.Review, 2); last.Before(due) {
			p.ReportKPI(k, k.At("cadence", "last_review"), "last reviewed %s; a %s review is overdue by more than two periods", c.LastReview, c.Review)
		}
	},
}
