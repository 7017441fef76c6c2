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
		c := p.Catalogue
		all := p.KPIs()
		counts := make([]mix, c.NumGoals()) // by the position of a goal's first declaration
		for _, k := range all.All() {
			for _, id := range k.Goals() {
				g := c.GoalIndex(id)
				if g < 0 {
					continue
				}
				switch k.Indicator() {
				case "leading":
					counts[g].leading++
				case "lagging":
					counts[g].lagging++
				case "":
					counts[g].unset++
				}
			}
		}
		// kind is the one indicator of each goal measured only by KPIs of
		// that kind (at least two of them).
		kind := map[int]string{}
		for g, n := range counts {
			switch {
			case c.GoalIndex(c.GoalID(g)) != g || n.unset > 0:
			case n.lagging >= 2 && n.leading == 0:
				kind[g] = "lagging"
			case n.leading >= 2 && n.lagging == 0:
				kind[g] = "leading"
			}
		}
		byGoal := map[int][]catalogue.KPIRef{}
		for _, k := range all.All() {
			for _, id := range k.Goals() {
				if g := c.GoalIndex(id); kind[g] != "" {
					byGoal[g] = append(byGoal[g], k)
				}
			}
		}
		for i := range c.NumGoals() {
			k, ok := kind[i]
			if !ok {
				continue
			}
			g := c.GoalAt(i)
			other := map[string]string{"lagging": "leading", "leading": "lagging"}[k]
			n := counts[i].lagging
			if k == "leading" {
				n = counts[i].leading
			}
			f := p.Report(&g.Element, g.Loc(), "goal %q is measured by %d KPIs, all %s: add a %s indicator", g.ID, n, k, other)
			for _, m := range byGoal[i] {
				Related(f, m.Loc(), "%s KPI %q", k, m.ID())
			}
		}
	},
}
