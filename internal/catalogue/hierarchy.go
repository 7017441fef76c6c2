package catalogue

import "slices"

// The unit and goal trees come from a pull request, so every walk of them
// is linear in their size (docs/security.md): a chain of 50,000 units or a
// cycle of 8,000 goals, walked from every member, was quadratic. The
// organisation is indexed once (Index): each unit's inherited cadence is
// computed from its parent's, and each unit in a tree gets an interval of a
// depth-first walk, so "is A an ancestor of B" is two comparisons. Units on
// or below a parent cycle have no interval; for them the walk is bounded.

// maxWalk bounds a walk up a parent chain that the index cannot answer (a
// unit on or below a cycle): a chain of thousands is an attack, not an
// organisation.
const maxWalk = 256

// indexUnits computes the inherited cadences and the intervals, in time
// linear in the number of units. Units are walked by their position in
// o.units: maps keyed by unit were most of the index's time at 250,000
// units.
func (o *Org) indexUnits(b *orgBuilder) {
	const (
		unseen = iota
		onPath
		done
	)
	n := len(o.units)
	// parent[i] is the position of unit i's parent (its first
	// declaration), -1 when it has none or it is not declared.
	parent := make([]int32, n)
	first := func(i int) bool { return o.UnitIndex(o.UnitID(i)) == i } // a first declaration of an id
	for i := range o.units {
		parent[i] = int32(o.UnitIndex(o.UnitParent(i))) //nolint:gosec // fewer units than fit in memory
	}
	state := make([]uint8, n)
	var path []int32
	for s := range o.units {
		if !first(s) {
			o.inherit(b, s, 0) // a duplicate id: its own cadence only
			continue
		}
		// Walk up to a unit already done, a root, or a cycle.
		path = path[:0]
		above := int32(-1)
		for u := int32(s); u >= 0 && state[u] == unseen; { //nolint:gosec // as above
			state[u] = onPath
			path = append(path, u)
			p := parent[u]
			if p == u {
				break
			}
			if p >= 0 && state[p] == onPath {
				break // a cycle: its members inherit from none of each other
			}
			if p >= 0 && state[p] == done {
				above = p
				break
			}
			u = p
		}
		// Assign from the top down: each inherits its parent's.
		for i := len(path) - 1; i >= 0; i-- {
			var from uint32
			if i+1 < len(path) && parent[path[i]] == path[i+1] {
				from = o.units[path[i+1]].inherited
			} else if i == len(path)-1 && above >= 0 {
				from = o.units[above].inherited
			}
			o.inherit(b, int(path[i]), from)
			state[path[i]] = done
		}
	}

	// Intervals of a depth-first walk from the roots (units whose parent
	// is unknown or absent), iteratively: a chain of 50,000 is no deep
	// recursion. The children of unit p are kids[first[p]:first[p+1]], in
	// the order of o.units.
	firstKid := make([]int32, n+1)
	var roots []int32
	child := func(i int) (p int32, ok bool) {
		if !first(i) {
			return -1, false
		}
		return parent[i], parent[i] >= 0 && parent[i] != int32(i) //nolint:gosec // as above
	}
	for i := range o.units {
		if p, ok := child(i); ok {
			firstKid[p+1]++
		} else if p < 0 && first(i) {
			roots = append(roots, int32(i)) //nolint:gosec // as above
		}
	}
	for i := 1; i <= n; i++ {
		firstKid[i] += firstKid[i-1]
	}
	kids := make([]int32, firstKid[n])
	fill := slices.Clone(firstKid[:n])
	for i := range o.units {
		if p, ok := child(i); ok {
			kids[fill[p]] = int32(i) //nolint:gosec // as above
			fill[p]++
		}
	}
	for i := range o.units {
		o.units[i].in, o.units[i].out = -1, -1
	}
	var clock int32
	type frame struct {
		u, next int32
	}
	for _, r := range roots {
		stack := []frame{{u: r, next: firstKid[r]}}
		o.units[r].in = clock
		clock++
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < firstKid[top.u+1] {
				c := kids[top.next]
				top.next++
				o.units[c].in = clock
				clock++
				stack = append(stack, frame{u: c, next: firstKid[c]})
				continue
			}
			o.units[top.u].out = clock
			clock++
			stack = stack[:len(stack)-1]
		}
	}
}

// IsAncestor reports whether unit id a is unit id b or one of its parents.
func (o *Org) IsAncestor(a, b string) bool {
	ia, ib := o.UnitIndex(a), o.UnitIndex(b)
	if ia < 0 || ib < 0 {
		return false
	}
	ua, ub := &o.units[ia], &o.units[ib]
	if ua.in >= 0 && ub.in >= 0 {
		return ua.in <= ub.in && ub.out <= ua.out
	}
	// b is on or below a cycle: walk up, bounded.
	for i, u := 0, ib; u >= 0 && i < maxWalk; i, u = i+1, o.UnitIndex(o.UnitParent(u)) {
		if u == ia {
			return true
		}
	}
	return false
}

// inherit sets unit i's effective cadence from its own and from, its
// parent's (0 at a root): it is the parent's own value when the unit
// adds nothing to it, so the units of a catalogue share a few (a tenth
// of a large organisation's memory was a copy per unit).
func (o *Org) inherit(b *orgBuilder, i int, from uint32) {
	u := &o.units[i]
	var c Cadence
	c.merge(o.cadence(u.cadence))
	c.merge(o.cadence(from))
	if from != 0 && c == o.cadences[from-1] {
		u.inherited = from
		return
	}
	u.inherited = b.cadence(&c)
}
