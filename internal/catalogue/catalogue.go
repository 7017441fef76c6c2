// Package catalogue is the typed model of a KPI catalogue: units, goals and
// KPIs read from any number of files. Every element keeps its document node,
// so rules can point at the exact key they talk about.
package catalogue

import (
	"slices"
	"strconv"
	"strings"

	"github.com/kpilint/kpilint/internal/formula"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/tree"
)

// File is one catalogue file.
type File struct {
	Path       string // relative to the root, forward slashes
	Format     string // yaml, json or cue
	Source     []byte
	Docs       []*tree.Node
	Directives []Directive
}

// Element is what units, goals and KPIs share: where they are written.
type Element struct {
	File *File
	Node *tree.Node // nil once compacted
	ID   string
	// keys are what a compacted element keeps of its tree: the positions of
	// its first key and of the keys the catalogue-wide rules point at.
	keys []KeyPos
}

// KeyPos is where a key of a compacted element is written.
type KeyPos struct {
	Key string   `json:"k"`
	Pos tree.Pos `json:"p"`
}

// Loc is where a finding about this element as a whole points: its first key.
func (e *Element) Loc() finding.Location {
	if e.Node == nil && len(e.keys) > 0 {
		return location(e.File, e.keys[0].Pos, len([]rune(e.keys[0].Key)))
	}
	return location(e.File, e.Node.Anchor(), e.Node.AnchorWidth())
}

// At is the location of the key at path (e.g. "measure", "formula"). Where
// the path stops early, it is the anchor of the deepest mapping that lacks
// the rest, which is where SPEC says a missing field is reported.
//
// A path element that is a number indexes a list ("actions", "0", "when").
func (e *Element) At(path ...string) finding.Location {
	if e.Node == nil {
		for _, k := range e.keys {
			if len(path) == 1 && k.Key == path[0] {
				return location(e.File, k.Pos, len([]rune(k.Key)))
			}
		}
		return e.Loc()
	}
	n := e.Node
	for i, key := range path {
		if n.Kind == tree.List {
			idx, err := strconv.Atoi(key)
			if err != nil || idx < 0 || idx >= len(n.Items) {
				return location(e.File, n.Pos, 1)
			}
			n = n.Items[idx]
			if i == len(path)-1 {
				return location(e.File, n.Anchor(), n.AnchorWidth())
			}
			continue
		}
		ent := n.Entry(key)
		if ent == nil {
			return location(e.File, n.Anchor(), n.AnchorWidth())
		}
		if i == len(path)-1 {
			return location(e.File, ent.KeyPos, len([]rune(ent.Key)))
		}
		n = ent.Value
	}
	return e.Loc()
}

// Has reports whether the key path exists (always false once compacted).
func (e *Element) Has(path ...string) bool {
	n := e.Node
	for _, key := range path {
		n = n.Get(key)
		if n == nil {
			return false
		}
	}
	return true
}

// Get returns the node at path, or nil.
func (e *Element) Get(path ...string) *tree.Node {
	n := e.Node
	for _, key := range path {
		n = n.Get(key)
	}
	return n
}

// Loc is the location of a position in a file.
func Loc(f *File, p tree.Pos, width int) finding.Location { return location(f, p, width) }

func location(f *File, p tree.Pos, width int) finding.Location {
	return finding.Location{File: f.Path, Line: p.Line, Column: p.Col, EndLine: p.Line, EndColumn: p.Col + max(width, 1)}
}

// Unit is part of the organisation.
type Unit struct {
	Element
	Name   string
	Level  string
	Parent string
}

// Goal is a strategic goal.
type Goal struct {
	Element
	Statement string
	Scope     string
	Parent    string
}

// KPI is a key performance indicator. What only the per-KPI rules read
// lives in the embedded Detail, which Compact drops.
type KPI struct {
	Element
	Name      string
	Status    string // active (the default), draft or retired
	Goals     []string
	Scope     string
	Owner     *Owner
	Indicator string
	*Detail
}

// Detail is the part of a KPI that only the per-KPI rules and the audit
// read; nil once the KPI is compacted.
type Detail struct {
	Description string
	Levers      []string
	Direction   string
	Measure     *Measure
	Baseline    *Point
	Target      *Point
	Thresholds  *Thresholds
	Cadence     *Cadence
	Actions     []Action
	Tags        []string
}

// Owner is the one accountable person.
type Owner struct {
	Name, Role, Unit, Email string
}

// Measure is how a KPI is computed.
type Measure struct {
	Formula  string
	Unit     string
	Inputs   []Input // in source order
	Range    *Range
	Examples []Example

	parsed    *formula.Expr
	parseErr  error
	hasParsed bool
}

// ParsedFormula parses the formula once; several rules read it.
func (m *Measure) ParsedFormula() (*formula.Expr, error) {
	if !m.hasParsed {
		m.parsed, m.parseErr = formula.Parse(m.Formula)
		m.hasParsed = true
	}
	return m.parsed, m.parseErr
}

// Input is one named piece of data a formula uses.
type Input struct {
	Name        string
	Description string
	Source      string
	Node        *tree.Entry
}

// Range bounds the valid values; nil fields are unbounded.
type Range struct {
	Min, Max *float64
}

// Example is a test vector for the formula.
type Example struct {
	Inputs map[string]float64
	Expect *float64
	Node   *tree.Node
}

// Point is a baseline or a target.
type Point struct {
	Value *float64
	Date  string
}

// Thresholds are the traffic-light limits.
type Thresholds struct {
	Green, Red *float64
}

// Cadence is how often a KPI is measured and followed up.
type Cadence struct {
	Measure, Review, Forum, LastReview string
}

// Action is what is done when the KPI moves.
type Action struct {
	When, Do, Owner string
}

// IsActive reports whether the KPI is checked by the quality rules: active
// and draft KPIs are; retired ones only for identity and references.
func (k *KPI) IsActive() bool { return k.Status != "retired" }

// Catalogue is every unit, goal and KPI, in catalogue order (files sorted
// by path, elements in file order).
type Catalogue struct {
	Files []*File
	Units []*Unit
	Goals []*Goal
	KPIs  []*KPI

	units map[string]*Unit
	goals map[string]*Goal
}

// Index builds the lookup tables; the first declaration of an id wins.
func (c *Catalogue) Index() {
	c.units = make(map[string]*Unit, len(c.Units))
	for _, u := range c.Units {
		if _, dup := c.units[u.ID]; !dup && u.ID != "" {
			c.units[u.ID] = u
		}
	}
	c.goals = make(map[string]*Goal, len(c.Goals))
	for _, g := range c.Goals {
		if _, dup := c.goals[g.ID]; !dup && g.ID != "" {
			c.goals[g.ID] = g
		}
	}
}

// Unit returns the unit with that id, or nil.
func (c *Catalogue) Unit(id string) *Unit { return c.units[id] }

// Goal returns the goal with that id, or nil.
func (c *Catalogue) Goal(id string) *Goal { return c.goals[id] }

// ActiveKPIs are the KPIs the quality rules check.
func (c *Catalogue) ActiveKPIs() []*KPI {
	out := make([]*KPI, 0, len(c.KPIs))
	for _, k := range c.KPIs {
		if k.IsActive() {
			out = append(out, k)
		}
	}
	return out
}

// Level is the level of the KPI's scope unit, or "" if unknown.
func (c *Catalogue) Level(k *KPI) string {
	if u := c.Unit(k.Scope); u != nil {
		return u.Level
	}
	return ""
}

// Ancestors returns the unit and its parents, nearest first, stopping at a
// cycle or an unknown parent.
func (c *Catalogue) Ancestors(id string) []*Unit {
	var out []*Unit
	seen := map[string]bool{}
	for u := c.Unit(id); u != nil && !seen[u.ID]; u = c.Unit(u.Parent) {
		seen[u.ID] = true
		out = append(out, u)
	}
	return out
}

// GoalAncestors returns the goal and its parents, nearest first.
func (c *Catalogue) GoalAncestors(id string) []*Goal {
	var out []*Goal
	seen := map[string]bool{}
	for g := c.Goal(id); g != nil && !seen[g.ID]; g = c.Goal(g.Parent) {
		seen[g.ID] = true
		out = append(out, g)
	}
	return out
}

// KeyLoc is the location of an entry's key.
func (f *File) KeyLoc(e *tree.Entry) finding.Location {
	return location(f, e.KeyPos, len([]rune(e.Key)))
}

// NodeLoc is the location of a node's anchor (a mapping's first key).
func (f *File) NodeLoc(n *tree.Node) finding.Location {
	return location(f, n.Anchor(), n.AnchorWidth())
}

// compactKeys are the keys whose positions the catalogue-wide rules report
// at: besides the first key (the element's anchor), ids and references.
var compactKeys = []string{"id", "parent", "scope"}

// compact replaces the element's tree by the positions of its first key
// and of the keys the catalogue-wide rules point at.
func (e *Element) compact() {
	n := e.Node
	if n == nil || n.Kind != tree.Map {
		return
	}
	for i, ent := range n.Entries {
		if i == 0 || slices.Contains(compactKeys, ent.Key) {
			e.keys = append(e.keys, KeyPos{keep(ent.Key), ent.KeyPos})
		}
	}
	e.keys = slices.Clip(e.keys)
	e.Node = nil
	e.ID = keep(e.ID)
}

// common are values many elements share: keep returns these copies.
var common = map[string]string{}

func init() {
	for _, s := range []string{"id", "name", "parent", "scope", "kpis", "goals", "units", "active", "draft", "retired",
		"leading", "lagging", "organisation", "department", "team"} {
		common[s] = s
	}
}

// keep returns a string a compacted element can hold for the rest of the
// run: a shared copy of a common value, or an exact copy of s. The parsers
// hand out strings that share larger buffers (a YAML scalar is a view of
// the scanner's growing buffer); holding those for 100,000 KPIs held three
// times the memory the text needs.
func keep(s string) string {
	if c, ok := common[s]; ok {
		return c
	}
	return strings.Clone(s)
}

func keepAll(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = keep(s)
	}
	return out
}

// Compact drops what only the per-KPI rules read, once they have run, so a
// catalogue of 100,000 KPIs fits in little memory: the catalogue-wide rules
// need a KPI's identity, scope, goals, owner's name, indicator and the
// positions of its first key and its id, nothing else.
func (k *KPI) Compact() {
	k.compact()
	k.Name, k.Detail = "", nil
	k.Status, k.Scope, k.Indicator, k.Goals = keep(k.Status), keep(k.Scope), keep(k.Indicator), keepAll(k.Goals)
	if k.Owner != nil {
		k.Owner = &Owner{Name: keep(k.Owner.Name), Unit: keep(k.Owner.Unit)}
	}
}

// Compact drops a unit's tree once the per-KPI rules have run.
func (u *Unit) Compact() {
	u.compact()
	u.Name, u.Level, u.Parent = keep(u.Name), keep(u.Level), keep(u.Parent)
}

// Compact drops a goal's tree once the per-KPI rules have run.
func (g *Goal) Compact() {
	g.compact()
	g.Statement, g.Scope, g.Parent = keep(g.Statement), keep(g.Scope), keep(g.Parent)
}

// Compact drops the file's text and trees; its directives stay.
func (f *File) Compact() {
	f.Source, f.Docs = nil, nil
}

// CompactKPI is what a compacted KPI keeps, in a form that can be stored:
// the context cache keeps it for files that have not changed.
type CompactKPI struct {
	ID        string   `json:"id"`
	Status    string   `json:"status"`
	Goals     []string `json:"goals,omitempty"`
	Scope     string   `json:"scope"`
	Owner     *Owner   `json:"owner,omitempty"`
	Indicator string   `json:"indicator,omitempty"`
	Keys      []KeyPos `json:"keys"`
}

// Record returns what a compacted KPI keeps.
func (k *KPI) Record() CompactKPI {
	return CompactKPI{ID: k.ID, Status: k.Status, Goals: k.Goals, Scope: k.Scope, Owner: k.Owner, Indicator: k.Indicator, Keys: k.keys}
}

// FromRecord rebuilds a compacted KPI of file f.
func FromRecord(f *File, r CompactKPI) *KPI {
	return &KPI{Element: Element{File: f, ID: r.ID, keys: r.Keys}, Status: r.Status, Goals: r.Goals,
		Scope: r.Scope, Owner: r.Owner, Indicator: r.Indicator}
}
