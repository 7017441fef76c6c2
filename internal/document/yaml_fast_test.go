package document

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/bench/gen"
	"github.com/kpilint/kpilint/internal/libyaml"
	"github.com/kpilint/kpilint/internal/testtool"
	"github.com/kpilint/kpilint/internal/tree"
)

// fastLimits are small enough for the fuzzer to reach them.
var fastLimits = Limits{MaxFileBytes: 1 << 20, MaxNodes: 200, MaxDepth: 8, MaxMessage: 200}

// agreeWithLibyaml checks the promise of the fast path: parseYAML (fast
// path first) gives exactly what libyaml's events give — the same trees,
// positions included, or the same error at the same place. It reports
// whether the fast path read the file.
func agreeWithLibyaml(t *testing.T, data []byte, lim Limits) (fast bool) {
	t.Helper()
	fastPanic = func(r any) { t.Fatalf("fast path panicked on %q: %v", data, r) }
	defer func() { fastPanic = nil }()
	got, gotErr := parseYAML(data, lim)
	want, wantErr := compose(libyaml.NewParser(data), lim)
	require.Equal(t, wantErr, gotErr, "errors differ on %q", data)
	for _, d := range append(want, got...) {
		withoutNaN(d, 0)
	}
	require.Equal(t, want, got, "trees differ on %q", data)
	events, texts, ok := scanPlainYAML(data, nil, lim)
	if ok {
		// The events it read are libyaml's, one for one (the composer
		// only reads the start of a collection and scalars, but the
		// others must be there in the same order).
		lib := libyaml.NewParser(data)
		f := &fastEvents{data: data, events: events, texts: texts, keys: &keyTable{}}
		for {
			w, err := lib.Next()
			require.Nil(t, err, "libyaml fails on what the fast path read: %q", data)
			if w.Kind == libyaml.TailComment {
				continue
			}
			g, _ := f.Next()
			if w.Kind != libyaml.Scalar && w.Kind != libyaml.MappingStart && w.Kind != libyaml.SequenceStart {
				g.Line, g.Col, w.Line, w.Col = 0, 0, 0, 0
			}
			require.Equal(t, w, g, "events differ on %q", data)
			if w.Kind == libyaml.StreamEnd {
				break
			}
		}
	}
	agreeOutline(t, data, lim)
	return ok
}

// giveUpLine is the line where the fast path gives data up, or 0.
func giveUpLine(data []byte) (line int) {
	s := newFastScanner(data, nil, DefaultLimits)
	defer func() {
		if r, ok := recover().(errGiveUp); ok {
			line = r.line
		}
	}()
	s.stream()
	return 0
}

// outlineKeys are the keys an outline keeps in the tests.
var outlineKeys = []string{"id", "scope", "owner", "a"}

// agreeOutline checks ParseOutline against Parse: the same verdict, and
// the same tree once the values an outline may skip are nulls.
func agreeOutline(t *testing.T, data []byte, lim Limits) {
	t.Helper()
	_, _, want, wantErr := Parse("x.yaml", data, lim)
	_, _, got, gotErr := ParseOutline("x.yaml", data, lim, outlineKeys)
	require.Equal(t, wantErr, gotErr, "outline errors differ on %q", data)
	for _, d := range append(want, got...) {
		withoutNaN(d, 0)
	}
	require.Equal(t, outlined(want), outlined(got), "outline differs on %q", data)
}

// outlined copies docs with the values of the elements' keys other than
// outlineKeys as nulls that keep their position and end line.
func outlined(docs []*tree.Node) []*tree.Node {
	out := make([]*tree.Node, len(docs))
	for i, d := range docs {
		out[i] = outlineAt(d, 0)
	}
	return out
}

func outlineAt(n *tree.Node, depth int) *tree.Node {
	if n == nil || depth > 64 {
		return n
	}
	c := *n
	c.Entries, c.Items = nil, nil
	for _, e := range n.Entries {
		v := outlineAt(e.Value, depth+1)
		if depth == elementDepth && !slices.Contains(outlineKeys, e.Key) {
			v = &tree.Node{Pos: e.Value.Pos, EndLine: e.Value.EndLine}
		}
		c.Entries = append(c.Entries, &tree.Entry{Key: e.Key, KeyPos: e.KeyPos, Value: v})
	}
	for _, it := range n.Items {
		c.Items = append(c.Items, outlineAt(it, depth+1))
	}
	return &c
}

// withoutNaN sets .nan numbers to 0 (their text stays), so that trees
// compare equal: NaN is equal to nothing. Aliased values are shared, so
// the walk stops at a depth no test tree reaches.
func withoutNaN(n *tree.Node, depth int) {
	if n == nil || depth > 64 {
		return
	}
	if math.IsNaN(n.Num) {
		n.Num = 0
	}
	for _, e := range n.Entries {
		withoutNaN(e.Value, depth+1)
	}
	for _, it := range n.Items {
		withoutNaN(it, depth+1)
	}
}

// fastCases are the edges of the fast path: each is read by it or given
// up, and either way must agree with libyaml.
var fastCases = []string{
	"a: 1\n",
	"a: 1",
	"a: -5\nb: -x\nc: 12:30\nd: http://x.se/a#b\ne: x #c\nf: 'q'\ng: \"d\"\nh: 'it''s'\ni: \"t\\tx\"\n",
	"kpis:\n- id: a\n  name: A\n- id: b\n",
	"kpis:\n  - id: a\n    tags: [x, y]\n    owner: {name: Anna Berg, role: Lead}\n  - id: b\n",
	"a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
	"a: x\n  y\n",
	"a: x\n\n  y\n",
	"a: x\n  # c\nb: y\n",
	"a: x\n# c\n  b: y\n",
	"a:\nb: 1\n",
	"a: # c\n  b: 1\n",
	"a: {b: [1, 2, {c: d}], e: []}\n",
	"a: {b: 1,}\n",
	"a: {b: 1\n  }\n",
	"a: [b, c\n",
	"a: {b: c: d}\n",
	"a: [b: c]\n",
	"a: {b:c}\n",
	"a: [a b, -1, x-y]\n",
	"a: [-, b]\n",
	"a: b: c\n",
	"a: b:\n",
	"- a\n- b: c\n  d: e\n- - f\n",
	"-  a: 1\n   b: 2\n",
	"- a\nb: 1\n",
	"a: 1\n- b\n",
	"a:\n  - b\n  c: 1\n",
	"a:\n- b\n- c\nd: 1\n",
	"  a: 1\n  b: 2\n",
	"a: 1\n b: 2\n",
	"a b: 1\nc  d: 2\n",
	"a : 1\n",
	"a:\t1\n",
	"a: 1\r\n",
	"a: é ü ✓\n# ключ\n",
	"a: {b: é, c: d}\nb: [ü, 'ö', \"å\", {x: ä}]\n- {b: 'ü', c: [é, x]}\n",
	"- {b: 'ü', c: [é, x]}\n- ü\n- x: ü\n  y: [ä, b]\n",
	"a: \xf0\x9f\x98\x80\n",
	"a: \xc2\x85\n",
	"a: \xe2\x80\xa8\n",
	"a: \xff\n",
	"\xef\xbb\xbfa: 1\n",
	"---\na: 1\n",
	"a: 1\n...\n",
	"a: 1\n---\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"a: |\n  x\n",
	"a: 1\na: 2\n",
	"<<: {a: 1}\n",
	"a: <<\n",
	"a: [[[[[[[[[[1]]]]]]]]]]\n",
	"a:\n b:\n  c:\n   d:\n    e:\n     f:\n      g:\n       h:\n        i:\n         j: 1\n",
	"# only a comment\n",
	"",
	"a: 'x' # c\nb: \"y\"# c\n",
	"a: 'x': 1\n",
	"a: x#y\n",
	"a: [x#y]\n",
	"a: [x #y]\n",
	"a: {b: 'c', d: \"e\"}\n",
	"a: ~\nb: null\nc: true\nd: 0x1F\ne: 1e3\nf: .inf\ng: 2026-06-30\n",
	"? a\n: 1\n",
	"a: %x\n",
	"a: @x\n",
	"1: a\n_x: b\nx.y/z-w: c\n",
	"elever_åk9_behöriga: 1\nå: {ö: ä, é x: 1}\n- ü: 1\n",
	"inputs:\n  elever_åk9: {source: Skolverket, ä: ö}\n  ключ значение: 2\n",
	"a: {\xc2\x85: 1}\nb: 2\n",
	"\xe2\x80\xa8: 1\n",
	"a:\n  - b\n  -\n  - c\n",
	"a: |\n  x\n  y\n\n  z\nb: >-\n  one\n  two\n\n\n  three\nc: >\n  f\n",
	"- >-\n  x\n  y\n- |\n   a\n   # not a comment\n  # comment\n- |-\n  q",
	"a: |\n  x\n",
	"a: |\n  x",
	"a: >\n\n  x\n",
	"a: |\n  x\n    y\n",
	"a: >\n  x\n    y\n  z\n",
	"a: |\n  x\n      \n  y\n",
	"a: |\n  x\n \n  y\n",
	"a: |+\n  x\n\n",
	"a: |2\n   x\n",
	"a: | # c\n  x\nb: 1\n",
	"a: |\nb: 1\n",
	"a: |x\n  y\n",
	"a:\n  b: >-\n    long\n    text\n  c: 1\n",
	"a: >\n  é ü\n  x\n",
	"a: |\n  x\n---\n",
	"a: |\n  x\n y\n",
	"a: {source: SCB:s x, b: [c:d, e:, f:?g, h?i, j:]}\n",
	// Over the values budget of fastLimits: the composer's error on the
	// fast path's events stands (libyaml's would be the same).
	"kpis:\n  - id: k\n    tags: [" + strings.Repeat("x, ", 300) + "x]\n",
	"kpis:\n  - id: k\n    note: " + strings.Repeat("y", 64*250) + "\n",
	"- " + strings.Repeat("[", 20) + strings.Repeat("]", 20) + "\n",
	"a: {b: c:}\nd: [x:]\n",
	"a: [x:y, ?z]\nb: {c: ok?}\n",
	"a:\n  - # c\n    b\n",
}

func TestFastYAMLAgreesWithLibyaml(t *testing.T) {
	for i, c := range fastCases {
		t.Run(fmt.Sprint(i), func(t *testing.T) { agreeWithLibyaml(t, []byte(c), fastLimits) })
	}
	// A long line of wide characters: columns counted on from the last.
	long := "a: [é" + strings.Repeat(", ü x", 5000) + "]\nb: {c: ö, d: [é, {e: ä}]}\n"
	assert.True(t, agreeWithLibyaml(t, []byte(long), DefaultLimits), "the fast path gave up on a long line")
	var files, fast int
	for _, g := range []string{"../../examples/*/*.yaml", "../../testdata/fixtures/*/*.yaml", "../../testdata/hostile/*.yaml", "../../testdata/real/*/*.yaml", "../../testdata/compat/*/*.yaml", "../../testdata/golden/*/*.yaml", "../../*.yaml"} {
		paths, err := filepath.Glob(g)
		require.NoError(t, err)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			files++
			read := agreeWithLibyaml(t, data, DefaultLimits)
			if read {
				fast++
			}
			if strings.HasPrefix(p, "../../testdata/real/") && strings.HasSuffix(p, ".kpi.yaml") {
				// Published catalogues: what users write.
				assert.True(t, read, "the fast path gave up on %s at line %d", p, giveUpLine(data))
			}
		}
	}
	// Not a promise about every file, but a check that the fast path is
	// the path most of the repository's own files take.
	t.Logf("the fast path read %d of %d files", fast, files)
	assert.Greater(t, fast, files/2, "the fast path gives up on most of the repository's files")
}

// The benchmark catalogue (every field of docs/format.md) is read by the
// fast path throughout.
func TestFastYAMLReadsTheBenchmarkCatalogue(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, gen.Write(dir, gen.Options{KPIs: 400, Files: 4, Defects: 0.05, Seed: 1}))
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.True(t, agreeWithLibyaml(t, data, DefaultLimits), "the fast path gave up on %s", filepath.Base(p))
	}
}

func FuzzFastYAMLAgreesWithLibyaml(f *testing.F) {
	testtool.SeedFiles(f, "../..", ".yaml")
	for _, c := range append(fastCases, yamlCases...) {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4<<10 || strings.Contains(string(data), "\x00") && len(data) > 1<<10 {
			return
		}
		agreeWithLibyaml(t, data, fastLimits)
	})
}
