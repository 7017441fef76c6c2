package rules

// Policy findings come from the user's own CUE constraints (internal/policy).
var Policy = &Rule{
	ID:       "policy",
	Severity: Error,
	Doc: Doc{
		Title: "A value breaks the organisation's own policy",
		Why: "Every organisation has rules of its own on top of the general ones: owners have a company " +
			"address, money is reported in one currency, team KPIs are reviewed weekly. Write them in CUE " +
			"files listed under `policy:` in kpilint.yaml; they add constraints to kpilint's definitions " +
			"(#KPI, #Goal, #Unit, and #OrganisationKPI, #DepartmentKPI, #TeamKPI by level).",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    owner: {name: Anna Berg, email: anna@gmail.com}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    owner: {name: Anna Berg, email: anna.berg@acme.se}\n",
	},
}
