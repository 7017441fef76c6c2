package rules

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// overloaded counts owners by a hash and groups by key only the KPIs of
// a hash over the limit; the reference groups every KPI by key. With a
// hash that collides all the time (the key's length, zero) the grouping
// by key decides every owner.
func TestOverloadedAgreesWithGroupingByKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	seed := maphash.MakeSeed()
	hashes := map[string]func([]byte) uint64{
		"maphash": func(key []byte) uint64 { return maphash.Bytes(seed, key) },
		"length":  func(key []byte) uint64 { return uint64(len(key)) },
		"zero":    func([]byte) uint64 { return 0 },
	}
	spellings := []string{"Anna Berg", "anna berg", "Anna  Berg", " ANNA BERG", "Anna Berg ", "Åsa Lind", "ÅSA LIND", "Bo Ek", "bo ek", "Ola Ek", ""}
	found := 0
	for round := range 300 {
		n := rng.IntN(40)
		recs := make([]catalogue.RefRecord, n)
		for i := range recs {
			recs[i] = catalogue.RefRecord{ID: fmt.Sprint("k", i), Status: "active", Owner: spellings[rng.IntN(len(spellings))]}
			if rng.IntN(4) == 0 {
				recs[i].Owner = fmt.Sprint("Owner ", rng.IntN(n+1))
			}
		}
		kpis := catalogue.NewRefList([]*catalogue.FileRefs{catalogue.RefsOf(&catalogue.File{Path: "k.kpi.yaml"}, recs)})
		for _, maxKPIs := range []int{0, 1, 3, 5} {
			want := overloadedByKey(kpis, maxKPIs)
			found += len(want)
			for name, hash := range hashes {
				require.Equal(t, want, overloaded(kpis, maxKPIs, hash), "round %d, max %d, hash %s", round, maxKPIs, name)
			}
		}
	}
	require.Greater(t, found, 300, "owners over the limit must be common for the comparison to mean anything")
}

// overloadedByKey is overloaded by a map keyed by the owner key, as the
// rule counted before.
func overloadedByKey(kpis catalogue.RefList, maxKPIs int) [][]catalogue.KPIRef {
	index := map[string]int{}
	var groups [][]catalogue.KPIRef
	for _, k := range kpis.All() {
		key := k.OwnerKey()
		if key == "" {
			continue
		}
		g, ok := index[key]
		if !ok {
			g = len(groups)
			index[key] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], k)
	}
	var out [][]catalogue.KPIRef
	for _, g := range groups {
		if len(g) > maxKPIs {
			out = append(out, g)
		}
	}
	return out
}
