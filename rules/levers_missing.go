package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// LeversMissing flags an owned KPI that does not say what its owner can
// change to move it.
var LeversMissing = &Rule{
	ID:       "levers-missing",
	Severity: Info,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "The KPI does not say what its owner can change to move it",
		Principle: 2,
		Why: "An owner is accountable for a KPI only if they control something that moves it. Listing the " +
			"levers (staffing, a process, a budget) shows the KPI is within their reach, and tells a reviewer " +
			"what the follow-up can decide on. This is a note, not a fault: many good catalogues leave it out.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    owner: {name: Anna Berg, unit: support}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    owner: {name: Anna Berg, unit: support}\n    levers: [staffing, agent training]\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Owner != nil && len(k.Levers) == 0 {
			p.ReportKPI(k, k.Loc(), "KPI %q lists no levers: say what its owner controls that moves it (`levers:`)", k.ID)
		}
	},
}
