package catalogue

import (
	"encoding/binary"
	"math"
	"unsafe"

	"github.com/kpilint/kpilint/internal/tree"
)

// Org is the organisation and its goals as every rule reads them: what
// Catalogue.Index records of the units and goals, in catalogue order.
//
// The records are numbers: their text is in one string, their files and
// cadences in lists, so the collector has almost nothing to mark in them.
// A streaming lint keeps the organisation for the whole run; at a million
// KPIs its 280,000 units as structs of strings, files and cadences were
// 49 MB and 2.8 million pointers, half of the marking of every collection
// (BENCHMARKS.md). UnitAt and GoalAt give a unit or goal back as a value
// whose strings are views of that text.
type Org struct {
	// Levels are the organisation's level names, top down (the
	// configuration's levels; DefaultLevels when nil).
	Levels []string

	units []unitRecord
	goals []goalRecord
	// text holds the records' values, each after its length (a uvarint):
	// the name n ≥ 1 is the value at text[n-1].
	text     string
	files    []*File
	cadences []Cadence // distinct; a record's cadence c ≥ 1 is cadences[c-1]

	unitIDs, goalIDs IDIndex
}

// elementRecord is an Element without its tree: what Loc and At read.
type elementRecord struct {
	file                           uint32 // files[file]
	id, firstKey                   name
	first, idAt, parentAt, scopeAt pos32
}

type unitRecord struct {
	elementRecord
	name, level, parent name
	// cadence is the unit's own, inherited its effective one (indexUnits).
	cadence, inherited uint32
	// in and out are the unit's entry and exit times in a depth-first
	// walk of the unit tree (hierarchy.go); in is -1 for a unit on or
	// below a parent cycle.
	in, out int32
}

type goalRecord struct {
	elementRecord
	statement, scope, parent name
}

// index records units and goals, then indexes them by id (the first
// declaration of an id wins) and walks the unit tree.
func (o *Org) index(units []*Unit, goals []*Goal) {
	b := orgBuilder{o: o, files: map[*File]uint32{}, shared: map[string]name{}, cadences: map[Cadence]uint32{}}
	o.files, o.cadences = nil, nil
	o.units = make([]unitRecord, len(units))
	for i, u := range units {
		o.units[i] = unitRecord{elementRecord: b.element(&u.Element), name: b.add(u.Name), level: b.addShared(u.Level),
			cadence: b.cadence(u.Cadence)}
	}
	o.goals = make([]goalRecord, len(goals))
	for i, g := range goals {
		o.goals[i] = goalRecord{elementRecord: b.element(&g.Element), statement: b.add(g.Statement)}
	}
	b.done()
	o.unitIDs = IndexEach(len(o.units), o.UnitID, nil)
	o.goalIDs = IndexEach(len(o.goals), o.GoalID, nil)
	// A parent or scope that is a declared id is that id's text: the
	// text then holds each id once, not again for every child.
	for i, u := range units {
		o.units[i].parent = b.ref(u.Parent, o.UnitIndex, func(j int) name { return o.units[j].id })
	}
	for i, g := range goals {
		o.goals[i].parent = b.ref(g.Parent, o.GoalIndex, func(j int) name { return o.goals[j].id })
		o.goals[i].scope = b.ref(g.Scope, o.UnitIndex, func(j int) name { return o.units[j].id })
	}
	b.done()
	o.indexUnits(&b)
}

// orgBuilder writes an organisation's records' text and lists.
type orgBuilder struct {
	o        *Org
	text     []byte
	files    map[*File]uint32
	shared   map[string]name // the values many records share: levels and first keys
	cadences map[Cadence]uint32
}

// add appends s to the text. The text is at most 4 GiB, which is the
// units and goals of more than 4 GiB of files (docs/security.md): a value
// past that is read back empty.
func (b *orgBuilder) add(s string) name {
	if s == "" || len(b.text)+binary.MaxVarintLen64+len(s) > math.MaxUint32 {
		return 0
	}
	n := name(len(b.text) + 1) //nolint:gosec // bounded just above
	b.text = binary.AppendUvarint(b.text, uint64(len(s)))
	b.text = append(b.text, s...)
	return n
}

func (b *orgBuilder) addShared(s string) name {
	n, ok := b.shared[s]
	if !ok {
		n = b.add(s)
		b.shared[s] = n
	}
	return n
}

// ref is the name of s, an id that index finds at j (its record's id,
// id(j)), or its own text.
func (b *orgBuilder) ref(s string, index func(string) int, id func(j int) name) name {
	if j := index(s); j >= 0 {
		return id(j)
	}
	return b.add(s)
}

func (b *orgBuilder) element(e *Element) elementRecord {
	r := elementRecord{file: b.file(e.File), id: b.add(e.ID)}
	firstKey := e.firstKey
	r.first, r.idAt, r.parentAt, r.scopeAt = e.first, e.idAt, e.parentAt, e.scopeAt
	if n := e.Node; n != nil {
		if n.Kind == tree.Map {
			firstKey, r.first, r.idAt, r.parentAt, r.scopeAt = keyPositions(n)
		} else {
			r.first = pos32{u32(n.Pos.Line), u32(n.Pos.Col)}
		}
	}
	r.firstKey = b.addShared(firstKey)
	return r
}

func (b *orgBuilder) file(f *File) uint32 {
	i, ok := b.files[f]
	if !ok {
		i = u32(len(b.o.files))
		b.o.files = append(b.o.files, f)
		b.files[f] = i
	}
	return i
}

// cadence is the number of c among the organisation's cadences (0: none).
func (b *orgBuilder) cadence(c *Cadence) uint32 {
	if c == nil || *c == (Cadence{}) {
		return 0
	}
	i, ok := b.cadences[*c]
	if !ok {
		b.o.cadences = append(b.o.cadences, *c)
		i = u32(len(b.o.cadences))
		b.cadences[*c] = i
	}
	return i
}

// done makes the text so far the organisation's.
func (b *orgBuilder) done() {
	if len(b.text) > 0 {
		b.o.text = unsafe.String(&b.text[0], len(b.text)) //nolint:gosec // audited: b.text is only appended to after this
	}
}

// get is the value named n.
func (o *Org) get(n name) string { return textAt(o.text, n) }

// textAt is the value named n in text, each value after its length.
func textAt(text string, n name) string {
	if n == 0 {
		return ""
	}
	at, size, shift := int(n-1), 0, 0
	for {
		c := text[at]
		at++
		size |= int(c&0x7f) << shift
		if c < 0x80 {
			return text[at : at+size]
		}
		shift += 7
	}
}

func (o *Org) cadence(c uint32) *Cadence {
	if c == 0 {
		return nil
	}
	return &o.cadences[c-1]
}

func (o *Org) element(r *elementRecord) Element {
	return Element{File: o.files[r.file], ID: o.get(r.id), firstKey: o.get(r.firstKey),
		first: r.first, idAt: r.idAt, parentAt: r.parentAt, scopeAt: r.scopeAt}
}

// NumUnits is how many units the organisation declares, duplicates too.
func (o *Org) NumUnits() int { return len(o.units) }

// UnitAt is the i-th unit declared, without its tree; its cadence is
// shared, not to be changed.
func (o *Org) UnitAt(i int) Unit {
	r := &o.units[i]
	return Unit{Element: o.element(&r.elementRecord), Name: o.get(r.name), Level: o.get(r.level), Parent: o.get(r.parent),
		Cadence: o.cadence(r.cadence)}
}

// NumGoals is how many goals the organisation declares, duplicates too.
func (o *Org) NumGoals() int { return len(o.goals) }

// GoalAt is the i-th goal declared, without its tree.
func (o *Org) GoalAt(i int) Goal {
	r := &o.goals[i]
	return Goal{Element: o.element(&r.elementRecord), Statement: o.get(r.statement), Scope: o.get(r.scope), Parent: o.get(r.parent)}
}

// UnitIndex is the position of the first unit declared with that id, or
// -1: what a rule counting per unit indexes a slice of counts with.
func (o *Org) UnitIndex(id string) int { return o.unitIDs.find(id, o.UnitID) }

// GoalIndex is the position of the first goal declared with that id, or -1.
func (o *Org) GoalIndex(id string) int { return o.goalIDs.find(id, o.GoalID) }

// Unit is the first unit declared with that id.
func (o *Org) Unit(id string) (Unit, bool) {
	if i := o.UnitIndex(id); i >= 0 {
		return o.UnitAt(i), true
	}
	return Unit{}, false
}

// Goal is the first goal declared with that id.
func (o *Org) Goal(id string) (Goal, bool) {
	if i := o.GoalIndex(id); i >= 0 {
		return o.GoalAt(i), true
	}
	return Goal{}, false
}

// UnitID, UnitParent, GoalID and GoalParent are a record's values, for
// the walks over every unit or goal that need nothing more.
func (o *Org) UnitID(i int) string     { return o.get(o.units[i].id) }
func (o *Org) UnitParent(i int) string { return o.get(o.units[i].parent) }
func (o *Org) GoalID(i int) string     { return o.get(o.goals[i].id) }
func (o *Org) GoalParent(i int) string { return o.get(o.goals[i].parent) }

// DefaultLevels are the levels of an organisation when the configuration
// names none, top down.
var DefaultLevels = []string{"organisation", "department", "team"}

// LevelNames are the organisation's levels, top down.
func (o *Org) LevelNames() []string {
	if len(o.Levels) == 0 {
		return DefaultLevels
	}
	return o.Levels
}

// Resolve works out what a KPI inherits from its units: its effective
// cadence, field by field from the KPI, else from the nearest unit of its
// scope's line that sets it. The engine calls it once per KPI, before the
// per-KPI rules.
func (o *Org) Resolve(k *KPI) {
	k.Effective = Cadence{}
	k.Effective.merge(k.Cadence)
	if i := o.UnitIndex(k.Scope); i >= 0 {
		k.Effective.merge(o.cadence(o.units[i].inherited))
	}
}

// Level is the level of the unit a KPI is scoped to, or "" if unknown.
func (o *Org) Level(scope string) string {
	if i := o.UnitIndex(scope); i >= 0 {
		return o.get(o.units[i].level)
	}
	return ""
}
