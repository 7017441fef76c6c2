package catalogue

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
// linear in the number of units.
func (o *Org) indexUnits() {
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
