package rules

import "github.com/kpilint/kpilint/internal/catalogue"

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
		for _, d := range duplicates(kpis.Len(), func(i int) string { return kpis.At(i).ID() }) {
			k, first := kpis.At(d.at), kpis.At(d.first)
			f := p.ReportKPI(k, k.At("id"), "%s id %q is already declared in %s", "KPI", k.ID(), first.File().Path)
			Related(f, first.At("id"), "first declared here")
		}
	},
}

// duplicate is a declaration whose id an earlier one (first) declared.
type duplicate struct{ at, first int }

// duplicates finds, among n declarations, each one whose non-empty id an
// earlier one declared, in declaration order, through a table of their
// positions (catalogue.IndexEach): 4 bytes a slot at most 3/4 full,
// where a map of declarations held 130 MB at a million KPIs and a sorted
// list of their hashes 16 MB.
func duplicates(n int, id func(i int) string) []duplicate {
	var out []duplicate
	catalogue.IndexEach(n, id, func(at, first int) { out = append(out, duplicate{at, first}) })
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
