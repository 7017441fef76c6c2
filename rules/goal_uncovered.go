package rules

// GoalUncovered flags goals no active KPI measures.
var GoalUncovered = &Rule{
	ID:       "goal-uncovered",
	Severity: Warning,
	KeyOnly:  true,
	Doc: Doc{
		Title:     "No KPI measures this goal",
		Principle: 1,
		Why: "A strategic goal that no KPI measures, directly or through one of its sub-goals, is a wish: " +
			"nobody can tell whether the organisation is getting closer to it.",
		Bad: "goals:\n  - {id: new-markets, statement: Win customers in Germany, scope: acme}\n",
		Good: "goals:\n  - {id: new-markets, statement: Win customers in Germany, scope: acme}\n" +
			"kpis:\n  - {id: de-customers, name: Active customers in Germany, scope: acme, goal: new-markets}\n" +
			"  - {id: csat, name: Customer satisfaction, scope: support, goal: fast-help}\n",
	},
	Check: func(p *CataloguePass) {
		c := p.Catalogue
		// Each measured goal covers its parents; a walk up stops at a goal
		// already covered, so each goal is visited once (linear, however
		// deep the chain).
		covered := make([]bool, c.NumGoals()) // by the position of a goal's first declaration
		for _, k := range p.KPIs().All() {
			for _, id := range k.Goals() {
				for g := c.GoalIndex(id); g >= 0 && !covered[g]; g = c.GoalIndex(c.GoalParent(g)) {
					covered[g] = true
				}
			}
		}
		for i := range c.NumGoals() {
			if !covered[i] && c.GoalIndex(c.GoalID(i)) == i {
				g := c.GoalAt(i)
				p.Report(&g.Element, g.Loc(), "no active KPI measures goal %q, directly or through a sub-goal", g.ID)
			}
		}
	},
}
