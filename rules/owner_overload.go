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
		var order []string
		byOwner := map[string][]*catalogue.KPIRef{}
		for _, k := range p.KPIs() {
			name := k.OwnerKey()
			if name == "" {
				continue
			}
			if byOwner[name] == nil {
				order = append(order, name)
			}
			byOwner[name] = append(byOwner[name], k)
		}
		for _, name := range order {
			kpis := byOwner[name]
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
