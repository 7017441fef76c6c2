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
// o.Units (u.in holds it until the intervals are set): maps keyed by unit
// were most of the index's time at 250,000 units.
func (o *Org) indexUnits() {
	const (
		unseen = iota
		onPath
		done
	)
	n := len(o.Units)
	for i, u := range o.Units {
		u.in = int32(i) //nolint:gosec // fewer units than fit in memory
	}
	// parent[i] is the position of unit i's parent (its first
	// declaration), -1 when it has none or it is not declared.
	parent := make([]int32, n)
	for i, u := range o.Units {
		parent[i] = -1
		if p := o.Unit(u.Parent); p != nil {
			parent[i] = p.in
		}
	}
	state := make([]uint8, n)
	var path []int32
	for s, start := range o.Units {
		if o.Unit(start.ID) != start {
			start.inherit(nil) // a duplicate id: its own cadence only
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
			var from *Cadence
			if i+1 < len(path) && parent[path[i]] == path[i+1] {
				from = o.Units[path[i+1]].inherited
			} else if i == len(path)-1 && above >= 0 {
				from = o.Units[above].inherited
			}
			o.Units[path[i]].inherit(from)
			state[path[i]] = done
		}
	}

	// Intervals of a depth-first walk from the roots (units whose parent
	// is unknown or absent), iteratively: a chain of 50,000 is no deep
	// recursion. The children of unit p are kids[first[p]:first[p+1]], in
	// the order of o.Units.
	first := make([]int32, n+1)
	var roots []int32
	child := func(i int) (p int32, ok bool) {
		if u := o.Units[i]; o.Unit(u.ID) != u {
			return -1, false
		}
		return parent[i], parent[i] >= 0 && parent[i] != int32(i) //nolint:gosec // as above
	}
	for i := range o.Units {
		if p, ok := child(i); ok {
			first[p+1]++
		} else if p < 0 && o.Unit(o.Units[i].ID) == o.Units[i] {
			roots = append(roots, int32(i)) //nolint:gosec // as above
		}
	}
	for i := 1; i <= n; i++ {
		first[i] += first[i-1]
	}
	kids := make([]int32, first[n])
	fill := slices.Clone(first[:n])
	for i := range o.Units {
		if p, ok := child(i); ok {
			kids[fill[p]] = int32(i) //nolint:gosec // as above
			fill[p]++
		}
	}
	for _, u := range o.Units {
		u.in, u.out = -1, -1
	}
	var clock int32
	type frame struct {
		u, next int32
	}
	for _, r := range roots {
		stack := []frame{{u: r, next: first[r]}}
		o.Units[r].in = clock
		clock++
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < first[top.u+1] {
				c := kids[top.next]
				top.next++
				o.Units[c].in = clock
				clock++
				stack = append(stack, frame{u: c, next: first[c]})
				continue
			}
			o.Units[top.u].out = clock
			clock++
			stack = stack[:len(stack)-1]
		}
	}
}

// IsAncestor reports whether unit id a is unit id b or one of its parents.
func (o *Org) IsAncestor(a, b string) bool {
	ua, ub := o.Unit(a), o.Unit(b)
	if ua == nil || ub == nil {
		return false
	}
	if ua.in >= 0 && ub.in >= 0 {
		return ua.in <= ub.in && ub.out <= ua.out
	}
	// b is on or below a cycle: walk up, bounded.
	for i, u := 0, ub; u != nil && i < maxWalk; i, u = i+1, o.Unit(u.Parent) {
		if u == ua {
			return true
		}
	}
	return false
}

// inherit sets the unit's effective cadence from its own and from, its
// parent's (nil at a root): it is the parent's own value when the unit
// adds nothing to it, so the units of a catalogue share a few (a tenth
// of a large organisation's memory was a copy per unit).
func (u *Unit) inherit(from *Cadence) {
	var c Cadence
	c.merge(u.Cadence)
	c.merge(from)
	switch {
	case from != nil && c == *from:
		u.inherited = from
	case c == Cadence{}:
		u.inherited = nil
	default:
		u.inherited = &c
	}
}
