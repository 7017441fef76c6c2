package audit_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

var today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func auditText(t *testing.T, files map[string]string) *audit.Report {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	return streamedAudit(t, config.Default(dir), dir)
}

// streamedAudit audits dir as the command does (streaming, keeping a slim
// copy of each KPI), and checks that the full load, which keeps every
// tree, builds the same audit.
func streamedAudit(t *testing.T, cfg *config.Config, dir string) *audit.Report {
	t.Helper()
	opts := lint.Options{Config: cfg, Paths: []string{dir}, Today: today, Workers: 2}
	full, err := lint.Run(opts)
	require.NoError(t, err)
	opts.Compact, opts.KeepKPIs = true, true
	streamed, err := lint.Run(opts)
	require.NoError(t, err)
	ao := audit.Options{Version: "test", Date: "2026-11-27", OwnerMax: 5}
	want := audit.Build(full, ao)
	got := audit.Build(streamed, ao)
	require.Equal(t, want, got, "the streaming audit must equal the full load's")
	return got
}

// The streaming audit equals the full load's on every fixture, on the
// examples under the repository's configuration (its policy included) and
// on the judged real catalogues.
func TestStreamingAuditMatchesFullLoad(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	cfg, err := config.Load(filepath.Join(root, "kpilint.yaml"), root)
	require.NoError(t, err)
	streamedAudit(t, cfg, filepath.Join(root, "examples"))
	for _, pattern := range []string{"../../testdata/fixtures/*", "../../testdata/real/*"} {
		dirs, err := filepath.Glob(pattern)
		require.NoError(t, err)
		require.NotEmpty(t, dirs, pattern)
		for _, d := range dirs {
			abs, err := filepath.Abs(d)
			require.NoError(t, err)
			c := config.Default(abs)
			if _, err := os.Stat(filepath.Join(abs, "kpilint.yaml")); err == nil {
				c, err = config.Load(filepath.Join(abs, "kpilint.yaml"), abs)
				require.NoError(t, err)
			}
			t.Run(filepath.Base(d), func(t *testing.T) { streamedAudit(t, c, abs) })
		}
	}
}

// A catalogue like GitLab's published performance indicators: named
// owners and numeric targets, but no goals, no cadence, no indicator.
// Every KPI is unanchored, the unowned ones are listed, the owner of six
// is overloaded, every KPI counts in the lead/lag mix, and the metric is
// counted apart.
func TestAuditOfACatalogueWithoutGoals(t *testing.T) {
	var b strings.Builder
	b.WriteString("units:\n  - {id: infra, name: Infrastructure, level: organisation}\n  - {id: quality, name: Quality, level: department, parent: infra}\nkpis:\n")
	for i := range 8 {
		owner := "Mek Stittri"
		if i >= 6 {
			owner = ""
		}
		fmt.Fprintf(&b, "  - id: k%d\n    name: Mean time to resolve incidents %d\n    scope: quality\n    target: {value: %d, op: \"<=\"}\n", i, i, 24+i)
		if owner != "" {
			fmt.Fprintf(&b, "    owner: {name: %s}\n", owner)
		}
		if i == 0 {
			b.WriteString("    indicator: lagging\n")
		}
	}
	b.WriteString("  - {id: handbook-mrs, name: Handbook MR rate, kind: metric, scope: quality}\n")
	a := auditText(t, map[string]string{"infra.kpi.yaml": b.String()})

	assert.Equal(t, 8, a.Summary.ActiveKPIs)
	assert.Equal(t, 1, a.Summary.Metrics)
	assert.Equal(t, "handbook-mrs", a.Metrics[0].ID)
	assert.Equal(t, 0, a.Summary.Goals)
	assert.Equal(t, 8, a.Summary.Unanchored)
	require.Len(t, a.Unanchored, 1)
	assert.Equal(t, "Quality", a.Unanchored[0].Name)
	assert.Len(t, a.Unanchored[0].KPIs, 8)
	assert.Equal(t, []string{"k6", "k7"}, ids(a.Unowned))
	require.NotEmpty(t, a.Owners)
	assert.True(t, a.Owners[0].Overloaded, "six KPIs, more than owner-overload's 5")
	assert.Equal(t, audit.Mix{Leading: 0, Lagging: 1, Unclassified: 7}, a.Summary.Mix)
	// Completeness is low (owner and target at best: 20 %), and quality
	// does not blame the KPIs for what they lack.
	assert.LessOrEqual(t, a.Summary.Completeness, 25.0)
	assert.Greater(t, a.Summary.Quality, 50.0)
	for _, w := range a.Weakest {
		assert.NotEmpty(t, w.Missing, w.ID)
		for _, p := range w.Problems {
			assert.False(t, rules.IsCompleteness(p.Rule), "%s: completeness findings are summed up in Missing, not repeated", p.Rule)
		}
	}
}

// Two KPIs sharing an id keep their own findings and scores in the
// weakest list: the vague one ranks first and its problem is its own.
func TestAuditAttributesDuplicatesByPosition(t *testing.T) {
	const cat = `units: [{id: ops, name: Operations, level: organisation}]
kpis:
  - id: csat
    name: Customer satisfaction
    scope: ops
    measure: {formula: 100 * satisfied / responses, unit: percent, inputs: {satisfied: {source: Survey tool}, responses: {source: Survey tool}}}
  - id: csat
    name: Customer satisfaction (web)
    scope: ops
    measure: {formula: overall satisfaction as appropriate, unit: percent, source: Survey tool}
`
	a := auditText(t, map[string]string{"c.kpi.yaml": cat})
	require.Len(t, a.Weakest, 2)
	assert.Equal(t, "Customer satisfaction (web)", a.Weakest[0].Name)
	assert.Equal(t, 7, a.Weakest[0].Line)
	var rulesOf [2][]string
	for i, w := range a.Weakest {
		for _, p := range w.Problems {
			rulesOf[i] = append(rulesOf[i], p.Rule)
		}
	}
	assert.Contains(t, rulesOf[0], "vague-formula")
	assert.Contains(t, rulesOf[0], "duplicate-id")
	assert.NotContains(t, rulesOf[1], "vague-formula", "the first csat is not blamed for the second's formula")
}

// The weakest list is ranked by quality, then completeness, shows ten and
// counts the rest; the JSON keeps the totals.
func TestAuditWeakestIsRankedAndCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("units: [{id: ops, name: Operations, level: organisation}]\nkpis:\n")
	for i := range 14 {
		fmt.Fprintf(&b, "  - {id: k%02d, name: Measure %d, scope: ops}\n", i, i)
	}
	b.WriteString("  - {id: vague, name: Handled share, scope: ops, measure: {formula: handled cases as appropriate}}\n")
	a := auditText(t, map[string]string{"c.kpi.yaml": b.String()})
	require.Len(t, a.Weakest, audit.WeakestShown)
	assert.Equal(t, 5, a.WeakestMore)
	assert.Equal(t, "vague", a.Weakest[0].ID, "the one with a quality finding first")
	for i := 1; i < len(a.Weakest); i++ {
		prev, cur := a.Weakest[i-1], a.Weakest[i]
		assert.True(t, prev.Score < cur.Score || prev.Score == cur.Score && prev.Completeness <= cur.Completeness, "%s before %s", prev.ID, cur.ID)
	}
}

func ids(rs []audit.KPIRef) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}
