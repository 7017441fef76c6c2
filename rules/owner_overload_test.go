package rules

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// countOwners tells owners apart by a hash checked against their keys; the
// reference numbers them by key. With a hash that collides all the time
// (the key's length) the check and the fallback decide every owner.
func TestCountOwnersAgreesWithCountingByKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	seed := maphash.MakeSeed()
	hashes := map[string]func([]byte) uint64{
		"maphash": func(key []byte) uint64 { return maphash.Bytes(seed, key) },
		"length":  func(key []byte) uint64 { return uint64(len(key)) },
		"zero":    func([]byte) uint64 { return 0 },
	}
	spellings := []string{"Anna Berg", "anna berg", "Anna  Berg", " ANNA BERG", "Anna Berg ", "Åsa Lind", "ÅSA LIND", "Bo Ek", "bo ek", "Ola Ek", ""}
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
		wantOwner, wantCounts := countOwnersByKey(kpis)
		for name, hash := range hashes {
			owner, counts := countOwners(kpis, hash)
			if len(counts) == 0 {
				counts = nil // no owners: empty or nil alike
			}
			require.Equal(t, wantOwner, owner, "round %d, hash %s", round, name)
			require.Equal(t, wantCounts, counts, "round %d, hash %s", round, name)
		}
	}
}

// countOwnersByKey is countOwners as it was: a map keyed by the owner key.
func countOwnersByKey(kpis catalogue.RefList) (owner []int32, counts []int32) {
	index := map[string]int32{}
	owner = make([]int32, kpis.Len())
	for i, k := range kpis.All() {
		key := k.OwnerKey()
		if key == "" {
			owner[i] = -1
			continue
		}
		id, ok := index[key]
		if !ok {
			id = int32(len(counts)) //nolint:gosec // a test's few KPIs
			index[key] = id
			counts = append(counts, 0)
		}
		owner[i] = id
		counts[id]++
	}
	return owner, counts
}
