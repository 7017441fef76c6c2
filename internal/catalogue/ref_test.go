package catalogue

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/tree"
)

// A file's refs read back what their records hold, keep each distinct
// value of the file once, and stay 24 bytes each with no pointer.
func TestRefsOf(t *testing.T) {
	f := &File{Path: "a.kpi.yaml"}
	recs := []RefRecord{
		{ID: "csat", Status: "active", Kind: "kpi", Goals: []string{"loved", "fast"}, Scope: "support", Owner: "Anna Berg",
			Indicator: "lagging", Missing: 3, FirstKey: "id", First: tree.Pos{Line: 2, Col: 5}, IDAt: tree.Pos{Line: 2, Col: 5}},
		{ID: "fcr", Status: "active", Kind: "kpi", Goals: []string{"fast"}, Scope: "support", Owner: "Anna Berg",
			FirstKey: "name", First: tree.Pos{Line: 9, Col: 5}, IDAt: tree.Pos{Line: 10, Col: 5}},
		{ID: "nameless", FirstKey: "name", First: tree.Pos{Line: 20, Col: 5}},
	}
	fr := RefsOf(f, recs)
	require.Equal(t, 3, fr.Len())
	refs := []KPIRef{fr.At(0), fr.At(1), fr.At(2)}
	odd := []RefRecord{ // positions no parser gives read back as well
		{ID: "id before the first key", First: tree.Pos{Line: 9, Col: 3}, IDAt: tree.Pos{Line: 2, Col: 70000}},
		{ID: "no first key", IDAt: tree.Pos{Line: 4, Col: 1}},
		{ID: "line only", IDAt: tree.Pos{Line: 4}},
	}
	for i, r := range RefsOf(f, odd).All() {
		assert.Equal(t, odd[i], r.Record(), "odd ref %d", i)
	}
	for i, r := range refs {
		assert.Equal(t, recs[i], r.Record(), "ref %d", i)
		assert.Same(t, f, r.File())
	}
	assert.Equal(t, "Anna Berg", refs[1].Owner())
	assert.Equal(t, []string{"fast"}, refs[1].Record().Goals)
	assert.Nil(t, refs[2].Record().Goals)
	assert.Equal(t, []int{2, 1, 0}, []int{refs[0].NumGoals(), refs[1].NumGoals(), refs[2].NumGoals()})
	assert.Equal(t, 10, refs[1].At("id").Line, "the id key")
	assert.Equal(t, 9, refs[1].At("scope").Line, "a key the ref does not keep: where the KPI begins")
	assert.Equal(t, 20, refs[2].At("id").Line, "no id key: where the KPI begins")
	assert.Equal(t, 9, refs[1].Loc().EndColumn, "the first key's width: name")

	// Each distinct value once: support, Anna Berg, active, kpi and fast
	// are written once for the three KPIs.
	text := refs[0].t.text
	for _, v := range []string{"support", "Anna Berg", "active", "fast"} {
		assert.Equal(t, 1, strings.Count(text, v), v)
	}

	// A loop over the goals may stop early.
	for i, g := range refs[0].Goals() {
		assert.Equal(t, 0, i)
		assert.Equal(t, "loved", g)
		break
	}

	assert.EqualValues(t, 24, unsafe.Sizeof(refRecord{}), "the size BENCHMARKS.md and the type's comment give")
	var none KPIRef
	assert.Equal(t, []any{"", "", 0, finding.Location{}}, []any{none.ID(), none.Scope(), none.NumGoals(), none.Loc()}, "the zero KPIRef is of no KPI")
	assert.Len(t, refs[0].t.shapes, 3, "(active, kpi, lagging, id at the first key, 3 missing), (active, kpi, -, name, id a line below), (-, -, -, name, no id)")
	assert.Equal(t, uint16(3), refs[0].Missing())
}

// Values of every length read back: a value's length is written before
// it in one to three bytes.
func TestRefsOfLongValues(t *testing.T) {
	var recs []RefRecord
	for _, n := range []int{0, 1, 127, 128, 300, 16383, 16384, 70000} {
		recs = append(recs, RefRecord{ID: fmt.Sprint("k", n), Status: "active", Owner: strings.Repeat("ö", n/2) + strings.Repeat("x", n%2),
			Goals: []string{strings.Repeat("g", n), "short"}, FirstKey: "id"})
	}
	recs = append(recs, RefRecord{ID: "one empty goal", Goals: []string{""}}, RefRecord{ID: "one long goal", Goals: []string{strings.Repeat("g", 200)}})
	for i, r := range RefsOf(&File{Path: "long.kpi.yaml"}, recs).All() {
		assert.Equal(t, recs[i], r.Record(), "ref %d", i)
	}
}

// A compacted unit answers Loc and At from the positions it kept.
func TestCompactedElement(t *testing.T) {
	f := &File{Path: "org.kpi.yaml"}
	n := &tree.Node{Kind: tree.Map, Entries: []*tree.Entry{
		{Key: "name", KeyPos: tree.Pos{Line: 3, Col: 5}},
		{Key: "id", KeyPos: tree.Pos{Line: 4, Col: 5}},
		{Key: "parent", KeyPos: tree.Pos{Line: 5, Col: 5}},
	}}
	u := &Unit{Element: Element{File: f, Node: n, ID: "ops"}, Parent: "org"}
	before := []int{u.Loc().Line, u.At("id").Line, u.At("parent").Line, u.At("name").Line, u.At("scope").Line}
	CompactOrg([]*Unit{u}, nil)
	require.Nil(t, u.Node)
	after := []int{u.Loc().Line, u.At("id").Line, u.At("parent").Line, u.At("name").Line, u.At("scope").Line}
	assert.Equal(t, before, after)
	assert.Equal(t, []int{3, 4, 5, 3, 3}, after)
}

// TestFoldFastPath holds the ASCII fast path to the general form.
func TestFoldFastPath(t *testing.T) {
	general := func(name string) string {
		return strings.Join(strings.Fields(strings.ToLower(norm.NFKC.String(name))), " ")
	}
	for _, name := range []string{"", " ", "anna berg", "Anna Berg", "anna  berg", " anna berg", "anna berg ", "anna\tberg",
		"ANNA\n\nBERG 12", "a", "Åsa Öberg", "anna\u00a0berg", "ｆｕｌｌ width", "x\vy", "a \f b", "anna berg\r"} {
		assert.Equal(t, general(name), Fold(name), "%q", name)
		assert.Equal(t, "prefix"+general(name), string(AppendOwnerKey([]byte("prefix"), name)), "appended: %q", name)
	}
}

func FuzzFoldFastPath(f *testing.F) {
	for _, s := range []string{"Anna Berg", " a  b ", "åsa", "a\tb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		want := strings.Join(strings.Fields(strings.ToLower(norm.NFKC.String(name))), " ")
		assert.Equal(t, want, Fold(name), "%q", name)
	})
}

// Fold remembers texts by address and length: a prefix of a text is
// another text, and a remembered text folds as it did.
func TestFoldRemembersByAddressAndLength(t *testing.T) {
	s := "Anna  BERG Extra"
	for range 3 {
		assert.Equal(t, "anna berg extra", Fold(s))
		assert.Equal(t, "anna berg", Fold(s[:10]))
		assert.Equal(t, "anna", Fold(s[:4]))
		assert.Equal(t, "anna berg extra", OwnerKey(s))
	}
	plain := "already folded"
	assert.Equal(t, plain, Fold(plain))
	assert.Same(t, unsafe.StringData(plain), unsafe.StringData(Fold(plain)), "folded text is returned as it is")
}

func TestFoldRemembersOnlyShortTexts(t *testing.T) {
	long := strings.Repeat("Word ", maxRemembered)
	assert.Equal(t, strings.ToLower(strings.TrimSpace(long)), Fold(long))
	e := folded[foldSlot(long)].Load()
	assert.True(t, e == nil || unsafe.StringData(e.in) != unsafe.StringData(long), "a long text is not kept alive by the table")
}

// A RefList lists its files' refs in order, and a filtered one the refs
// kept, in order; a filter that keeps them all is the list itself.
func TestRefList(t *testing.T) {
	a := RefsOf(&File{Path: "a.kpi.yaml"}, []RefRecord{{ID: "a1", Status: "active"}, {ID: "a2", Status: "retired"}})
	b := RefsOf(&File{Path: "b.kpi.yaml"}, nil)
	c := RefsOf(&File{Path: "c.kpi.yaml"}, []RefRecord{{ID: "c1", Status: "draft"}, {ID: "c2", Status: "retired"}, {ID: "c3", Status: "active"}})
	l := NewRefList([]*FileRefs{a, b, c})
	ids := func(l RefList) (all, at []string) {
		for i, r := range l.All() {
			all = append(all, r.ID())
			at = append(at, l.At(i).ID())
		}
		return all, at
	}
	all, at := ids(l)
	assert.Equal(t, []string{"a1", "a2", "c1", "c2", "c3"}, all)
	assert.Equal(t, all, at)
	assert.Equal(t, 5, l.Len())
	assert.Equal(t, c.At(2), l.At(4), "handles of one KPI are equal")

	active := l.Filter(KPIRef.IsActive)
	all, at = ids(active)
	assert.Equal(t, []string{"a1", "c1", "c3"}, all)
	assert.Equal(t, all, at)
	assert.Equal(t, 3, active.Len())
	assert.Nil(t, l.Filter(func(KPIRef) bool { return true }).pick, "all kept: the list itself")
	assert.Equal(t, 0, l.Filter(func(KPIRef) bool { return false }).Len())
	inC, _ := ids(active.Filter(func(r KPIRef) bool { return r.File().Path == "c.kpi.yaml" }))
	assert.Equal(t, []string{"c1", "c3"}, inC, "a filtered list filtered again")
	assert.Equal(t, 0, NewRefList(nil).Len())
}

// A file's refs made once the organisation is known hold the goals and
// scopes it declares as their positions there, not as text, and read
// back the same; the names it does not declare stay in the text.
func TestRefsShareTheOrganisationsIDs(t *testing.T) {
	f := &File{Path: "k.kpi.yaml", Source: []byte("kpis: []")}
	c := &Catalogue{
		Units: []*Unit{{Element: Element{ID: "group"}}, {Element: Element{ID: "support"}}, {Element: Element{ID: "support"}}},
		Goals: []*Goal{{Element: Element{ID: "loved"}}, {Element: Element{ID: "fast"}}},
	}
	c.Index()
	org := &c.Org
	kpis := []*KPI{
		{Element: Element{File: f, ID: "csat"}, Status: "active", Kind: "kpi", Goals: []string{"loved", "fast"}, Scope: "support"},
		{Element: Element{File: f, ID: "fcr"}, Status: "active", Kind: "kpi", Goals: []string{"fast"}, Scope: "nowhere"},
		{Element: Element{File: f, ID: "aht"}, Status: "active", Kind: "kpi", Goals: []string{"gone", "loved"}, Scope: "group"},
		{Element: Element{File: f, ID: "nps"}, Status: "active", Kind: "kpi", Goals: []string{"unknown"}},
	}
	fr := Refs(f, org, kpis)
	refs := []KPIRef{fr.At(0), fr.At(1), fr.At(2), fr.At(3)}
	for i, r := range refs {
		assert.Equal(t, kpis[i].Record(), r.Record(), "ref %d", i)
	}
	text := refs[0].t.text
	for _, v := range []string{"support", "group", "loved", "fast"} {
		assert.NotContains(t, text, v, "declared by the organisation: not in the text")
	}
	for _, v := range []string{"nowhere", "gone", "unknown", "csat"} {
		assert.Contains(t, text, v)
	}
	scope, ok := refs[0].t.orgIndex(refs[0].rec().scope)
	assert.True(t, ok)
	assert.Equal(t, 1, scope, "of two units with one id, the first")

	for i, r := range Refs(f, nil, kpis).All() {
		assert.Equal(t, kpis[i].Record(), r.Record(), "without the organisation, ref %d", i)
		assert.Contains(t, r.t.text, "support")
	}
}

// carve cuts values from one block while they fit, each with no room to
// grow into the next; a large request is an allocation of its own.
func TestCarve(t *testing.T) {
	var rest []byte
	a := carve(&rest, 3)
	b := carve(&rest, 5)
	require.Len(t, a, 3)
	require.Len(t, b, 5)
	assert.Equal(t, 3, cap(a), "no room to grow into b")
	assert.Same(t, &rest[3], &b[0], "b follows a in the block")
	copy(b, "bbbbb")
	a = append(a, 'x')
	assert.Equal(t, "bbbbb", string(b), "growing a leaves b as it is")
	assert.Len(t, a, 4)

	big := carve(&rest, refBlock)
	assert.Len(t, big, refBlock)
	assert.Equal(t, 8, len(rest), "a large request leaves the block to the next")

	for range 3 {
		carve(&rest, refBlock/4)
	}
	assert.Equal(t, 8+3*refBlock/4, len(rest), "still the first block")
	carve(&rest, refBlock/4) // too little left
	assert.Equal(t, refBlock/4, len(rest), "a new block")
}

// active drops retired KPIs, keeping the order; with none retired it is
// the list itself.
func TestActive(t *testing.T) {
	kpis := []*KPI{{Element: Element{ID: "a"}, Status: "active"}, {Element: Element{ID: "b"}, Status: "retired"},
		{Element: Element{ID: "c"}, Status: "draft"}, {Element: Element{ID: "d"}, Status: "retired"}}
	var ids []string
	for _, k := range active(kpis) {
		ids = append(ids, k.ID)
	}
	assert.Equal(t, []string{"a", "c"}, ids)
	live := kpis[:1:1]
	assert.Same(t, &live[0], &active(live)[0], "nothing retired: the list itself")
	assert.Empty(t, active(kpis[1:2]))
}
