package rules

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/tree"
)

func testKPI(file, id string, line int) *catalogue.KPI {
	n := &tree.Node{Kind: tree.Map, Entries: []*tree.Entry{{Key: "id", KeyPos: tree.Pos{Line: line, Col: 5},
		Value: &tree.Node{Kind: tree.String, Str: id}}}}
	return &catalogue.KPI{Element: catalogue.Element{File: &catalogue.File{Path: file}, Node: n, ID: id}, Status: "active"}
}

// A rule that panics on one KPI yields an internal-error finding naming the
// rule and the file, and still checks every other KPI.
func TestPanicInARuleIsContained(t *testing.T) {
	c := &catalogue.Catalogue{KPIs: []*catalogue.KPI{
		testKPI("a.kpi.yaml", "first", 2), testKPI("b.kpi.yaml", "boom", 3), testKPI("c.kpi.yaml", "last", 4),
	}}
	c.Index()
	r := &Rule{ID: "exploding", Severity: Warning, CheckKPI: func(p *Pass, k *catalogue.KPI) {
		if k.ID == "boom" {
			var inputs []float64
			_ = inputs[len(k.ID)] // an index out of range: a real runtime panic
		}
		p.ReportKPI(k, k.Loc(), "checked %s", k.ID)
	}}
	fs := runRule(c, r)
	require.Len(t, fs, 3)
	var checked []string
	for _, f := range fs {
		if f.Rule == "exploding" {
			checked = append(checked, f.ID)
			continue
		}
		assert.Equal(t, "internal-error", f.Rule)
		assert.Equal(t, "b.kpi.yaml", f.File)
		assert.Contains(t, f.Message, "rule exploding failed on b.kpi.yaml")
	}
	assert.Equal(t, []string{"first", "last"}, checked)
}

// runRule runs one rule as the engine runs every rule.
func runRule(c *catalogue.Catalogue, r *Rule) []finding.Finding {
	p := &Pass{Catalogue: c, Rule: r, Today: time.Now()}
	var failures []finding.Finding
	for _, k := range c.KPIs {
		if f := contain(r, k.File.Path, k.ID, func() { r.CheckKPI(p, k) }); f != nil {
			failures = append(failures, *f)
		}
	}
	return append(p.collect(r.Severity), failures...)
}
