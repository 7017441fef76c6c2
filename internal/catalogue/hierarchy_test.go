package catalogue

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// indexUnits walks units by position; the version before it walked maps
// keyed by unit and is the reference here (indexUnitsByMaps, below).
func TestIndexUnitsAgreesWithTheWalkByMaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	cadences := []*Cadence{nil, {Review: "monthly"}, {Measure: "weekly"}, {Review: "monthly", Forum: "board"}}
	withCycles := 0
	for round := range 2000 {
		n := rng.IntN(25)
		r := rand.New(rand.NewPCG(uint64(round), 5))
		c := &Catalogue{}
		for range n {
			u := &Unit{Element: Element{ID: fmt.Sprint("u", r.IntN(n+1))}, Parent: fmt.Sprint("u", r.IntN(n+3))}
			if r.IntN(4) == 0 {
				u.Parent = ""
			}
			u.Cadence = cadences[r.IntN(len(cadences))]
			c.Units = append(c.Units, u)
		}
		c.Index()
		in, out, inherited := indexByMaps(c.Units)
		for i, u := range c.Units {
			g := c.units[i]
			require.Equal(t, [2]int32{in[u], out[u]}, [2]int32{g.in, g.out}, "round %d unit %d", round, i)
			var gc Cadence
			gc.merge(c.cadence(g.inherited))
			require.Equal(t, inherited[u], gc, "round %d unit %d", round, i)
			if g.in < 0 && c.UnitIndex(u.ID) == i {
				withCycles++
			}
		}
	}
	require.Greater(t, withCycles, 200, "the organisations must have cycles for the comparison to mean anything")
}

// indexByMaps is indexUnits as it was, with maps keyed by unit: each
// unit's interval and effective cadence.
func indexByMaps(units []*Unit) (in, out map[*Unit]int32, inherited map[*Unit]Cadence) {
	const (
		unseen = iota
		onPath
		done
	)
	byID := map[string]*Unit{}
	for _, u := range units {
		if _, ok := byID[u.ID]; !ok && u.ID != "" {
			byID[u.ID] = u
		}
	}
	unit := func(id string) *Unit { return byID[id] }
	in, out, inherited = map[*Unit]int32{}, map[*Unit]int32{}, map[*Unit]Cadence{}
	inherit := func(u *Unit, from Cadence) {
		var c Cadence
		c.merge(u.Cadence)
		c.merge(&from)
		inherited[u] = c
	}
	state := make(map[*Unit]int, len(units))
	for _, start := range units {
		if unit(start.ID) != start {
			inherit(start, Cadence{}) // a duplicate id: its own cadence only
			continue
		}
		// Walk up to a unit already done, a root, or a cycle.
		var path []*Unit
		var above *Unit
		for u := start; u != nil && state[u] == unseen; {
			state[u] = onPath
			path = append(path, u)
			p := unit(u.Parent)
			if p == u {
				break
			}
			if p != nil && state[p] == onPath {
				break // a cycle: its members inherit from none of each other
			}
			if p != nil && state[p] == done {
				above = p
				break
			}
			u = p
		}
		// Assign from the top down: each inherits its parent's.
		for i := len(path) - 1; i >= 0; i-- {
			u := path[i]
			var from Cadence
			if i+1 < len(path) && unit(u.Parent) == path[i+1] {
				from = inherited[path[i+1]]
			} else if i == len(path)-1 && above != nil {
				from = inherited[above]
			}
			inherit(u, from)
			state[u] = done
		}
	}

	// Intervals of a depth-first walk from the roots (units whose parent
	// is unknown or absent), iteratively: a chain of 50,000 is no deep
	// recursion.
	children := make(map[*Unit][]*Unit, len(units))
	var roots []*Unit
	for _, u := range units {
		if unit(u.ID) != u {
			continue
		}
		if p := unit(u.Parent); p != nil && p != u {
			children[p] = append(children[p], u)
		} else if p == nil {
			roots = append(roots, u)
		}
	}
	for _, u := range units {
		in[u], out[u] = -1, -1
	}
	var clock int32
	type frame struct {
		u    *Unit
		next int
	}
	for _, r := range roots {
		stack := []frame{{u: r}}
		in[r] = clock
		clock++
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < len(children[top.u]) {
				c := children[top.u][top.next]
				top.next++
				in[c] = clock
				clock++
				stack = append(stack, frame{u: c})
				continue
			}
			out[top.u] = clock
			clock++
			stack = stack[:len(stack)-1]
		}
	}
	return in, out, inherited
}
