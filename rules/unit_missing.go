package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// UnitMissing flags a measure without a unit of measure.
var UnitMissing = &Rule{
	ID:       "unit-missing",
	Severity: Warning,
	Group:    Completeness,
	Doc: Doc{
		Title:     "The measure has no unit",
		Principle: 3,
		Why: "Is 85 a percentage, a score or a count? The unit of measure (ISO 22400 calls it out explicitly) " +
			"decides how the number is read, which range is valid and which targets make sense.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses * 100}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses * 100, unit: percent}\n",
	},
	Absent: func(k *catalogue.KPI) bool { return !k.Has("measure", "unit") },
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Measure != nil && !k.Has("measure", "unit") {
			p.ReportKPI(k, k.At("measure"), "the measure has no unit: add `unit:` (percent, ratio, count, score, a currency such as SEK, …)")
		}
	},
}
