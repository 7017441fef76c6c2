package rules

import (
	"fmt"
	"hash/maphash"
	"iter"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hash32 is the rule's hash.
func hash32() func(string) uint32 {
	seed := maphash.MakeSeed()
	return func(s string) uint32 { return uint32(maphash.String(seed, s)) }
}

func TestDuplicates(t *testing.T) {
	ids := []string{"a", "b", "", "a", "c", "b", "a", ""}
	got := duplicates(len(ids), seq(len(ids), func(i int) string { return ids[i] }), func(i int) string { return ids[i] }, hash32())
	assert.Equal(t, []duplicate{{3, 0}, {5, 1}, {6, 0}}, got, "each repeat points at the first declaration; empty ids are not declarations")

	// 100,000 declarations of one id, among as many distinct ones: one
	// duplicate each, found in linear time (a pairwise search took minutes).
	n := 200000
	same := func(i int) string {
		if i%2 == 0 {
			return "x"
		}
		return strconv.Itoa(i)
	}
	got = duplicates(n, seq(n, same), same, hash32())
	assert.Len(t, got, n/2-1)
	assert.Equal(t, duplicate{2, 0}, got[0])

	// A catalogue of copies (every id twice): the table of positions
	// serves, with the same result as counting by id.
	twice := func(i int) string { return strconv.Itoa(i / 2) }
	got = duplicates(n, seq(n, twice), twice, hash32())
	require.Len(t, got, n/2)
	for k, d := range got {
		require.Equal(t, duplicate{2*k + 1, 2 * k}, d)
	}
}

// Ids that share a hash are told apart by the id itself: with every
// hash alike (every id looks repeated) or a few (the id's length), only
// the real repeats are found.
func TestDuplicatesAgreeWithCountingByID(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 500 {
		n := rng.IntN(60)
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprint("k", rng.IntN(n+1))
			if rng.IntN(6) == 0 {
				ids[i] = ""
			}
		}
		var want []duplicate
		first := map[string]int{}
		for i, s := range ids {
			if s == "" {
				continue
			}
			if f, ok := first[s]; ok {
				want = append(want, duplicate{i, f})
			} else {
				first[s] = i
			}
		}
		id := func(i int) string { return ids[i] }
		for name, hash := range map[string]func(string) uint32{"maphash": hash32(), "zero": func(string) uint32 { return 0 },
			"length": func(s string) uint32 { return uint32(len(s)) }} { //nolint:gosec // a test's short ids
			require.Equal(t, want, duplicates(n, seq(n, id), id, hash), "round %d, hash %s: %v", round, name, ids)
		}
	}
}

func seq(n int, id func(i int) string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i := range n {
			if !yield(i, id(i)) {
				return
			}
		}
	}
}
