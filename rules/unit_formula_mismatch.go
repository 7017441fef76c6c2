package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// UnitFormulaMismatch flags a percentage computed as a share, and a share
// computed as a percentage.
var UnitFormulaMismatch = &Rule{
	ID:       "unit-formula-mismatch",
	Severity: Warning,
	Doc: Doc{
		Title:     "The unit and the formula disagree on percent or share",
		Principle: 3,
		Why: "A formula that divides gives a share between 0 and 1; a percentage is that share times 100. " +
			"When the unit says `percent` but the formula stops at the division, every value, target and " +
			"threshold is read a hundred times too small — or, for `share` with `* 100`, a hundred times too large.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses, unit: percent}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses * 100, unit: percent}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		e := parsedFormula(k)
		if e == nil {
			return
		}
		switch {
		case k.Measure.Unit == "percent" && e.IsQuotient() && !e.ScalesBy100():
			p.ReportKPI(k, k.At("measure", "unit"), "the unit is percent, but the formula ends in a division, which gives a share (0–1): multiply by 100, or use `unit: share`")
		case k.Measure.Unit == "share" && e.ScalesBy100():
			p.ReportKPI(k, k.At("measure", "unit"), "the unit is share (0–1), but the formula multiplies by 100, which gives a percentage: drop the 100, or use `unit: percent`")
		}
	},
}
