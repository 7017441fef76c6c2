package rules

import (
	"hash/maphash"
	"iter"
	"slices"

	"github.com/kpilint/kpilint/internal/catalogue"
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
		c, kpis := p.Catalogue, p.KPIs()
		for _, d := range duplicatesIn(c.NumUnits(), c.UnitID, c.UnitIndex) {
			u, first := c.UnitAt(d.at), c.UnitAt(d.first)
			f := p.Report(&u.Element, u.At("id"), "%s id %q is already declared in %s", "unit", u.ID, first.File.Path)
			Related(f, first.At("id"), "first declared here")
		}
		for _, d := range duplicatesIn(c.NumGoals(), c.GoalID, c.GoalIndex) {
			g, first := c.GoalAt(d.at), c.GoalAt(d.first)
			f := p.Report(&g.Element, g.At("id"), "%s id %q is already declared in %s", "goal", g.ID, first.File.Path)
			Related(f, first.At("id"), "first declared here")
		}
		ids := func(yield func(int, string) bool) {
			for i, k := range kpis.All() {
				if !yield(i, k.ID()) {
					return
				}
			}
		}
		seed := maphash.MakeSeed()
		hash := func(s string) uint32 { return uint32(maphash.String(seed, s)) }
		for _, d := range duplicates(kpis.Len(), ids, func(i int) string { return kpis.At(i).ID() }, hash) {
			k, first := kpis.At(d.at), kpis.At(d.first)
			f := p.ReportKPI(k, k.At("id"), "%s id %q is already declared in %s", "KPI", k.ID(), first.File().Path)
			Related(f, first.At("id"), "first declared here")
		}
	},
}

// duplicate is a declaration whose id an earlier one (first) declared.
type duplicate struct{ at, first int }

// duplicates finds, among n declarations, each one whose non-empty id an
// earlier one declared, in declaration order: ids yields each
// declaration's position and id, in order, and id(i) is the id at i;
// hash hashes an id.
//
// A million KPIs' ids are hashed into 4 bytes each and sorted; only ids
// whose hash is counted twice are then looked at again, by the id
// itself, so two ids that share a hash are told apart there. A table of
// positions held 8 MB at the peak of the run (and a map of declarations
// 130 MB); when a tenth of the hashes repeat (a catalogue of copies),
// the table serves.
func duplicates(n int, ids iter.Seq2[int, string], id func(i int) string, hash func(string) uint32) []duplicate {
	hashes := make([]uint32, 0, n)
	for _, s := range ids {
		if s != "" {
			hashes = append(hashes, hash(s))
		}
	}
	slices.Sort(hashes)
	repeated := map[uint32]bool{}
	for i := 1; i < len(hashes); i++ {
		if hashes[i] == hashes[i-1] {
			repeated[hashes[i]] = true
		}
	}
	var out []duplicate
	if len(repeated) > n/10+64 {
		catalogue.IndexEach(n, id, func(at, first int) { out = append(out, duplicate{at, first}) })
		return out
	}
	first := map[string]int{}
	for i, s := range ids {
		if s == "" || !repeated[hash(s)] {
			continue
		}
		if f, ok := first[s]; ok {
			out = append(out, duplicate{i, f})
		} else {
			first[s] = i
		}
	}
	return out
}

// duplicatesIn is duplicates among n declarations that an index already
// finds by id (first): the organisation's units and goals.
func duplicatesIn(n int, id func(i int) string, first func(id string) int) []duplicate {
	var out []duplicate
	for i := range n {
		if f := first(id(i)); f >= 0 && f != i {
			out = append(out, duplicate{i, f})
		}
	}
	return out
}
