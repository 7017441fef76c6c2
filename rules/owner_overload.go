package rules

import (
	"bytes"
	"fmt"
	"hash/maphash"

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
		seed := maphash.MakeSeed()
		owner, counts := countOwners(all, func(key []byte) uint64 { return maphash.Bytes(seed, key) })
		byOwner := map[int32][]catalogue.KPIRef{}
		for i, k := range all.All() {
			if id := owner[i]; id >= 0 && int(counts[id]) > maxKPIs {
				byOwner[id] = append(byOwner[id], k)
			}
		}
		for id := range int32(len(counts)) { //nolint:gosec // fewer owners than KPIs
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

// countOwners numbers the owners of kpis (by catalogue.OwnerKey) in order
// of first appearance: owner[i] is kpis[i]'s owner, -1 for none, and
// counts[n] the KPIs owner n has.
//
// Owners are told apart by a hash of their key, checked against the key
// of the owner's first KPI, so no key is held: at a million KPIs with as
// many owners, a map keyed by the keys held 100 MB more at the peak of the
// run; of the hash, its top half is kept per owner, the bottom half
// places the owner in the table. Keys that share those (the check fails)
// are numbered by key. The
// keys are made in two buffers (catalogue.AppendOwnerKey), not one string
// each.
func countOwners(kpis catalogue.RefList, hash func([]byte) uint64) (owner []int32, counts []int32) {
	// slots is an open-addressing table of owners by hash (an owner's
	// number plus one; 0 is empty), at most half full: 4 bytes a slot
	// where a map of a million hashes held 40 MB at the peak of the run.
	size := 8
	for size < 2*kpis.Len() {
		size <<= 1
	}
	slots, mask := make([]int32, size), uint64(size-1) //nolint:gosec // a power of two, at least 8
	// Per owner, made at most as long as the KPIs (a catalogue may have an
	// owner each): growing them left twice their size behind.
	tags := make([]uint32, 0, kpis.Len()) // each owner's hash's top half: half the size of the hash
	first := make([]int32, 0, kpis.Len()) // each owner's first KPI
	counts = make([]int32, 0, kpis.Len())
	var collided map[string]int32 // owners whose hash an earlier owner has
	owner = make([]int32, kpis.Len())
	var key, firstKey []byte
	for i, k := range kpis.All() {
		key = catalogue.AppendOwnerKey(key[:0], k.Owner())
		if len(key) == 0 {
			owner[i] = -1
			continue
		}
		next := int32(len(counts)) //nolint:gosec // fewer owners than KPIs, which fit in memory
		h := hash(key)
		s, id, ok := h&mask, int32(0), false
		for ; slots[s] != 0; s = (s + 1) & mask {
			if id = slots[s] - 1; tags[id] == uint32(h>>32) {
				ok = true
				break
			}
		}
		if ok {
			firstKey = catalogue.AppendOwnerKey(firstKey[:0], kpis.At(int(first[id])).Owner())
		}
		if ok && !bytes.Equal(firstKey, key) {
			if id, ok = collided[string(key)]; !ok {
				if collided == nil {
					collided = map[string]int32{}
				}
				collided[string(key)] = next
			}
		} else if !ok {
			slots[s] = next + 1
		}
		if !ok {
			id = next
			counts = append(counts, 0)
			tags = append(tags, uint32(h>>32))
			first = append(first, int32(i)) //nolint:gosec // as next
		}
		owner[i] = id
		counts[id]++
	}
	return owner, counts
}
