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
		build := func() *Org {
			r := rand.New(rand.NewPCG(uint64(round), 5)) // the same organisation twice
			o := &Org{}
			for range n {
				u := &Unit{Element: Element{ID: fmt.Sprint("u", r.IntN(n+1))}, Parent: fmt.Sprint("u", r.IntN(n+3))}
				if r.IntN(4) == 0 {
					u.Parent = ""
				}
				u.Cadence = cadences[r.IntN(len(cadences))]
				o.Units = append(o.Units, u)
			}
			return o
		}
		got, want := build(), build()
		got.Index()
		want.Index() // indexUnits, then again by maps over the same units:
		want.indexUnitsByMaps()
		for i := range got.Units {
			g, w := got.Units[i], want.Units[i]
			require.Equal(t, [2]int32{w.in, w.out}, [2]int32{g.in, g.out}, "round %d unit %d", round, i)
			var gc, wc Cadence
			gc.merge(g.inherited)
			wc.merge(w.inherited)
			require.Equal(t, wc, gc, "round %d unit %d", round, i)
			if g.in < 0 && got.Unit(g.ID) == g {
				withCycles++
			}
		}
	}
	require.Greater(t, withCycles, 200, "the organisations must have cycles for the comparison to mean anything")
}

// indexUnitsByMaps is indexUnits as it was, with maps keyed by unit.
func (o *Org) indexUnitsByMaps() {
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[*Unit]int, len(o.Units))
	for _, start := range o.Units {
		if o.Unit(start.ID) != start {
			start.inherit(nil) // a duplicate id: its own cadence only
			continue
		}
		// Walk up to a unit already done, a root, or a cycle.
		var path []*Unit
		var above *Unit
		for u := start; u != nil && state[u] == unseen; {
			state[u] = onPath
			path = append(path, u)
			p := o.Unit(u.Parent)
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
			var from *Cadence
			if i+1 < len(path) && o.Unit(u.Parent) == path[i+1] {
				from = path[i+1].inherited
			} else if i == len(path)-1 && above != nil {
				from = above.inherited
			}
			u.inherit(from)
			state[u] = done
		}
	}

	// Intervals of a depth-first walk from the roots (units whose parent
	// is unknown or absent), iteratively: a chain of 50,000 is no deep
	// recursion.
	children := make(map[*Unit][]*Unit, len(o.Units))
	var roots []*Unit
	for _, u := range o.Units {
		if o.Unit(u.ID) != u {
			continue
		}
		if p := o.Unit(u.Parent); p != nil && p != u {
			children[p] = append(children[p], u)
		} else if p == nil {
			roots = append(roots, u)
		}
	}
	for _, u := range o.Units {
		u.in, u.out = -1, -1
	}
	var clock int32
	type frame struct {
		u    *Unit
		next int
	}
	for _, r := range roots {
		stack := []frame{{u: r}}
		r.in = clock
		clock++
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < len(children[top.u]) {
				c := children[top.u][top.next]
				top.next++
				c.in = clock
				clock++
				stack = append(stack, frame{u: c})
				continue
			}
			top.u.out = clock
			clock++
			stack = stack[:len(stack)-1]
		}
	}
}
