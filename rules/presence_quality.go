package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// ActionMissing flags a KPI with no agreed actions.
var ActionMissing = &Rule{
	ID:       "action-missing",
	Severity: Warning,
	Group:    Completeness,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "Nobody knows what to do when the KPI moves",
		Principle: 7,
		Why: "A KPI creates value when a change in it triggers a decision. Write down what is done when it " +
			"turns red (or goes off target), and who does it; otherwise the review ends with \"let's keep an " +
			"eye on it\".",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    actions:\n      - {when: red, do: Review the 20 lowest-rated tickets within 5 working days}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if len(k.Actions) == 0 {
			p.ReportKPI(k, k.Loc(), "KPI %q has no actions: say what is done when it turns red (`actions:`)", k.ID)
		}
	},
}

// IndicatorMissing notes a KPI that does not say whether it leads or lags.
var IndicatorMissing = &Rule{
	ID:       "indicator-missing",
	Severity: Info,
	Group:    Completeness,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "The KPI does not say whether it is leading or lagging",
		Principle: 8,
		Why: "Leading indicators predict outcomes and are easier to influence; lagging ones confirm results. " +
			"Marking each lets kpilint check that every goal has a mix.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    indicator: lagging\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if !k.Has("indicator") {
			p.ReportKPI(k, k.Loc(), "KPI %q does not say whether it is a leading or a lagging indicator (`indicator:`)", k.ID)
		}
	},
}

// DescriptionMissing notes a KPI without a description.
var DescriptionMissing = &Rule{
	ID:       "description-missing",
	Severity: Info,
	Group:    Completeness,
	Doc: Doc{
		Title:     "KPI has no description",
		Principle: 3,
		Why: "A sentence in plain words — what is counted, for whom, over what period — is what a new " +
			"manager reads first. The formula says how; the description says what and why.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    description: Share of surveyed customers who rate their support experience 4 or 5 out of 5.\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if !k.Has("description") {
			p.ReportKPI(k, k.Loc(), "KPI %q has no description: say in one sentence what it measures", k.ID)
		}
	},
}
