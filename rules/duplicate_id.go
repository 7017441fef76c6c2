package rules

import (
	"cmp"
	"hash/maphash"
	"slices"
)

// DuplicateID flags an id declared twice among units, goals or KPIs.
var DuplicateID = &Rule{
	ID:       "duplicate-id",
	Severity: Error,
	Retired:  true,
	Doc: Doc{
		Title: "The same id is declared twice",
		Why: "References between units, goals and KPIs go by id. Two KPIs with one id make every " +
			"reference, report and dashboard ambiguous: which one is meant?",
		Bad:  "kpis:\n  - {id: csat, name: Customer satisfaction, scope: support}\n  - {id: csat, name: Customer satisfaction (web), scope: support}\n",
		Good: "kpis:\n  - {id: csat, name: Customer satisfaction, scope: support}\n  - {id: csat-web, name: Customer satisfaction (web), scope: support}\n",
	},
	Check: func(p *CataloguePass) {
		units, goals, kpis := p.Catalogue.Units, p.Catalogue.Goals, p.KPIs()
		for _, d := range duplicates(len(units), func(i int) string { return units[i].ID }) {
			u, first := units[d.at], units[d.first]
			f := p.Report(&u.Element, u.At("id"), "%s id %q is already declared in %s", "unit", u.ID, first.File.Path)
			Related(f, first.At("id"), "first declared here")
		}
		for _, d := range duplicates(len(goals), func(i int) string { return goals[i].ID }) {
			g, first := goals[d.at], goals[d.first]
			f := p.Report(&g.Element, g.At("id"), "%s id %q is already declared in %s", "goal", g.ID, first.File.Path)
			Related(f, first.At("id"), "first declared here")
		}
		for _, d := range duplicates(len(kpis), func(i int) string { return kpis[i].ID() }) {
			k, first := kpis[d.at], kpis[d.first]
			f := p.ReportKPI(k, k.At("id"), "%s id %q is already declared in %s", "KPI", k.ID(), first.File().Path)
			Related(f, first.At("id"), "first declared here")
		}
	},
}

// duplicate is a declaration whose id an earlier one (first) declared.
type duplicate struct{ at, first int }

// duplicates finds, among n declarations, each one whose non-empty id an
// earlier one declared, in declaration order. It sorts the ids' 64-bit
// hashes rather than filling a map of the ids: 16 bytes a declaration,
// which a million KPIs can afford (a map of declarations held 130 MB).
func duplicates(n int, id func(i int) string) []duplicate {
	type entry struct {
		hash uint64
		i    int
	}
	seed := maphash.MakeSeed()
	entries := make([]entry, 0, n)
	for i := range n {
		if s := id(i); s != "" {
			entries = append(entries, entry{maphash.String(seed, s), i})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := cmp.Compare(a.hash, b.hash); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	var out []duplicate
	for from := 0; from < len(entries); {
		to := from + 1
		for to < len(entries) && entries[to].hash == entries[from].hash {
			to++
		}
		// Within a run of one hash (in declaration order), a declaration
		// with the run's first id repeats it; a different id is a hash
		// collision, sorted out by a map of the run's other ids, so that a
		// run of 50,000 equal ids stays linear.
		head := id(entries[from].i)
		var others map[string]int
		for _, e := range entries[from+1 : to] {
			s := id(e.i)
			if s == head {
				out = append(out, duplicate{e.i, entries[from].i})
				continue
			}
			if others == nil {
				others = map[string]int{}
			}
			if first, ok := others[s]; ok {
				out = append(out, duplicate{e.i, first})
			} else {
				others[s] = e.i
			}
		}
		from = to
	}
	slices.SortFunc(out, func(a, b duplicate) int { return cmp.Compare(a.at, b.at) })
	return out
}
