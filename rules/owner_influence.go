package rules

import (
	"slices"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// OwnerInfluence flags owners who cannot influence the KPI: a placeholder
// or a group instead of a person, an owner from another part of the
// organisation, or a KPI with no levers.
var OwnerInfluence = &Rule{
	ID:       "owner-influence",
	Severity: Warning,
	Doc: Doc{
		Title:     "The owner cannot influence the KPI",
		Principle: 2,
		Why: "A KPI is only useful if the person accountable for it can move it. \"Management\", \"all\" or " +
			"\"TBD\" is nobody; an owner from another department has no levers over a team's work; and a KPI " +
			"without `levers` does not say what its owner can actually change. A manager higher up in the " +
			"same line (an ancestor unit) may own a team KPI.",
		Bad: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support-nordics\n" +
			"    owner: {name: Management}\n    levers: [staffing]\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support-nordics\n" +
			"    owner: {name: Anna Berg, unit: support}\n    levers: [staffing, agent training]\n",
	},
	CheckKPI: func(p *Pass, k *catalogue.KPI) {
		c := p.Catalogue
		if k.Owner == nil {
			return // owner-missing
		}
		if m, ok := words("owner-placeholders").find(k.Owner.Name); ok {
			p.ReportKPI(k, k.At("owner"), "owner %q is a placeholder or a group (%q), not one accountable person", k.Owner.Name, m.phrase)
		} else if k.Owner.Name == "" && k.Has("owner", "name") {
			p.ReportKPI(k, k.At("owner"), "the owner's name is empty")
		}
		if k.Owner.Unit != "" && c.Unit(k.Owner.Unit) != nil && c.Unit(k.Scope) != nil {
			line := c.Ancestors(k.Scope)
			if !slices.ContainsFunc(line, func(u *catalogue.Unit) bool { return u.ID == k.Owner.Unit }) {
				p.ReportKPI(k, k.At("owner"), "owner belongs to %q, which is neither the measured unit %q nor above it: can they influence it?", k.Owner.Unit, k.Scope)
			}
		}
		if len(k.Levers) == 0 {
			p.ReportKPI(k, k.Loc(), "KPI %q lists no levers: say what its owner controls that moves it (`levers:`)", k.ID)
		}
	},
}
