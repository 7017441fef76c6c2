package load

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/bench/gen"
	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
)

// A context file read for its refs only (refsOnly: document.ParseOutline
// leaves out the values refs are not made from) gives the refs, the
// directives and the findings of the same file read in full.
func TestRefsOnlyReadingKeepsTheRefs(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, gen.Write(dir, gen.Options{KPIs: 300, Files: 3, Defects: 0.2, Seed: 1}))
	var paths []string
	for _, g := range []string{filepath.Join(dir, "*.yaml"), "../../examples/*/*.yaml", "../../testdata/real/*/*.yaml",
		"../../testdata/fixtures/*/*.yaml", "../../testdata/hostile/*.yaml"} {
		ps, err := filepath.Glob(g)
		require.NoError(t, err)
		paths = append(paths, ps...)
	}
	o := Options{Compact: true}
	slab := &kpiSlab{} // lent from file to file, as a worker does
	load := func(data []byte, how reading) parsed {
		defer slab.reset()
		f, fs := parse("x.kpi.yaml", data, document.DefaultLimits, how, nil, nil, nil)
		return o.finish(f, fs, slab)
	}
	var refs int
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		full, outline := load(data, unvalidated), load(data, refsOnly)
		require.Equal(t, full.findings, outline.findings, p)
		require.Equal(t, full.file.Directives, outline.file.Directives, p)
		require.Equal(t, records(full.refs), records(outline.refs), p)
		refs += full.refs.Len()
	}
	assert.Greater(t, refs, 300, "too few KPIs compared")
}

func records(refs *catalogue.FileRefs) []catalogue.RefRecord {
	out := make([]catalogue.RefRecord, refs.Len())
	for i, r := range refs.All() {
		out[i] = r.Record()
	}
	return out
}

// A load abandoned (Options.Abandon closed) starts no further file: a
// load abandoned from the start reads none; one abandoned by its first
// file's hook ends with at most a file per worker.
func TestAbandonedLoadStartsNoFile(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, gen.Write(dir, gen.Options{KPIs: 200, Files: 20, Seed: 1}))
	paths, err := filepath.Glob(filepath.Join(dir, "*.kpi.yaml"))
	require.NoError(t, err)
	var rels []string
	for _, p := range paths {
		rels = append(rels, filepath.Base(p))
	}
	whole := Files(rels, Options{Root: dir, Workers: 2, Compact: true})
	require.Len(t, whole.Catalogue.Files, len(rels))

	closed := make(chan struct{})
	close(closed)
	assert.Empty(t, Files(rels, Options{Root: dir, Workers: 2, Compact: true, Abandon: closed}).Catalogue.Files)

	abandon := make(chan struct{})
	var once sync.Once
	res := Files(rels, Options{Root: dir, Workers: 2, Compact: true, Abandon: abandon,
		Hook: func(*catalogue.File, *catalogue.Catalogue, []finding.Finding) []finding.Finding {
			once.Do(func() { close(abandon) })
			return nil
		}})
	assert.LessOrEqual(t, len(res.Catalogue.Files), 2)
}

// A worker's slab lends the KPIs of a file of ordinary size to the next
// file, and lets a large file's go: they would be held for the rest of
// the run.
func TestKPISlabKeepsNoLargeFile(t *testing.T) {
	s := &kpiSlab{}
	for range 10 {
		s.next()
	}
	s.reset()
	kept := len(s.kpis)
	require.Positive(t, kept)
	first := s.next()
	assert.Same(t, &s.kpis[0], first, "the next file starts on the same memory")
	assert.Zero(t, first.kpi.ID, "zeroed (or poisoned in tests that poison)")

	for range 4 * maxLentKPIs { // its last slab is longer than maxLentKPIs
		s.next()
	}
	s.reset()
	assert.Nil(t, s.kpis, "a large file's KPIs are the collector's")
}
