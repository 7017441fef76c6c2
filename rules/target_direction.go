package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// TargetDirection flags a target on the wrong side of the baseline.
var TargetDirection = &Rule{
	ID:       "target-direction",
	Severity: Error,
	Doc: Doc{
		Title:     "The target lies on the wrong side of the baseline",
		Principle: 6,
		Why: "If higher is better and the target is below today's value, reaching the target means getting " +
			"worse. Either the direction or the target is wrong.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n    baseline: {value: 78}\n    target: {value: 70}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n    baseline: {value: 78}\n    target: {value: 85}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if wrongSide(k.Direction, k.Baseline, k.Target) {
			p.ReportKPI(k, k.At("target"), "the target %v is %s the baseline %v, but the KPI should %s",
				*k.Target.Value, map[bool]string{true: "below", false: "above"}[k.Direction == "increase"], *k.Baseline.Value, k.Direction)
		}
	},
}
