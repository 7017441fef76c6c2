package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// TargetMissing flags a KPI without a target.
var TargetMissing = &Rule{
	ID:       "target-missing",
	Severity: Warning,
	Group:    Completeness,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "KPI has no target",
		Principle: 6,
		Why: "Without a target, nobody can tell whether 78 is good or bad, and no review can end in a " +
			"decision. Set a target that is challenging but realistic.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    baseline: {value: 78}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    baseline: {value: 78}\n    target: {value: 85}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if !k.HasTarget() { // a point, a floor or ceiling, steps, or none with a reason
			p.ReportKPI(k, k.Loc(), "KPI %q has no target: say what value counts as success", k.ID)
		}
	},
}
