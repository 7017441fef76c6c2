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
	Check: func(p *Pass) {
		var units, goals, kpis []*catalogue.Element
		for _, u := range p.Catalogue.Units {
			units = append(units, &u.Element)
		}
		for _, g := range p.Catalogue.Goals {
			goals = append(goals, &g.Element)
		}
		for _, k := range p.KPIs() {
			kpis = append(kpis, &k.Element)
		}
		reportDuplicates(p, "unit", units)
		reportDuplicates(p, "goal", goals)
		reportDuplicates(p, "KPI", kpis)
	},
}

func reportDuplicates(p *Pass, kind string, elems []*catalogue.Element) {
	first := map[string]*catalogue.Element{}
	for _, e := range elems {
		if e.ID == "" {
			continue
		}
		if f, ok := first[e.ID]; ok {
			r := p.Report(e, e.At("id"), "%s id %q is already declared in %s", kind, e.ID, f.File.Path)
			r.KPI = kind == "KPI"
			Related(r, f.At("id"), "first declared here")
			continue
		}
		first[e.ID] = e
	}
}
