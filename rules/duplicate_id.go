package rules

import "github.com/kpilint/kpilint/internal/finding"

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
		var units, goals, kpis []declaration
		for _, u := range p.Catalogue.Units {
			units = append(units, declaration{u.ID, u.At("id"), nil})
		}
		for _, g := range p.Catalogue.Goals {
			goals = append(goals, declaration{g.ID, g.At("id"), nil})
		}
		for _, k := range p.KPIs() {
			at := k.Loc()
			kpis = append(kpis, declaration{k.ID(), k.At("id"), &at})
		}
		reportDuplicates(p, "unit", units)
		reportDuplicates(p, "goal", goals)
		reportDuplicates(p, "KPI", kpis)
	},
}

// declaration is where an id is declared.
type declaration struct {
	id string
	at finding.Location
	// kpi is where a KPI begins (nil for units and goals).
	kpi *finding.Location
}

func reportDuplicates(p *CataloguePass, kind string, decls []declaration) {
	first := map[string]declaration{}
	for _, d := range decls {
		if d.id == "" {
			continue
		}
		if f, ok := first[d.id]; ok {
			r := p.report(d.id, d.kpi, d.at, "%s id %q is already declared in %s", kind, d.id, f.at.File)
			Related(r, f.at, "first declared here")
			continue
		}
		first[d.id] = d
	}
}
