package rules

import (
	"github.com/kpilint/kpilint/internal/tree"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// GoalMissing flags a KPI that is not tied to a strategic goal.
var GoalMissing = &Rule{
	ID:       "goal-missing",
	Severity: Error,
	Group:    Completeness,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "KPI is not tied to a strategic goal",
		Principle: 1,
		Why: "A goal says what we want to achieve; a KPI measures how we are doing on the way there. A KPI " +
			"with no goal measures something nobody decided matters, and it competes for attention with the " +
			"KPIs that do.",
		Bad:  "kpis:\n  - id: tickets-closed\n    name: Tickets closed per agent\n    scope: support\n",
		Good: "kpis:\n  - id: tickets-closed\n    name: Tickets closed per agent\n    scope: support\n    goal: fast-help\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if g := k.Get("goal"); g == nil || g.Kind == tree.Null || g.Kind == tree.List && len(g.Items) == 0 {
			p.ReportKPI(k, k.Loc(), "KPI %q is not tied to a strategic goal: add `goal:` with the goal it measures", k.ID)
		}
	},
}

// OwnerMissing flags a KPI nobody is accountable for.
var OwnerMissing = &Rule{
	ID:       "owner-missing",
	Severity: Error,
	Group:    Completeness,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "KPI has no accountable owner",
		Principle: 2,
		Why: "A KPI that everybody watches and nobody owns is never acted on. Name one person who is " +
			"accountable for it and can influence it.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    owner: {name: Anna Berg, role: Head of Support, unit: support}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if !k.Has("owner") {
			p.ReportKPI(k, k.Loc(), "KPI %q has no owner: name the one person accountable for it", k.ID)
		}
	},
}

// FormulaMissing flags a KPI with no formula.
var FormulaMissing = &Rule{
	ID:       "formula-missing",
	Severity: Error,
	Group:    Completeness,
	Doc: Doc{
		Title:     "KPI has no formula",
		Principle: 3,
		Why: "Without a formula, two people will compute the KPI differently and argue about the number " +
			"instead of acting on it. Write down exactly how it is computed, from which named data.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {unit: percent}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {unit: percent, formula: satisfied / responses * 100}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		switch {
		case !k.Has("measure"):
			p.ReportKPI(k, k.Loc(), "KPI %q has no measure: say how it is computed (`measure.formula`)", k.ID)
		case !k.Has("measure", "formula"):
			p.ReportKPI(k, k.At("measure"), "KPI %q has no formula: add `formula:` to its measure", k.ID)
		}
	},
}

// CadenceMissing flags a KPI with no review rhythm.
var CadenceMissing = &Rule{
	ID:       "cadence-missing",
	Severity: Error,
	Group:    Completeness,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "KPI has no review cadence",
		Principle: 4,
		Why: "A KPI creates value only when it is followed up on a regular rhythm and used to decide and " +
			"act. Say how often it is reviewed, and where.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    cadence: {measure: weekly}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    cadence: {measure: weekly, review: monthly, forum: Support leadership meeting}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		switch {
		case k.Effective.Review != "": // its own, or inherited from a unit
		case !k.Has("cadence"):
			p.ReportKPI(k, k.Loc(), "KPI %q has no cadence: say how often it is reviewed (`cadence.review`)", k.ID)
		case !k.Has("cadence", "review"):
			p.ReportKPI(k, k.At("cadence"), "KPI %q has no review cadence: add `review:` to its cadence", k.ID)
		}
	},
}
