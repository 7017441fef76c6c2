package rules

// The suppression rules are reported by the lint pass, which is where
// directives are matched against findings.

// SuppressionUnused flags an ignore directive that suppressed nothing.
var SuppressionUnused = &Rule{
	ID:       "suppression-unused",
	Severity: Warning,
	Retired:  true,
	Doc: Doc{
		Title: "An ignore directive suppresses nothing",
		Why: "A directive that no longer matches a finding hides the next real problem at that place. " +
			"Remove directives once the KPI is fixed.",
		Bad:  "kpis:\n  # kpilint:ignore goal-missing -- reviewed with the CFO\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    goal: loved-brand\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    goal: loved-brand\n",
	},
}

// SuppressionMalformed flags an ignore directive without a reason or with
// an unknown rule.
var SuppressionMalformed = &Rule{
	ID:       "suppression-malformed",
	Severity: Error,
	Retired:  true,
	Doc: Doc{
		Title: "An ignore directive has no reason or names an unknown rule",
		Why: "Suppressing a finding is a decision; the reason records it for the next reviewer. A directive " +
			"naming a rule that does not exist suppresses nothing.",
		Bad:  "kpis:\n  # kpilint:ignore goal-missing\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n",
		Good: "kpis:\n  # kpilint:ignore goal-missing -- tracked for the regulator, not for strategy\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n",
	},
}
