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
		// Count first, then list the KPIs of the goals reported only: a
		// million KPIs are not held in per-goal lists (BENCHMARKS.md).
		type mix struct{ leading, lagging, unset int }
		all := p.KPIs()
		counts := map[string]mix{}
		for _, k := range all {
			for _, g := range k.Goals() {
				c := counts[g]
				switch k.Indicator() {
				case "leading":
					c.leading++
				case "lagging":
					c.lagging++
				case "":
					c.unset++
				}
				counts[g] = c
			}
		}
		// kind is the one indicator of each goal measured only by KPIs of
		// that kind (at least two of them).
		kind := map[string]string{}
		for _, g := range p.Catalogue.Goals {
			switch c := counts[g.ID]; {
			case p.Catalogue.Goal(g.ID) != g || c.unset > 0:
			case c.lagging >= 2 && c.leading == 0:
				kind[g.ID] = "lagging"
			case c.leading >= 2 && c.lagging == 0:
				kind[g.ID] = "leading"
			}
		}
		byGoal := map[string][]*catalogue.KPIRef{}
		for _, k := range all {
			for _, g := range k.Goals() {
				if kind[g] != "" {
					byGoal[g] = append(byGoal[g], k)
				}
			}
		}
		for _, g := range p.Catalogue.Goals {
			k, ok := kind[g.ID]
			if !ok || p.Catalogue.Goal(g.ID) != g {
				continue
			}
			other := map[string]string{"lagging": "leading", "leading": "lagging"}[k]
			n := counts[g.ID].lagging
			if k == "leading" {
				n = counts[g.ID].leading
			}
			f := p.Report(&g.Element, g.Loc(), "goal %q is measured by %d KPIs, all %s: add a %s indicator", g.ID, n, k, other)
			for _, m := range byGoal[g.ID] {
				Related(f, m.Loc(), "%s KPI %q", k, m.ID())
			}
		}
	},
}
