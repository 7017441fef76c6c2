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
		for _, u := range c.Units {
			if u.Parent != "" && c.Unit(u.Parent) == nil {
				p.Report(&u.Element, u.At("parent"), "unit %q has parent %q, which is not a declared unit", u.ID, u.Parent)
			}
		}
		for _, cycle := range cycles(len(c.Units), func(i int) (string, string) { return c.Units[i].ID, c.Units[i].Parent },
			func(id string) bool { return c.Unit(id) != nil }) {
			u := c.Unit(cycle[0])
			p.Report(&u.Element, u.At("parent"), "unit parents form a cycle: %s", showCycle(cycle))
		}
		for _, g := range c.Goals {
			if g.Parent != "" && c.Goal(g.Parent) == nil {
				p.Report(&g.Element, g.At("parent"), "goal %q has parent %q, which is not a declared goal", g.ID, g.Parent)
			}
			if g.Scope != "" && c.Unit(g.Scope) == nil {
				p.Report(&g.Element, g.At("scope"), "goal %q is scoped to %q, which is not a declared unit", g.ID, g.Scope)
			}
		}
		for _, cycle := range cycles(len(c.Goals), func(i int) (string, string) { return c.Goals[i].ID, c.Goals[i].Parent },
			func(id string) bool { return c.Goal(id) != nil }) {
			g := c.Goal(cycle[0])
			p.Report(&g.Element, g.At("parent"), "goal parents form a cycle: %s", showCycle(cycle))
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

func same(s string) string { return s }

// cycles finds every parent cycle once, in time linear in the number of
// elements: each element's chain is followed until it reaches an element
// already settled or one on the current path (a cycle). A cycle is
// reported at its member declared first, as the ids around it from there.
// elem(i) is the i-th declaration's id and parent; known says whether an id
// is declared (the first declaration of an id is the one that counts).
func cycles(n int, elem func(i int) (id, parent string), known func(id string) bool) [][]string {
	// Declarations by number: first[id] is an id's first declaration,
	// next[i] the first declaration of i's parent when that is known
	// (-1 otherwise). Maps keyed by id for the walk itself were most of
	// the rule's time at 250,000 units.
	ids := make([]string, n)
	parents := make([]string, n)
	for i := range n {
		ids[i], parents[i] = elem(i)
	}
	byID := catalogue.IndexIDs(ids, same)
	first := func(id string) int32 { return int32(catalogue.FindID(byID, ids, same, id)) } //nolint:gosec // fewer declarations than fit in memory
	isKnown := make([]bool, n)
	for i, id := range ids {
		if id != "" && first(id) == int32(i) { //nolint:gosec // as above
			isKnown[i] = known(id)
		}
	}
	next := make([]int32, n)
	for i := range n {
		next[i] = -1
		if j := first(parents[i]); j >= 0 && isKnown[j] {
			next[i] = j
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
				named = append(named, ids[m])
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
