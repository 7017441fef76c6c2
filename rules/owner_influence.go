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
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Owner == nil {
			return // owner-missing
		}
		if word, ok := PlaceholderOwner(k.Owner.Name); ok {
			p.ReportKPI(k, k.At("owner"), "owner %q is a placeholder or a group (%q), not one accountable person", k.Owner.Name, word)
		} else if k.Owner.Name == "" && k.Has("owner", "name") {
			p.ReportKPI(k, k.At("owner"), "the owner's name is empty")
		}
		if OwnerOutside(p.Org, k) {
			p.ReportKPI(k, k.At("owner"), "owner belongs to %q, which is neither the measured unit %q nor above it: can they influence it?", k.Owner.Unit, k.Scope)
		}
		if len(k.Levers) == 0 {
			p.ReportKPI(k, k.Loc(), "KPI %q lists no levers: say what its owner controls that moves it (`levers:`)", k.ID)
		}
	},
}

// PlaceholderOwner reports whether an owner name is a placeholder or a
// group rather than a person, and the word that says so.
func PlaceholderOwner(name string) (string, bool) {
	m, ok := words("owner-placeholders").find(name)
	return m.phrase, ok
}

// OwnerOutside reports whether the KPI's owner belongs to a unit that is
// neither the measured unit nor one of its ancestors.
func OwnerOutside(c *catalogue.Org, k *catalogue.KPI) bool {
	if k.Owner == nil || k.Owner.Unit == "" || c.Unit(k.Owner.Unit) == nil || c.Unit(k.Scope) == nil {
		return false
	}
	return !slices.ContainsFunc(c.Ancestors(k.Scope), func(u *catalogue.Unit) bool { return u.ID == k.Owner.Unit })
}
