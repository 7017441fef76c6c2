package catalogue

import "github.com/kpilint/kpilint/internal/tree"

// ElementRecord is what a compacted unit or goal keeps of its element, in
// plain values: the context cache stores it, and a warm run rebuilds the
// element from it without parsing the file (load/cache_pack.go).
type ElementRecord struct {
	ID, FirstKey                   string
	First, IDAt, ParentAt, ScopeAt tree.Pos
}

func (e *Element) record() ElementRecord {
	return ElementRecord{ID: e.ID, FirstKey: e.firstKey, First: e.first.pos(), IDAt: e.idAt.pos(), ParentAt: e.parentAt.pos(), ScopeAt: e.scopeAt.pos()}
}

func elementOf(f *File, r ElementRecord) Element {
	at := func(p tree.Pos) pos32 { return pos32{u32(p.Line), u32(p.Col)} }
	return Element{File: f, ID: keep(r.ID), firstKey: keep(r.FirstKey), first: at(r.First), idAt: at(r.IDAt), parentAt: at(r.ParentAt), scopeAt: at(r.ScopeAt)}
}

// UnitRecord is a compacted unit in plain values.
type UnitRecord struct {
	ElementRecord
	Name, Level, Parent string
	Cadence             *Cadence
}

// Record is the unit, which must be compacted, as a record.
func (u *Unit) Record() UnitRecord {
	return UnitRecord{ElementRecord: u.record(), Name: u.Name, Level: u.Level, Parent: u.Parent, Cadence: u.Cadence}
}

// UnitOf is the compacted unit a record holds, in file f.
func UnitOf(f *File, r UnitRecord) *Unit {
	return &Unit{Element: elementOf(f, r.ElementRecord), Name: keep(r.Name), Level: keep(r.Level), Parent: keep(r.Parent), Cadence: r.Cadence}
}

// GoalRecord is a compacted goal in plain values.
type GoalRecord struct {
	ElementRecord
	Statement, Scope, Parent string
}

// Record is the goal, which must be compacted, as a record.
func (g *Goal) Record() GoalRecord {
	return GoalRecord{ElementRecord: g.record(), Statement: g.Statement, Scope: g.Scope, Parent: g.Parent}
}

// GoalOf is the compacted goal a record holds, in file f.
func GoalOf(f *File, r GoalRecord) *Goal {
	return &Goal{Element: elementOf(f, r.ElementRecord), Statement: keep(r.Statement), Scope: keep(r.Scope), Parent: keep(r.Parent)}
}
