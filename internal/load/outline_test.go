package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/bench/gen"
	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
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
	var refs int
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		full := o.finish(parse("x.kpi.yaml", data, document.DefaultLimits, unvalidated, nil, nil))
		outline := o.finish(parse("x.kpi.yaml", data, document.DefaultLimits, refsOnly, nil, nil))
		require.Equal(t, full.findings, outline.findings, p)
		require.Equal(t, full.file.Directives, outline.file.Directives, p)
		require.Equal(t, records(full.refs), records(outline.refs), p)
		refs += len(full.refs)
	}
	assert.Greater(t, refs, 300, "too few KPIs compared")
}

func records(refs []*catalogue.KPIRef) []catalogue.RefRecord {
	out := make([]catalogue.RefRecord, len(refs))
	for i, r := range refs {
		out[i] = r.Record()
	}
	return out
}
