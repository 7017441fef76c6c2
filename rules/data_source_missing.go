package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// DataSourceMissing flags inputs that do not say where their data comes from.
var DataSourceMissing = &Rule{
	ID:       "data-source-missing",
	Severity: Warning,
	Group:    Completeness,
	Doc: Doc{
		Title:     "An input does not say where its data comes from",
		Principle: 3,
		Why: "A KPI is only as reliable as the data behind it. Naming the source of every input (a system, a " +
			"table, a survey) tells the reader the data exists and whom to ask when the number looks wrong.",
		Bad: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure:\n" +
			"      formula: satisfied / responses * 100\n      inputs:\n        satisfied: {description: scores 4 or 5}\n        responses: {source: survey.responses}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure:\n" +
			"      formula: satisfied / responses * 100\n      inputs:\n        satisfied: {source: survey.responses}\n        responses: {source: survey.responses}\n",
	},
	Absent: func(k *catalogue.KPI) bool {
		if k.Measure == nil {
			return true
		}
		if k.Measure.Source != "" {
			return false
		}
		if len(k.Measure.Inputs) == 0 {
			return true
		}
		for _, in := range k.Measure.Inputs {
			if in.Source == "" {
				return true
			}
		}
		return false
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Measure == nil || k.Measure.Source != "" || !k.Has("measure", "formula") {
			// measure.source stands for every input without a source of its
			// own; a measure without a formula is formula-missing's.
			return
		}
		if len(k.Measure.Inputs) == 0 {
			p.ReportKPI(k, k.At("measure"), "the measure declares no inputs: name the data the formula uses and its source (`inputs:`)")
			return
		}
		for _, in := range k.Measure.Inputs {
			if in.Source == "" {
				p.ReportKPI(k, k.File.KeyLoc(in.Node), "input %q has no source: say which system or data set it comes from", in.Name)
			}
		}
	},
}
