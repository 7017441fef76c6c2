package rules

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// cycles walks declarations by number; the version before it walked maps
// keyed by id and is the reference here (cyclesByMaps, below).
func TestCyclesAgreeWithTheWalkByIds(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	withCycles := 0
	for round := range 2000 {
		n := rng.IntN(30)
		ids, parents := make([]string, n), make([]string, n)
		for i := range n {
			ids[i] = fmt.Sprint("u", rng.IntN(n+1))
			if rng.IntN(10) == 0 {
				ids[i] = ""
			}
			parents[i] = fmt.Sprint("u", rng.IntN(n+3)) // some unknown
			if rng.IntN(5) == 0 {
				parents[i] = ""
			}
		}
		declared := map[string]bool{}
		for _, id := range ids {
			declared[id] = id != "" && (declared[id] || rng.IntN(8) != 0) // now and then a declared id counts as unknown
		}
		firstOf := map[string]int{}
		for i := n - 1; i >= 0; i-- {
			if ids[i] != "" {
				firstOf[ids[i]] = i
			}
		}
		first := func(id string) int {
			if i, ok := firstOf[id]; ok {
				return i
			}
			return -1
		}
		elem := func(i int) (string, string) { return ids[i], parents[i] }
		known := func(id string) bool { return declared[id] }
		want := cyclesByMaps(n, elem, known)
		require.Equal(t, want, cycles(n, elem, first, known), "round %d: %v %v", round, ids, parents)
		if len(want) > 0 {
			withCycles++
		}
	}
	require.Greater(t, withCycles, 500, "the graphs must have cycles for the comparison to mean anything")
}

// cyclesByMaps is cycles as it was, walking maps keyed by id.
func cyclesByMaps(n int, elem func(i int) (id, parent string), known func(id string) bool) [][]string {
	parentOf := make(map[string]string, n)
	order := make(map[string]int, n)
	for i := range n {
		id, parent := elem(i)
		if _, dup := order[id]; dup || id == "" {
			continue
		}
		order[id] = i
		parentOf[id] = parent
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[string]int, len(order))
	var out [][]string
	for i := range n {
		start, _ := elem(i)
		if order[start] != i || state[start] != unseen {
			continue
		}
		var path []string
		at := map[string]int{}
		id := start
		for known(id) && state[id] == unseen {
			state[id] = onPath
			at[id] = len(path)
			path = append(path, id)
			id = parentOf[id]
		}
		if known(id) && state[id] == onPath {
			cycle := path[at[id]:]
			first := 0
			for j, m := range cycle {
				if order[m] < order[cycle[first]] {
					first = j
				}
			}
			cycle = append(append(append([]string{}, cycle[first:]...), cycle[:first]...), cycle[first])
			out = append(out, cycle)
		}
		for _, m := range path {
			state[m] = done
		}
	}
	return out
}
