package rules

import (
	"strings"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// UnknownReference flags references to ids that are not declared, and
// parent chains that loop.
var UnknownReference = &Rule{
	ID:       "unknown-reference",
	Severity: Error,
	Retired:  true,
	Doc: Doc{
		Title:     "A reference names an id that is not declared, or parents form a cycle",
		Principle: 1,
		Why: "A KPI tied to a goal that does not exist is not tied to a goal at all; a KPI scoped to an " +
			"unknown unit has no level and no owner context. Parent chains that loop make the organisation " +
			"tree and the goal tree meaningless.",
		Bad:  "kpis:\n  - {id: csat, name: Customer satisfaction, scope: support, goal: most-loved}\n",
		Good: "kpis:\n  - {id: csat, name: Customer satisfaction, scope: support, goal: loved-brand}\n",
	},
	Check: func(p *CataloguePass) {
		c := p.Catalogue.Org
		for _, u := range c.Units {
			if u.Parent != "" && c.Unit(u.Parent) == nil {
				p.Report(&u.Element, u.At("parent"), "unit %q has parent %q, which is not a declared unit", u.ID, u.Parent)
			}
			if cycle := unitCycle(c, u); cycle != nil {
				p.Report(&u.Element, u.At("parent"), "unit parents form a cycle: %s", strings.Join(cycle, " → "))
			}
		}
		for _, g := range c.Goals {
			if g.Parent != "" && c.Goal(g.Parent) == nil {
				p.Report(&g.Element, g.At("parent"), "goal %q has parent %q, which is not a declared goal", g.ID, g.Parent)
			}
			if g.Scope != "" && c.Unit(g.Scope) == nil {
				p.Report(&g.Element, g.At("scope"), "goal %q is scoped to %q, which is not a declared unit", g.ID, g.Scope)
			}
			if cycle := goalCycle(c, g); cycle != nil {
				p.Report(&g.Element, g.At("parent"), "goal parents form a cycle: %s", strings.Join(cycle, " → "))
			}
		}
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		c := p.Org
		for _, id := range k.Goals {
			if c.Goal(id) == nil {
				p.ReportKPI(k, k.At("goal"), "KPI %q measures goal %q, which is not a declared goal", k.ID, id)
			}
		}
		if k.Scope != "" && c.Unit(k.Scope) == nil {
			p.ReportKPI(k, k.At("scope"), "KPI %q is scoped to %q, which is not a declared unit", k.ID, k.Scope)
		}
		if k.Owner != nil && k.Owner.Unit != "" && c.Unit(k.Owner.Unit) == nil {
			p.ReportKPI(k, k.At("owner", "unit"), "owner unit %q is not a declared unit", k.Owner.Unit)
		}
	},
}

// parentCycle returns the ids of the cycle that start's parent chain
// forms, if start is part of it. parent returns an id's declared parent.
func parentCycle(start string, parent func(id string) (string, bool)) []string {
	path := []string{start}
	seen := map[string]bool{start: true}
	for id, ok := parent(start); ok; id, ok = parent(id) {
		path = append(path, id)
		if id == start {
			return path
		}
		if seen[id] {
			return nil // a cycle further up that start is not part of
		}
		seen[id] = true
	}
	return nil
}

func unitCycle(c *catalogue.Org, u *catalogue.Unit) []string {
	return parentCycle(u.ID, func(id string) (string, bool) {
		if x := c.Unit(id); x != nil && c.Unit(x.Parent) != nil {
			return x.Parent, true
		}
		return "", false
	})
}

func goalCycle(c *catalogue.Org, g *catalogue.Goal) []string {
	return parentCycle(g.ID, func(id string) (string, bool) {
		if x := c.Goal(id); x != nil && c.Goal(x.Parent) != nil {
			return x.Parent, true
		}
		return "", false
	})
}
