package rules

import (
	"fmt"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// OwnerOverload flags one person owning too many KPIs.
var OwnerOverload = &Rule{
	ID:       "owner-overload",
	Severity: Warning,
	KeyOnly:  true,
	Options: []Option{
		{Name: "max", Default: 5.0, Doc: "most active KPIs one owner should have", Check: nonNegative},
	},
	Doc: Doc{
		Title:     "One person owns too many KPIs",
		Principle: 5,
		Why: "Accountability spread over many KPIs is accountability for none. An owner of more KPIs than " +
			"they can follow up will prioritise some and quietly drop the rest.",
		Bad: "kpis:\n" +
			"  - {id: k1, name: Customer satisfaction, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k2, name: Net promoter score, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k3, name: First contact resolution, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k4, name: Average response time, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k5, name: Share of escalated cases, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k6, name: Backlog age, scope: support-nordics, owner: {name: Anna Berg}}\n",
		Good: "kpis:\n" +
			"  - {id: k1, name: Customer satisfaction, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k2, name: Net promoter score, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k3, name: First contact resolution, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k4, name: Average response time, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k5, name: Share of escalated cases, scope: support, owner: {name: Anna Berg}}\n" +
			"  - {id: k6, name: Backlog age, scope: support-nordics, owner: {name: Jonas Lind}}\n",
	},
	Check: func(p *CataloguePass) {
		maxKPIs := int(p.Float("max"))
		// Count first (each KPI's owner as a number), then list the KPIs
		// of the owners reported only: a million KPIs are not held in
		// per-owner lists (BENCHMARKS.md).
		all := p.KPIs()
		index := map[string]int32{}
		owner := make([]int32, len(all)) // -1: no owner
		var counts []int
		for i, k := range all {
			name := k.OwnerKey()
			if name == "" {
				owner[i] = -1
				continue
			}
			id, ok := index[name]
			if !ok {
				id = int32(len(counts)) //nolint:gosec // fewer owners than KPIs, which fit in memory
				index[name] = id
				counts = append(counts, 0)
			}
			owner[i] = id
			counts[id]++
		}
		byOwner := map[int32][]*catalogue.KPIRef{}
		for i, k := range all {
			if id := owner[i]; id >= 0 && counts[id] > maxKPIs {
				byOwner[id] = append(byOwner[id], k)
			}
		}
		for id := range int32(len(counts)) { //nolint:gosec // as above
			kpis := byOwner[id]
			if len(kpis) <= maxKPIs {
				continue
			}
			k := kpis[maxKPIs]
			f := p.ReportKPI(k, k.Loc(), "%s owns %d active KPIs, more than %d (this is the %s): share the accountability", k.Owner(), len(kpis), maxKPIs, ordinal(maxKPIs+1))
			for _, other := range kpis {
				if other != k {
					Related(f, other.Loc(), "also owned: %q", other.ID())
				}
			}
		}
	},
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
