package rules

import (
	"errors"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
)

// KPICount flags units with too many (or too few) active KPIs.
var KPICount = &Rule{
	ID:       "kpi-count",
	Severity: Warning,
	KeyOnly:  true,
	Options: []Option{
		{Name: "max", Default: 5.0, Doc: "most active KPIs a unit should have", Check: nonNegative},
		{Name: "min", Default: 0.0, Doc: "fewest active KPIs a unit should have (0: no minimum)", Check: nonNegative},
	},
	Doc: Doc{
		Title:     "A unit has too many KPIs",
		Principle: 5,
		Why: "Few KPIs: 3–5 at organisation level and 3–5 per department or team. When a unit follows " +
			"fifteen KPIs, nothing is prioritised and no meeting has time to act on them.",
		Bad: "kpis:\n" +
			"  - {id: k1, name: Customer satisfaction, scope: support}\n  - {id: k2, name: Net promoter score, scope: support}\n" +
			"  - {id: k3, name: First contact resolution, scope: support}\n  - {id: k4, name: Average response time, scope: support}\n" +
			"  - {id: k5, name: Share of escalated cases, scope: support}\n  - {id: k6, name: Backlog age, scope: support}\n",
		Good: "kpis:\n" +
			"  - {id: k1, name: Customer satisfaction, scope: support}\n  - {id: k2, name: Net promoter score, scope: support}\n" +
			"  - {id: k3, name: First contact resolution, scope: support}\n  - {id: k4, name: Average response time, scope: support}\n" +
			"  - {id: k5, name: Share of escalated cases, scope: support}\n  - {id: k6, name: Backlog age, scope: support-nordics}\n",
	},
	Check: func(p *CataloguePass) {
		maxKPIs, minKPIs := int(p.Float("max")), int(p.Float("min"))
		// Count first, then list the KPIs of the units reported only: a
		// million KPIs are not held in per-unit lists (BENCHMARKS.md).
		all := p.KPIs()
		c := p.Catalogue
		counts := make([]int, c.NumUnits()) // by the position of a unit's first declaration
		for _, k := range all.All() {
			if i := c.UnitIndex(k.Scope()); i >= 0 {
				counts[i]++
			}
		}
		// reported[i]: the unit at i is a first declaration (a duplicate is
		// reported by duplicate-id) with too many or too few KPIs. Decided
		// once per unit, not again for each of its KPIs below.
		reported := make([]bool, len(counts))
		for i, n := range counts {
			reported[i] = c.UnitIndex(c.UnitID(i)) == i && (n > maxKPIs || n < minKPIs)
		}
		byUnit := map[int][]catalogue.KPIRef{}
		for _, k := range all.All() {
			if i := c.UnitIndex(k.Scope()); i >= 0 && reported[i] {
				byUnit[i] = append(byUnit[i], k)
			}
		}
		for i := range counts {
			if !reported[i] {
				continue
			}
			u, kpis := c.UnitAt(i), byUnit[i]
			var f *finding.Finding
			switch n := counts[i]; {
			case n > maxKPIs:
				f = p.Report(&u.Element, u.Loc(), "unit %q has %d active KPIs, more than %d: prioritise the few that matter most", u.ID, n, maxKPIs)
			default:
				f = p.Report(&u.Element, u.Loc(), "unit %q has %d active KPIs, fewer than %d", u.ID, n, minKPIs)
			}
			for _, k := range kpis {
				Related(f, k.Loc(), "KPI %q", k.ID())
			}
		}
	},
}

// nonNegative checks a count option: a finite number from 0 to a million
// (NaN compares false with everything, so `max: .nan` used to pass, and
// panic the rule that used it).
func nonNegative(v any) error {
	if f, _ := v.(float64); !(f >= 0 && f <= 1e6) {
		return errors.New("must be a number from 0 to 1000000")
	}
	return nil
}
