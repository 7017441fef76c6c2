package rules

import (
	"fmt"
	"hash/maphash"
	"slices"

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
		seed := maphash.MakeSeed()
		for _, kpis := range overloaded(p.KPIs(), maxKPIs, func(key []byte) uint64 { return maphash.Bytes(seed, key) }) {
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

// overloaded are the KPIs of each owner (by catalogue.OwnerKey) who has
// more than maxKPIs of kpis, in order, owners in the order of their first
// KPI.
//
// Owners are counted by a hash of their key, the hashes sorted: at a
// million KPIs with as many owners, 8 MB for as long as the count runs,
// where a table of owners (with each owner's count, first KPI and a
// number per KPI) held 24 MB at the peak of the run, and a map keyed by
// the keys 100 MB. Only the KPIs of a hash counted more than maxKPIs
// times are grouped by their key, so owners that share a hash are told
// apart there: the result is exact. The keys are made in one buffer
// (catalogue.AppendOwnerKey), not one string each.
func overloaded(kpis catalogue.RefList, maxKPIs int, hash func([]byte) uint64) [][]catalogue.KPIRef {
	hashes := make([]uint64, 0, kpis.Len())
	var key []byte
	for _, k := range kpis.All() {
		if key = catalogue.AppendOwnerKey(key[:0], k.Owner()); len(key) > 0 {
			hashes = append(hashes, hash(key))
		}
	}
	slices.Sort(hashes)
	over := map[uint64]bool{}
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		if j-i > maxKPIs {
			over[hashes[i]] = true
		}
		i = j
	}
	if len(over) == 0 {
		return nil
	}
	group := map[string]int{}
	var groups [][]catalogue.KPIRef
	for _, k := range kpis.All() {
		if key = catalogue.AppendOwnerKey(key[:0], k.Owner()); len(key) == 0 || !over[hash(key)] {
			continue
		}
		g, ok := group[string(key)]
		if !ok {
			g = len(groups)
			group[string(key)] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], k)
	}
	groups = slices.DeleteFunc(groups, func(kpis []catalogue.KPIRef) bool { return len(kpis) <= maxKPIs })
	if len(groups) == 0 {
		return nil
	}
	return groups
}
