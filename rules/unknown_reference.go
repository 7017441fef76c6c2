package rules

import (
	"fmt"
	"slices"
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
		for i := range c.NumUnits() {
			if parent := c.UnitParent(i); parent != "" && c.UnitIndex(parent) < 0 {
				u := c.UnitAt(i)
				p.Report(&u.Element, u.At("parent"), "unit %q has parent %q, which is not a declared unit", u.ID, u.Parent)
			}
		}
		for _, cycle := range cycles(c.NumUnits(), func(i int) (string, string) { return c.UnitID(i), c.UnitParent(i) },
			c.UnitIndex, func(id string) bool { return c.UnitIndex(id) >= 0 }) {
			u, _ := c.Unit(cycle[0])
			p.Report(&u.Element, u.At("parent"), "unit parents form a cycle: %s", showCycle(cycle))
		}
		for i := range c.NumGoals() {
			g := c.GoalAt(i)
			if g.Parent != "" && c.GoalIndex(g.Parent) < 0 {
				p.Report(&g.Element, g.At("parent"), "goal %q has parent %q, which is not a declared goal", g.ID, g.Parent)
			}
			if g.Scope != "" && c.UnitIndex(g.Scope) < 0 {
				p.Report(&g.Element, g.At("scope"), "goal %q is scoped to %q, which is not a declared unit", g.ID, g.Scope)
			}
		}
		for _, cycle := range cycles(c.NumGoals(), func(i int) (string, string) { return c.GoalID(i), c.GoalParent(i) },
			c.GoalIndex, func(id string) bool { return c.GoalIndex(id) >= 0 }) {
			g, _ := c.Goal(cycle[0])
			p.Report(&g.Element, g.At("parent"), "goal parents form a cycle: %s", showCycle(cycle))
		}
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		c := p.Org
		for _, id := range k.Goals {
			if c.GoalIndex(id) < 0 {
				p.ReportKPI(k, k.At("goal"), "KPI %q measures goal %q, which is not a declared goal", k.ID, id)
			}
		}
		if k.Scope != "" && c.UnitIndex(k.Scope) < 0 {
			p.ReportKPI(k, k.At("scope"), "KPI %q is scoped to %q, which is not a declared unit", k.ID, k.Scope)
		}
		if k.Owner != nil && k.Owner.Unit != "" && c.UnitIndex(k.Owner.Unit) < 0 {
			p.ReportKPI(k, k.At("owner", "unit"), "owner unit %q is not a declared unit", k.Owner.Unit)
		}
	},
}

// cycles finds every parent cycle once, in time linear in the number of
// elements: each element's chain is followed until it reaches an element
// already settled or one on the current path (a cycle). A cycle is
// reported at its member declared first, as the ids around it from there.
// elem(i) is the i-th declaration's id and parent; first(id) is the first
// declaration of an id (-1: none), the one that counts, and known says
// whether an id is declared.
func cycles(n int, elem func(i int) (id, parent string), first func(id string) int, known func(id string) bool) [][]string {
	// Declarations by number: next[i] is the first declaration of i's
	// parent when that is known (-1 otherwise). Maps keyed by id for the
	// walk itself were most of the rule's time at 250,000 units, and
	// copies of the ids and parents with an index of their own 15 MB at
	// the peak of a run of a million KPIs.
	isKnown := make([]bool, n)
	for i := range n {
		if id, _ := elem(i); id != "" && first(id) == i {
			isKnown[i] = known(id)
		}
	}
	next := make([]int32, n)
	for i := range n {
		next[i] = -1
		if _, parent := elem(i); parent != "" {
			if j := first(parent); j >= 0 && isKnown[j] {
				next[i] = int32(j) //nolint:gosec // fewer declarations than fit in memory
			}
		}
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, n)
	var out [][]string
	var path []int32
	for i := range int32(n) { //nolint:gosec // as above
		if !isKnown[i] || state[i] != unseen { // known: a first declaration, of an id
			continue
		}
		path = path[:0]
		j := i
		for j >= 0 && state[j] == unseen {
			state[j] = onPath
			path = append(path, j)
			j = next[j]
		}
		if j >= 0 && state[j] == onPath {
			cycle := path[slices.Index(path, j):]
			low := 0 // the member declared first
			for k, m := range cycle {
				if m < cycle[low] {
					low = k
				}
			}
			named := make([]string, 0, len(cycle)+1)
			for _, m := range append(append(cycle[low:len(cycle):len(cycle)], cycle[:low]...), cycle[low]) {
				id, _ := elem(int(m))
				named = append(named, id)
			}
			out = append(out, named)
		}
		for _, m := range path {
			state[m] = done
		}
	}
	return out
}

// showCycle writes a cycle's ids, at most 12 of them: a cycle of 8,000
// goals is one finding of one line.
func showCycle(ids []string) string {
	if len(ids) <= 12 {
		return strings.Join(ids, " → ")
	}
	return strings.Join(ids[:10], " → ") + fmt.Sprintf(" → … (%d in all) → ", len(ids)-1) + ids[len(ids)-1]
}
