package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// VagueFormula flags a formula that is prose or contains vague words.
var VagueFormula = &Rule{
	ID:       "vague-formula",
	Severity: Warning,
	Doc: Doc{
		Title:     "The formula is prose or vague",
		Principle: 3,
		Why: "A formula is a definition: numbers, input names, + - * /, parentheses, min, max and abs. Prose " +
			"(\"sum of all invoices, roughly\") or vague words (\"improve\", \"approximately\", \"TBD\", \"ungefär\") " +
			"mean two people will compute two different numbers.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: share of happy customers, roughly}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses * 100}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Measure == nil || !k.Has("measure", "formula") {
			return
		}
		f := k.Measure.Formula
		// A formula in another language (SQL, MetricFlow, …) is kept as
		// written: only vague words and placeholders are looked for.
		if k.Measure.InKpilint() {
			if _, err := k.Measure.ParsedFormula(); err != nil {
				p.ReportKPI(k, k.At("measure", "formula"), "the formula is not arithmetic (%v): write it with input names, numbers, + - * / and min, max, abs", err)
				return
			}
		}
		if m, ok := words("vague").find(f); ok {
			p.ReportKPI(k, k.At("measure", "formula"), "the formula contains the vague word %q: define exactly what is counted", m.phrase)
		}
	},
}
