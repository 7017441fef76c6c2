package rules

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
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
	r := &Rule{ID: "exploding", Severity: Warning, CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
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
		assert.Equal(t, InternalError.ID, f.Rule)
		assert.Equal(t, "b.kpi.yaml", f.File)
		assert.Contains(t, f.Message.String(), "rule exploding failed on b.kpi.yaml")
	}
	assert.Equal(t, []string{"first", "last"}, checked)
}

// runRule runs one rule as the engine runs every rule.
func runRule(c *catalogue.Catalogue, r *Rule) []finding.Finding {
	p := &KPIPass{pass: pass{Rule: r, Today: time.Now()}, Org: &c.Org}
	var failures []finding.Finding
	for _, k := range c.KPIs {
		if f := contain(r, k.File.Path, k.ID, func() { r.CheckKPI(p, k) }); f != nil {
			failures = append(failures, *f)
		}
	}
	return append(p.collect(), failures...)
}

// Severity is decided in one place: the configured one, else the rule's
// default; a rule set to off loses its findings, the loader's included.
func TestApplySetsSeverityOnce(t *testing.T) {
	s := Settings{Severities: map[string]finding.Severity{Schema.ID: finding.Warning, OKRLike.ID: finding.Off}}
	fs := s.Apply([]finding.Finding{
		finding.New(Schema.ID, finding.Location{File: "a.kpi.yaml", Line: 1}, i18n.Msg("x")),
		finding.New(GoalMissing.ID, finding.Location{File: "a.kpi.yaml", Line: 2}, i18n.Msg("y")),
		finding.New(OKRLike.ID, finding.Location{File: "a.kpi.yaml", Line: 3}, i18n.Msg("z")),
		finding.New(InternalError.ID, finding.Location{File: "a.kpi.yaml", Line: 4}, i18n.Msg("w")),
	})
	require.Len(t, fs, 3)
	assert.Equal(t, finding.Warning, fs[0].Severity, "configured")
	assert.Equal(t, GoalMissing.Severity, fs[1].Severity, "the rule's default")
	assert.Equal(t, finding.Error, fs[2].Severity, "internal-error is a rule like any other")
}

// The completeness score counts ten fields (docs/md, "Scores"): one
// completeness rule each, and KPI.Missing has a bit for every one.
func TestTenCompletenessRules(t *testing.T) {
	var ids []string
	for _, r := range CompletenessRules() {
		ids = append(ids, r.ID)
	}
	assert.ElementsMatch(t, []string{"goal-missing", "owner-missing", "formula-missing", "unit-missing", "target-missing",
		"cadence-missing", "action-missing", "indicator-missing", "description-missing", "data-source-missing"}, ids)
	for _, r := range All() {
		if r.Absent != nil {
			assert.Equal(t, Completeness, r.Group, "%s: Absent is for completeness rules", r.ID)
		}
		assert.Equal(t, r.Group == Completeness, IsCompleteness(r.ID), r.ID)
	}
}
