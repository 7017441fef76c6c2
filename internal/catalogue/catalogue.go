// Package catalogue is the typed model of a KPI catalogue: units, goals and
// KPIs read from any number of files. Every element keeps its document node,
// so rules can point at the exact key they talk about.
package catalogue

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/text/unicode/norm"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/formula"
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
	// What a compacted element keeps of its tree: its first key, where
	// that is written, and where the keys the catalogue-wide rules point
	// at are written (zero when absent).
	firstKey                       string
	first, idAt, parentAt, scopeAt pos32
}

// keyAt is where a compacted element's key is written, if it kept it.
func (e *Element) keyAt(key string) (pos32, bool) {
	var p pos32
	switch key {
	case "id":
		p = e.idAt
	case "parent":
		p = e.parentAt
	case "scope":
		p = e.scopeAt
	}
	if p.line == 0 && key == e.firstKey {
		p = e.first
	}
	return p, p.line > 0
}

// Loc is where a finding about this element as a whole points: its first key.
func (e *Element) Loc() finding.Location {
	if e.Node == nil && e.first.line > 0 {
		return location(e.File, e.first.pos(), len([]rune(e.firstKey)))
	}
	return location(e.File, e.Node.Anchor(), e.Node.AnchorWidth())
}

// At is the location of the key at path (e.g. "measure", "formula"). Where
// the path stops early, it is the anchor of the deepest mapping that lacks
// the rest, which is where docs/format.md says a missing field is reported.
//
// A path element that is a number indexes a list ("actions", "0", "when").
func (e *Element) At(path ...string) finding.Location {
	if e.Node == nil {
		if len(path) == 1 {
			if p, ok := e.keyAt(path[0]); ok {
				return location(e.File, p.pos(), len([]rune(path[0])))
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
	// Cadence is the follow-up the unit sets for the KPIs scoped to it or
	// below it, if any (docs/format.md: inherited cadence).
	Cadence *Cadence
}

// Goal is a strategic goal.
type Goal struct {
	Element
	Statement string
	Scope     string
	Parent    string
}

// KPI is a key performance indicator in full, as the per-KPI rules and the
// audit see it. The catalogue-wide rules see its KPIRef.
type KPI struct {
	Element
	Name      string
	Status    string // active (the default), draft or retired
	Kind      string // kpi (the default) or metric: a supporting indicator
	Goals     []string
	Scope     string
	Owner     *Owner
	Indicator string
	// Missing has bit i set when the i-th completeness rule found its field
	// absent (set by the rule engine; docs/rules.md, "Scores").
	Missing uint16
	Detail
}

// Detail is the part of a KPI beyond its identity and references.
type Detail struct {
	Description string
	Levers      []string
	Stewards    []Person
	Direction   string
	Measure     *Measure
	Baseline    *Point
	// Target is a single target: a point, or with Op a floor or a ceiling.
	// A stepped target is in Steps instead, and a deliberate absence of a
	// target in NoTarget; at most one of the three is set.
	Target     *Point
	Steps      []Point
	NoTarget   *NoTarget
	Current    *Point
	Health     *Health
	Thresholds *Thresholds
	// Cadence is the KPI's own cadence as written; Effective is what
	// applies, each field inherited from the nearest unit that sets it
	// when the KPI does not (resolved once, by Org.Resolve).
	Cadence   *Cadence
	Effective Cadence
	Actions   []Action
	Tags      []string
}

// HasTarget reports whether the KPI says what its target is: a point, a
// floor or ceiling, steps, or deliberately none.
func (d *Detail) HasTarget() bool { return d.Target != nil || len(d.Steps) > 0 || d.NoTarget != nil }

// Person is a steward: who maintains a KPI's definition and data.
type Person struct {
	Name, Role, Email string
}

// NoTarget says there is deliberately no target, and why.
type NoTarget struct {
	Reason string
}

// Health is the owner's stated status of the KPI.
type Health struct {
	Status, Date, Note string
}

// Owner is the one accountable person.
type Owner struct {
	Name, Role, Unit, Email string
}

// Measure is how a KPI is computed.
type Measure struct {
	Formula string
	// Language is the formula's language: kpilint (the default, "" when
	// not written), sql, metricflow, dax or other.
	Language string
	Source   string // where the data comes from as a whole
	Window   string // the measurement window
	Unit     string
	Inputs   []Input // in source order
	Range    *Range
	Examples []Example

	parsed    *formula.Expr
	parseErr  error
	hasParsed bool
}

// InKpilint reports whether the formula is in kpilint's own language,
// which kpilint parses and evaluates (docs/format.md: measure.language).
func (m *Measure) InKpilint() bool { return m.Language == "" || m.Language == "kpilint" }

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

// Example is a test vector for the formula: its node, whose inputs and
// expected value rule formula-example reads exactly from their literals
// (as numbers they would round: 0.1 is not a tenth).
type Example struct {
	Node *tree.Node
}

// Point is a baseline, a current value or a target (a step of one).
type Point struct {
	Value *float64
	Date  string
	Op    string // a target's comparator: >=, >, <=, < or = ("" is a point)
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

// IsMetric reports whether the KPI is a supporting metric (kind: metric),
// which the completeness and counting rules leave alone.
func (k *KPI) IsMetric() bool { return k.Kind == "metric" }

// merge fills the fields of c that are empty from from.
func (c *Cadence) merge(from *Cadence) {
	if from == nil {
		return
	}
	c.Measure = cmp.Or(c.Measure, from.Measure)
	c.Review = cmp.Or(c.Review, from.Review)
	c.Forum = cmp.Or(c.Forum, from.Forum)
	c.LastReview = cmp.Or(c.LastReview, from.LastReview)
}

// Catalogue is every unit, goal and KPI in full, in catalogue order (files
// sorted by path, elements in file order): what the per-KPI rules and the
// audit read. Its Org is what Index records of its units and goals; the
// rules read those through the Org, so that a streaming lint can drop
// Units and Goals once their files are checked.
type Catalogue struct {
	Org
	Files []*File
	Units []*Unit
	Goals []*Goal
	KPIs  []*KPI
}

// Index records the catalogue's units and goals in its Org, which the
// rules read from then on (the lists must not change after).
func (c *Catalogue) Index() { c.index(c.Units, c.Goals) }

// ActiveKPIs are the KPIs the quality rules check.
func (c *Catalogue) ActiveKPIs() []*KPI { return active(c.KPIs) }

// active keeps the KPIs that are not retired: kpis itself when none is,
// so the result is read, not changed.
func active(kpis []*KPI) []*KPI {
	retired := slices.IndexFunc(kpis, func(k *KPI) bool { return !k.IsActive() })
	if retired < 0 {
		return kpis
	}
	out := make([]*KPI, retired, len(kpis)-1)
	copy(out, kpis)
	for _, k := range kpis[retired+1:] {
		if k.IsActive() {
			out = append(out, k)
		}
	}
	return out
}

// Outline is the catalogue as the catalogue-wide rules see it: the
// organisation and goals, and of each KPI only its KPIRef. A streaming
// lint keeps nothing more of a KPI once its own rules have run, so a rule
// that needs more cannot be written against this type.
type Outline struct {
	*Org
	Files []*File
	KPIs  RefList // catalogue order
}

// Outline is the catalogue's outline; refs are its KPIs' refs, a file's
// FileRefs each, in catalogue order.
func (c *Catalogue) Outline() (o *Outline, refs []*FileRefs) {
	for from := 0; from < len(c.KPIs); {
		to := from + 1
		for to < len(c.KPIs) && c.KPIs[to].File == c.KPIs[from].File {
			to++
		}
		refs = append(refs, Refs(c.KPIs[from].File, &c.Org, c.KPIs[from:to]))
		from = to
	}
	return &Outline{Org: &c.Org, Files: c.Files, KPIs: NewRefList(refs)}, refs
}

// ActiveKPIs are the KPIs the quality rules check.
func (o *Outline) ActiveKPIs() RefList { return o.KPIs.Filter(KPIRef.IsActive) }

// KeyLoc is the location of an entry's key.
func (f *File) KeyLoc(e *tree.Entry) finding.Location {
	return location(f, e.KeyPos, len([]rune(e.Key)))
}

// NodeLoc is the location of a node's anchor (a mapping's first key).
func (f *File) NodeLoc(n *tree.Node) finding.Location {
	return location(f, n.Anchor(), n.AnchorWidth())
}

// compact replaces the element's tree by its first key and the positions
// of the keys the catalogue-wide rules point at; its strings are still
// views of the parser's text (CompactOrg copies them).
func (e *Element) compact() {
	if e.Node == nil || e.Node.Kind != tree.Map {
		return
	}
	e.firstKey, e.first, e.idAt, e.parentAt, e.scopeAt = keyPositions(e.Node)
	e.Node = nil
}

// keyPositions are a mapping's first key and where it, id, parent and
// scope are written (zero when absent; the mapping's own position as the
// first when it has no key).
func keyPositions(n *tree.Node) (firstKey string, first, idAt, parentAt, scopeAt pos32) {
	first = pos32{u32(n.Pos.Line), u32(n.Pos.Col)}
	for i, ent := range n.Entries {
		at := pos32{u32(ent.KeyPos.Line), u32(ent.KeyPos.Col)}
		if i == 0 {
			firstKey, first = ent.Key, at
		}
		switch {
		case ent.Key == "id" && idAt.line == 0:
			idAt = at
		case ent.Key == "parent" && parentAt.line == 0:
			parentAt = at
		case ent.Key == "scope" && scopeAt.line == 0:
			scopeAt = at
		}
	}
	return firstKey, first, idAt, parentAt, scopeAt
}

// common are values many elements share: keep returns these copies.
var common = map[string]string{}

func init() {
	for _, s := range []string{"id", "name", "parent", "scope", "kpis", "goals", "units", "active", "draft", "retired",
		"leading", "lagging", "organisation", "department", "team", "kpi", "metric"} {
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

// CompactOrg drops the trees of units and goals once the per-KPI rules
// have run (once: one without a tree is left as it is), and keeps the
// text they hold in one allocation, out of the parser's buffers, which
// the next file reuses: a string of its own per value was a million
// objects at a million KPIs' 250,000 teams. The organisation's records
// (Catalogue.Index) copy what they keep again, so a streaming lint drops
// the compacted units and goals once it has indexed them.
func CompactOrg(units []*Unit, goals []*Goal) {
	n := 0
	for _, u := range units {
		if u.Node != nil {
			n++
		}
	}
	for _, g := range goals {
		if g.Node != nil {
			n++
		}
	}
	if n == 0 {
		return
	}
	texts := make([]*string, 0, 5*n) // at once: growing it allocated 60 MB at 1M KPIs
	for _, u := range units {
		if u.Node != nil {
			u.compact()
			texts = append(texts, &u.ID, &u.firstKey, &u.Name, &u.Level, &u.Parent)
		}
	}
	for _, g := range goals {
		if g.Node != nil {
			g.compact()
			texts = append(texts, &g.ID, &g.firstKey, &g.Statement, &g.Scope, &g.Parent)
		}
	}
	keepAll(texts)
}

// keepAll makes each string one a compacted element can hold for the
// rest of the run (see keep): a shared copy of a common value, else a
// view of one new text that holds them all.
func keepAll(texts []*string) {
	size := 0
	for _, s := range texts {
		if _, ok := common[*s]; !ok {
			size += len(*s)
		}
	}
	buf := make([]byte, 0, size)
	for _, s := range texts {
		if c, ok := common[*s]; ok || *s == "" {
			*s = c
			continue
		}
		at := len(buf)
		buf = append(buf, *s...)
		*s = unsafe.String(&buf[at], len(*s)) //nolint:gosec // audited: buf is never written again past at
	}
}

// Compact drops the file's text and trees; its directives stay.
func (f *File) Compact() {
	f.Source, f.Docs = nil, nil
}

// OwnerKey is how owners are told apart when KPIs are counted per owner
// (rule owner-overload, the audit's ownership section): case, Unicode form
// and runs of spaces do not make two owners of one ("Anna  Berg" and
// "anna berg" are one person).
//
// It is folded without Fold's table: owner-overload folds every KPI's
// owner once, each a text of its own, which the table would only churn.
func OwnerKey(name string) string { return fold(name) }

// AppendOwnerKey appends OwnerKey(name) to dst: for a name in ASCII
// without allocating, which owner-overload's count over a million KPIs,
// each owner a text of its own, needs (its 26 MB of keys were made and
// dropped while the catalogue-wide rules ran, where the peak is).
func AppendOwnerKey(dst []byte, name string) []byte {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return append(dst, fold(name)...)
		}
	}
	return appendASCIIFold(dst, name)
}

// Fold is the form in which kpilint compares names and phrases: NFKC, lower
// case, white space collapsed to single spaces (the word lists of the
// rules match in it).
//
// The rules fold the same name or description several times in a row (a
// word list each), so a text that folding changes is remembered in a small
// table keyed by the text's address: it holds the text, so no other text
// can have that address while it is there.
func Fold(s string) string {
	if s == "" {
		return ""
	}
	slot := &folded[foldSlot(s)]
	if e := slot.Load(); e != nil && len(e.in) == len(s) && unsafe.StringData(e.in) == unsafe.StringData(s) { //nolint:gosec // addresses compared, never dereferenced
		return e.out
	}
	out := fold(s)
	if out != s && len(s) <= maxRemembered {
		slot.Store(&foldEntry{in: s, out: out})
	}
	return out
}

// maxRemembered bounds the texts Fold's table holds, and so what it keeps
// alive: 256 entries of at most twice this, where a pull request's long
// descriptions could otherwise keep megabytes each.
const maxRemembered = 1 << 10

// fold is Fold without the table.
func fold(s string) string {
	if out, ok := asciiFold(s); ok {
		return out
	}
	return strings.Join(strings.Fields(strings.ToLower(norm.NFKC.String(s))), " ")
}

// folded remembers the last texts folded (Fold), by their address.
var folded [256]atomic.Pointer[foldEntry]

type foldEntry struct{ in, out string }

func foldSlot(s string) uint8 {
	p := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s)))) ^ uint64(len(s)) //nolint:gosec // only hashed
	return uint8((p * 0x9E3779B97F4A7C15) >> 56)                                //nolint:gosec // the top byte
}

// asciiFold is Fold for text in ASCII, which NFKC leaves as it is, in one
// pass, returning text already folded as it is: owner-overload folds every
// KPI's owner, and the general form allocated four times per KPI. ok is
// false for any other text.
func asciiFold(name string) (key string, ok bool) {
	plain := true // already a key: lower case, words apart by single spaces
	space := true // at the start, or after white space
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 0x80:
			return "", false
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			plain = plain && c == ' ' && !space && i < len(name)-1
			space = true
		default:
			plain = plain && (c < 'A' || c > 'Z')
			space = false
		}
	}
	if plain {
		return name, true
	}
	b := appendASCIIFold(make([]byte, 0, len(name)), name)
	if len(b) == 0 {
		return "", true
	}
	return unsafe.String(&b[0], len(b)), true //nolint:gosec // audited: b is not written again, so no copy
}

// appendASCIIFold appends the fold of name, which is in ASCII, to dst:
// lower case, words apart by single spaces.
func appendASCIIFold(dst []byte, name string) []byte {
	start := len(dst)
	gap := false // white space since the last word
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			gap = true
		default:
			if gap && len(dst) > start {
				dst = append(dst, ' ')
			}
			gap = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
	}
	return dst
}

// ParseDate reads a date of docs/format.md: YYYY-MM-DD, or a month
// YYYY-MM or a quarter YYYY-Qn, each meaning its last day.
func ParseDate(s string) (time.Time, bool) {
	// Each form has a length of its own, and only that form is tried (a
	// failed time.Parse allocates its error).
	switch {
	case len(s) == 10:
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, true
		}
	case len(s) == 7 && s[5] == 'Q':
		if s[4] == '-' && s[6] >= '1' && s[6] <= '4' {
			if y, err := time.Parse("2006", s[:4]); err == nil {
				return y.AddDate(0, 3*int(s[6]-'0'), -1), true
			}
		}
	case len(s) == 7:
		if t, err := time.Parse("2006-01", s); err == nil {
			return t.AddDate(0, 1, -1), true
		}
	}
	return time.Time{}, false
}
