package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// LeadLagMix flags goals measured only by lagging (or only leading) KPIs.
var LeadLagMix = &Rule{
	ID:       "lead-lag-mix",
	Severity: Warning,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "A goal is measured only by lagging, or only by leading, KPIs",
		Principle: 8,
		Why: "Lagging indicators confirm results when it is too late to change them; leading indicators " +
			"predict them but may not pay off. A goal followed by both tells you early and confirms later.",
		Bad: "kpis:\n  - {id: csat, name: Customer satisfaction, scope: support, goal: fast-help, indicator: lagging}\n" +
			"  - {id: nps, name: Net promoter score, scope: support, goal: fast-help, indicator: lagging}\n",
		Good: "kpis:\n  - {id: csat, name: Customer satisfaction, scope: support, goal: fast-help, indicator: lagging}\n" +
			"  - {id: fcr, name: First contact resolution, scope: support, goal: fast-help, indicator: leading}\n",
	},
	Check: func(p *CataloguePass) {
		byGoal := map[string][]*catalogue.KPIRef{}
		for _, k := range p.KPIs() {
			for _, g := range k.Goals() {
				byGoal[g] = append(byGoal[g], k)
			}
		}
		for _, g := range p.Catalogue.Goals {
			if p.Catalogue.Goal(g.ID) != g {
				continue
			}
			count := map[string]int{}
			for _, k := range byGoal[g.ID] {
				count[k.Indicator()]++
			}
			for _, kind := range []string{"lagging", "leading"} {
				other := map[string]string{"lagging": "leading", "leading": "lagging"}[kind]
				if count[kind] >= 2 && count[other] == 0 && count[""] == 0 {
					f := p.Report(&g.Element, g.Loc(), "goal %q is measured by %d KPIs, all %s: add a %s indicator", g.ID, count[kind], kind, other)
					for _, k := range byGoal[g.ID] {
						Related(f, k.Loc(), "%s KPI %q", kind, k.ID())
					}
				}
			}
		}
	},
}
