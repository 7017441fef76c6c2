package rules

import (
	"strings"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// OwnerInfluence flags owners who cannot influence the KPI: a placeholder
// or a group instead of a person (by name or by e-mail address), an owner
// from another part of the organisation, or a description that says the
// owner cannot move it.
var OwnerInfluence = &Rule{
	ID:       "owner-influence",
	Severity: Warning,
	Doc: Doc{
		Title:     "The owner cannot influence the KPI",
		Principle: 2,
		Why: "A KPI is only useful if the person accountable for it can move it. \"Management\", \"all\", " +
			"\"TBD\" or a group's mailing list is nobody; an owner from another department has no levers over a " +
			"team's work; and when the KPI's own description says its owner cannot influence it, it is " +
			"monitored, not owned. A manager higher up in the same line (an ancestor unit) may own a team KPI.",
		Bad: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support-nordics\n" +
			"    owner: {name: Management}\n    levers: [staffing]\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support-nordics\n" +
			"    owner: {name: Anna Berg, unit: support}\n    levers: [staffing, agent training]\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Owner == nil {
			return // owner-missing
		}
		// One finding for one gap: a group named as the owner is reported
		// once, by its name or else by its address.
		if word, ok := PlaceholderOwner(k.Owner.Name); ok {
			p.ReportKPI(k, k.At("owner"), "owner %q is a placeholder or a group (%q), not one accountable person", k.Owner.Name, word)
		} else if word, ok := GroupEmail(k.Owner.Email); ok {
			p.ReportKPI(k, k.At("owner", "email"), "the owner's e-mail %q is a group's address (%q), not one accountable person's", k.Owner.Email, word)
		} else if k.Owner.Name == "" && k.Has("owner", "name") {
			p.ReportKPI(k, k.At("owner"), "the owner's name is empty")
		}
		if OwnerOutside(p.Org, k) {
			p.ReportKPI(k, k.At("owner"), "owner belongs to %q, which is neither the measured unit %q nor above it: can they influence it?", k.Owner.Unit, k.Scope)
		}
		if m, ok := words("no-influence").find(k.Description); ok {
			p.ReportKPI(k, k.At("description"), "the description says the owner cannot move this KPI (%q): give it to an owner who can, or say what this owner can move (`levers:`)", m.phrase)
		}
	},
}

// GroupEmail reports whether an e-mail address is a group's (its local
// part is, or has as a word, a group word such as all, team or kpi), and
// the word that says so.
func GroupEmail(email string) (string, bool) {
	local, _, ok := strings.Cut(email, "@")
	if !ok || local == "" {
		return "", false
	}
	l := words("group-aliases")
	folded := normalize(local)
	if m, ok := l.find(folded); ok && m.start == 0 && m.end == len(folded) {
		return m.phrase, true // the whole local part: support@, no-reply@
	}
	for w := range strings.FieldsFuncSeq(folded, func(r rune) bool { return strings.ContainsRune("-._+", r) }) {
		if m, ok := l.find(w); ok && m.start == 0 && m.end == len(w) {
			return m.phrase, true
		}
	}
	return "", false
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
	return k.Owner != nil && OutsideLine(c, k.Owner.Unit, k.Scope)
}

// OutsideLine reports whether ownerUnit and scope are declared units and
// ownerUnit is neither scope nor above it.
func OutsideLine(c *catalogue.Org, ownerUnit, scope string) bool {
	if c.UnitIndex(ownerUnit) < 0 || c.UnitIndex(scope) < 0 {
		return false
	}
	return !c.IsAncestor(ownerUnit, scope)
}
