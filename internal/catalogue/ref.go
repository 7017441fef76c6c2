package catalogue

import (
	"encoding/binary"
	"iter"
	"math"
	"strings"
	"sync"
	"unsafe"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/tree"
)

// KPIRef is what the catalogue-wide rules may know of a KPI: its
// identity, where it is written, and the fields that relate it to units,
// goals and other KPIs. It is also what the context cache stores of a KPI.
//
// A KPIRef is a handle: the KPI's record in its file's refs (FileRefs),
// which a streaming lint keeps for every KPI for the whole run. So a
// record is small, 24 bytes with no pointer, and a file's records are one
// allocation the collector never scans: a pointer per KPI, in the record
// or in a list of them, was two million pointers to follow at every
// collection of a million KPIs' run. Its strings are numbers into a table
// shared by the refs of its file (one string holding each distinct value
// once, or, for a goal or scope, a position in the organisation's lists),
// read back by the methods; what a file's KPIs nearly all share (status,
// kind, indicator, the first key, the column it is written at, where the
// id key is from there, which completeness fields are missing) is one
// number, into the file's few distinct shapes.
//
// Handles compare equal when they are of the same KPI. The zero KPIRef is
// of no KPI: its values are empty.
type KPIRef struct {
	t *FileRefs
	i uint32
}

// refRecord is a KPI's record in its file's refs.
type refRecord struct {
	id, scope, owner name
	shape            uint32 // t.shapes[shape]
	goals            uint32 // oneGoal and the name of its one goal, or t.goals[goals] is how many goals, which follow it
	line             uint32 // where the first key is written (0: the KPI has no key)
}

// FileRefs are the refs of one file's KPIs, in file order: their records
// and the table of values those name.
type FileRefs struct {
	refTable
	recs []refRecord
}

// Len is how many KPIs the file has.
func (f *FileRefs) Len() int {
	if f == nil {
		return 0
	}
	return len(f.recs)
}

// At is the i-th KPI's ref.
func (f *FileRefs) At(i int) KPIRef { return KPIRef{t: f, i: uint32(i)} } //nolint:gosec // a file's KPIs fit in memory

// All are the file's refs in order.
func (f *FileRefs) All() iter.Seq2[int, KPIRef] {
	return func(yield func(int, KPIRef) bool) {
		for i := range f.Len() {
			if !yield(i, f.At(i)) {
				return
			}
		}
	}
}

// File is the file.
func (f *FileRefs) File() *File { return f.file }

// shape is what most KPIs of a file share: some of their values, the
// column of the first key, and the id key's place: idLine lines below the
// first key at column idCol, unless noID (the KPI has no id key).
type shape struct {
	status, kind, indicator, firstKey name
	col, idCol                        uint32
	idLine                            int32
	noID                              bool
	// missing has bit i set when the i-th completeness rule found its
	// field absent (docs/rules.md, "Scores").
	missing uint16
}

// name is a string of a file's ref table: 0 is "", n ≥ 1 the value whose
// length, as a uvarint, is written at text[n-1].
type name uint32

// pos32 is a tree.Pos in half the space (a file is at most a few MiB).
type pos32 struct{ line, col uint32 }

func (p pos32) pos() tree.Pos { return tree.Pos{Line: int(p.line), Col: int(p.col)} }

// refTable holds the text of a file's refs: text is every distinct value
// once, each after its length (a uvarint), one after another.
//
// A scope or goal that names a unit or goal of org is not in the text:
// its name is the unit's or goal's position in the organisation's list,
// counted down from the top of the names (inOrg), and the organisation
// holds its id. At a million KPIs, the goals and scopes written in the
// refs' text were 14 MB of the organisation's own ids again.
type refTable struct {
	file   *File
	org    *Org
	text   string
	shapes []shape
	goals  []name // per list of goals its length, then its goals; 0 first: no goals
}

// inOrg is the name of the unit or goal at position i of the
// organisation's list: names of the text count up from 1, these down from
// the top. Refs use them only for a file of less than 512 MiB (its text,
// with the lengths, less than 1 GiB) and the first 2^30 units or goals, so
// the two never meet; bit 31 is left to oneGoal.
func inOrg(i int) name { return name(math.MaxInt32 - i) } //nolint:gosec // 0 <= i < 2^30: see above

// orgIndex is the position in the organisation's list a name of inOrg
// stands for.
func (t *refTable) orgIndex(n name) (int, bool) {
	if t == nil || n == 0 || int(n) <= len(t.text) {
		return 0, false
	}
	return math.MaxInt32 - int(n), true
}

// unit and goal are a scope's and a goal's names as strings.
func (t *refTable) unit(n name) string {
	if i, ok := t.orgIndex(n); ok {
		return t.org.UnitID(i)
	}
	return t.get(n)
}

func (t *refTable) goal(n name) string {
	if i, ok := t.orgIndex(n); ok {
		return t.org.GoalID(i)
	}
	return t.get(n)
}

func (t *refTable) get(n name) string {
	if t == nil {
		return ""
	}
	return textAt(t.text, n)
}

// rec is the ref's record (a zero one for the zero KPIRef).
func (r KPIRef) rec() refRecord {
	if r.t == nil {
		return refRecord{}
	}
	return r.t.recs[r.i]
}

func (r KPIRef) table() *refTable {
	if r.t == nil {
		return nil
	}
	return &r.t.refTable
}

func (r KPIRef) shapeOf() shape {
	if r.t == nil {
		return shape{}
	}
	return r.t.shapes[r.t.recs[r.i].shape]
}

// File is the file the KPI is written in.
func (r KPIRef) File() *File {
	if r.t == nil {
		return nil
	}
	return r.t.file
}

// ID, Status, Kind, Scope, Owner (the owner's name as written) and
// Indicator are the KPI's values as written; Status and Kind are never
// empty (active and kpi by default).
func (r KPIRef) ID() string        { return r.table().get(r.rec().id) }
func (r KPIRef) Status() string    { return r.table().get(r.shapeOf().status) }
func (r KPIRef) Kind() string      { return r.table().get(r.shapeOf().kind) }
func (r KPIRef) Scope() string     { return r.table().unit(r.rec().scope) }
func (r KPIRef) Owner() string     { return r.table().get(r.rec().owner) }
func (r KPIRef) Indicator() string { return r.table().get(r.shapeOf().indicator) }

// Goals are the ids of the goals the KPI measures, in order, with their
// index. They are numbers into the table, not strings: a string's pointer
// per goal was a million more for the collector to follow at every cycle.
func (r KPIRef) Goals() iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		if one, ok := r.oneGoal(); ok {
			yield(0, r.table().goal(one))
			return
		}
		for i, n := range r.goalList() {
			if !yield(i, r.table().goal(n)) {
				return
			}
		}
	}
}

// NumGoals is how many goals the KPI measures.
func (r KPIRef) NumGoals() int {
	if _, ok := r.oneGoal(); ok {
		return 1
	}
	return len(r.goalList())
}

// oneGoal marks a ref's goals field as holding the name of its one goal,
// as most KPIs have: its list in the table would be 8 bytes more.
const oneGoal = 1 << 31

func (r KPIRef) oneGoal() (name, bool) {
	g := r.rec().goals
	return name(g &^ oneGoal), g&oneGoal != 0
}

// goalList is the list of goals of a ref that has not one goal.
func (r KPIRef) goalList() []name {
	if r.t == nil {
		return nil
	}
	g := r.rec().goals
	n := uint32(r.t.goals[g])
	return r.t.goals[g+1 : g+1+n]
}

// IsActive reports whether the KPI is checked by the quality rules.
func (r KPIRef) IsActive() bool { return r.Status() != "retired" }

// IsMetric reports whether the KPI is a supporting metric (kind: metric).
func (r KPIRef) IsMetric() bool { return r.Kind() == "metric" }

// OwnerKey is the owner's identity for counting: see OwnerKey.
func (r KPIRef) OwnerKey() string { return OwnerKey(r.Owner()) }

// Missing has bit i set when the i-th completeness rule found its field
// absent (docs/rules.md, "Scores").
func (r KPIRef) Missing() uint16 { return r.shapeOf().missing }

// first and idAt are where the first key and the id key are written.
func (r KPIRef) first() tree.Pos { return tree.Pos{Line: int(r.rec().line), Col: int(r.shapeOf().col)} }

func (r KPIRef) idAt() tree.Pos {
	sh := r.shapeOf()
	if sh.noID {
		return tree.Pos{}
	}
	return tree.Pos{Line: int(r.rec().line) + int(sh.idLine), Col: int(sh.idCol)}
}

// Loc is where a finding about the KPI as a whole points: its first key.
func (r KPIRef) Loc() finding.Location {
	if r.t == nil {
		return finding.Location{}
	}
	if r.rec().line == 0 {
		return location(r.t.file, tree.Pos{Line: 1, Col: 1}, 1)
	}
	return location(r.t.file, r.first(), len([]rune(r.t.get(r.shapeOf().firstKey))))
}

// At is the location of the KPI's id key when key is "id" and it has one,
// else Loc.
func (r KPIRef) At(key string) finding.Location {
	if at := r.idAt(); key == "id" && at.Line > 0 {
		return location(r.t.file, at, 2)
	}
	return r.Loc()
}

// RefRecord is a KPIRef in plain values: what the context cache stores.
type RefRecord struct {
	ID        string   `json:"id"`
	Status    string   `json:"status"`
	Kind      string   `json:"kind,omitempty"`
	Goals     []string `json:"goals,omitempty"`
	Scope     string   `json:"scope"`
	Owner     string   `json:"owner,omitempty"`
	Indicator string   `json:"indicator,omitempty"`
	Missing   uint16   `json:"missing,omitempty"`
	// FirstKey is the KPI's first key, written at First; IDAt is where
	// its id key is written (zero when it has none).
	FirstKey string   `json:"first_key"`
	First    tree.Pos `json:"first"`
	IDAt     tree.Pos `json:"id_at,omitzero"`
}

// RefKeys are the keys of a KPI whose values its ref is made from (Record
// and the loader's kpi): a file read only for its KPIs' refs may leave out
// the values of the others (document.ParseOutline).
var RefKeys = []string{"id", "status", "kind", "goal", "scope", "owner", "indicator"}

// Record is the ref in plain values.
func (r KPIRef) Record() RefRecord {
	var goals []string
	for _, g := range r.Goals() {
		goals = append(goals, g)
	}
	return RefRecord{ID: r.ID(), Status: r.Status(), Kind: r.Kind(), Goals: goals, Scope: r.Scope(),
		Owner: r.Owner(), Indicator: r.Indicator(), Missing: r.Missing(),
		FirstKey: r.table().get(r.shapeOf().firstKey), First: r.first(), IDAt: r.idAt()}
}

// Record is what the catalogue-wide rules keep of the KPI.
func (k *KPI) Record() RefRecord {
	rec := RefRecord{ID: k.ID, Status: k.Status, Kind: k.Kind, Goals: k.Goals, Scope: k.Scope,
		Indicator: k.Indicator, Missing: k.Missing}
	if k.Owner != nil {
		rec.Owner = k.Owner.Name
	}
	if k.Node != nil && k.Node.Kind == tree.Map {
		for i, ent := range k.Node.Entries {
			if i == 0 {
				rec.FirstKey, rec.First = ent.Key, ent.KeyPos
			}
			if ent.Key == "id" {
				rec.IDAt = ent.KeyPos
				break
			}
		}
	}
	return rec
}

// Refs are the refs of kpis, all written in f: the whole of f's KPIs, as
// a file's refs are made once. Their text is copied into one table for f,
// so nothing of f's source or tree is held after; a goal or scope that
// names one of org's (nil: the organisation is not known yet), which must
// be indexed and not change after, is held as its position there.
func Refs(f *File, org *Org, kpis []*KPI) *FileRefs {
	if len(f.Source) >= 1<<29 { // see inOrg
		org = nil
	}
	return refsOf(f, org, len(kpis), func(i int) RefRecord { return kpis[i].Record() })
}

// RefsOf makes the refs of f's KPIs from their records (see Refs), with
// all their text in the table.
func RefsOf(f *File, recs []RefRecord) *FileRefs {
	return refsOf(f, nil, len(recs), func(i int) RefRecord { return recs[i] })
}

// builders lend a refBuilder to each file's refs: its maps, grown for one
// file, serve the next (making them for every file allocated 280 MB at a
// million KPIs).
var builders = sync.Pool{New: func() any { return &refBuilder{index: map[string]name{}, shapes: map[shape]uint32{}} }}

// refsOf makes the refs of n KPIs of f, the i-th from rec(i).
func refsOf(f *File, org *Org, n int, rec func(i int) RefRecord) *FileRefs {
	b := builders.Get().(*refBuilder) //nolint:forcetypeassert // the pool holds nothing else
	defer b.release()
	t := &carve(&b.tables, 1)[0]
	t.file, t.org = f, org
	unit := func(s string) name { return b.orgName(org, org.UnitIndex, s) }
	goal := func(s string) name { return b.orgName(org, org.GoalIndex, s) }
	t.recs = carve(&b.slabs, n)
	goals := append(b.goals[:0], 0) // 0: the empty list, which every KPI without goals shares
	for i := range n {
		r := rec(i)
		sh := shape{status: b.add(r.Status), kind: b.add(r.Kind), indicator: b.add(r.Indicator), firstKey: b.add(r.FirstKey),
			col: u32(r.First.Col), missing: r.Missing}
		if r.IDAt == (tree.Pos{}) {
			sh.noID = true
		} else {
			sh.idLine, sh.idCol = i32(r.IDAt.Line-r.First.Line), u32(r.IDAt.Col)
		}
		t.recs[i] = refRecord{id: b.add(r.ID), scope: unit(r.Scope), owner: b.add(r.Owner), shape: b.shape(sh), line: u32(r.First.Line)}
		if len(r.Goals) == 1 {
			if g := goal(r.Goals[0]); g < oneGoal { // always: see inOrg
				t.recs[i].goals = oneGoal | uint32(g)
				continue
			}
		}
		if len(r.Goals) > 0 {
			t.recs[i].goals = u32(len(goals))
			goals = append(goals, name(u32(len(r.Goals))))
			for _, g := range r.Goals {
				goals = append(goals, goal(g))
			}
		}
	}
	t.text, t.shapes = b.table()
	t.goals, b.goals = append(carve(&b.lists, len(goals))[:0], goals...), goals // exactly their size: growing them left as much again
	return t
}

// refBuilder collects a file's distinct values and shapes, in order.
type refBuilder struct {
	// slabs, texts, tables, shapeBlock and lists are what is left of the
	// blocks the next file's refs, text, table, shapes and goal lists are
	// cut from (carve): what every file keeps for the whole run is packed
	// in blocks, not scattered, each rounded up to its size class, through
	// the spans the parsers' short-lived values fill. At a million KPIs a
	// third of the live heap again sat unused in such spans at the end of
	// the run.
	slabs      []refRecord
	texts      []byte
	tables     []FileRefs
	shapeBlock []shape
	lists      []name
	index      map[string]name
	distinct   []string
	size       int // of the text so far, lengths included
	shapes     map[shape]uint32
	shapeOf    []shape
	goals      []name // the goal lists as they are made
}

// release empties the builder and gives it back to the pool; one that
// grew past a large file is left to the collector.
func (b *refBuilder) release() {
	if len(b.distinct) > 1<<16 || len(b.shapeOf) > 1<<10 || cap(b.goals) > 1<<16 {
		return
	}
	clear(b.index)
	clear(b.distinct) // no strings of the file held
	clear(b.shapes)
	b.distinct, b.shapeOf, b.size = b.distinct[:0], b.shapeOf[:0], 0
	builders.Put(b)
}

func (b *refBuilder) add(s string) name {
	if s == "" {
		return 0
	}
	if n, ok := b.index[s]; ok {
		return n
	}
	n := name(u32(b.size + 1))
	b.distinct = append(b.distinct, s)
	b.size += uvarintLen(len(s)) + len(s)
	b.index[s] = n
	return n
}

// orgName is the name of s, a scope or goal: its position in the
// organisation's list (index finds it, inOrg) when org has it, else its
// text.
func (b *refBuilder) orgName(org *Org, index func(string) int, s string) name {
	if org != nil && s != "" {
		if i := index(s); i >= 0 && i < 1<<30 {
			return inOrg(i)
		}
	}
	return b.add(s)
}

func (b *refBuilder) shape(s shape) uint32 {
	if i, ok := b.shapes[s]; ok {
		return i
	}
	i := u32(len(b.shapeOf))
	b.shapeOf = append(b.shapeOf, s)
	b.shapes[s] = i
	return i
}

// table is the values in one string of exactly their size, each after its
// length, and the shapes.
func (b *refBuilder) table() (string, []shape) {
	if b.size == 0 {
		return "", b.fileShapes()
	}
	text := carve(&b.texts, b.size)[:0]
	for _, s := range b.distinct {
		text = binary.AppendUvarint(text, uint64(len(s)))
		text = append(text, s...)
	}
	// The block's bytes from here on are the next file's: these are never
	// written again.
	return unsafe.String(unsafe.SliceData(text), len(text)), b.fileShapes() //nolint:gosec // audited above
}

// fileShapes are the file's shapes, cut from a block.
func (b *refBuilder) fileShapes() []shape {
	return append(carve(&b.shapeBlock, len(b.shapeOf))[:0], b.shapeOf...)
}

// refBlock is the size of the blocks refs and their text are cut from.
const refBlock = 64 << 10

// carve cuts n values from what is left of the block *rest, which it
// replaces by a new block when too little is left; a large file's values
// are an allocation of their own.
func carve[T any](rest *[]T, n int) []T {
	per := refBlock / max(int(unsafe.Sizeof(*new(T))), 1)
	if n > per/4 {
		return make([]T, n)
	}
	if n > cap(*rest)-len(*rest) {
		*rest = make([]T, 0, per)
	}
	at := len(*rest)
	*rest = (*rest)[:at+n]
	return (*rest)[at : at+n : at+n]
}

func uvarintLen(n int) int {
	size := 1
	for ; n >= 0x80; n >>= 7 {
		size++
	}
	return size
}

// u32 is n as a uint32; a file is at most a few MiB (document.Limits), so
// only a negative n (an unset position) is ever out of range: it is 0.
func u32(n int) uint32 { return uint32(min(max(n, 0), math.MaxUint32)) } //nolint:gosec // clamped just before

// i32 is n as an int32, clamped likewise.
func i32(n int) int32 { return int32(min(max(n, math.MinInt32), math.MaxInt32)) } //nolint:gosec // clamped just before

// Brief is a KPI as the audit reads it: its ref, and the few values of its
// detail the audit shows. A streaming audit keeps one per reported KPI
// (about 150 bytes) where the full load kept every tree.
type Brief struct {
	KPIRef
	Name      string
	OwnerUnit string
	// Review and LastReview are the KPI's own cadence's (not inherited).
	Review, LastReview string
	Actions            int
}

// Brief is what the audit reads of the KPI, whose ref is ref.
func (k *KPI) Brief(ref KPIRef) *Brief {
	b := &Brief{KPIRef: ref, Name: strings.Clone(k.Name), Actions: len(k.Actions)}
	if k.Owner != nil {
		b.OwnerUnit = keep(k.Owner.Unit)
	}
	if c := k.Cadence; c != nil {
		b.Review, b.LastReview = keep(c.Review), keep(c.LastReview)
	}
	return b
}
