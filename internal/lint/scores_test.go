package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// scoresOf lints one catalogue file with the given configuration, in full
// and streaming mode (which must agree; a streaming run that keeps no
// scores has the same means), and returns the result and the
// scores keyed by "id@line".
func scoresOf(t *testing.T, cfgText, catalogue string) (*lint.Result, map[string]lint.KPIScore) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "kpilint.yaml"), []byte(cfgText), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.kpi.yaml"), []byte(catalogue), 0o644))
	cfg, err := config.Load(filepath.Join(dir, "kpilint.yaml"), dir)
	require.NoError(t, err)
	var results [2]*lint.Result
	var scores [2]map[string]lint.KPIScore
	for i, compact := range []bool{false, true} {
		res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{dir}, Today: Today, Workers: 2, Compact: compact, KeepScores: compact})
		require.NoError(t, err)
		results[i], scores[i] = res, map[string]lint.KPIScore{}
		for _, s := range res.Scores {
			scores[i][fmt.Sprintf("%s@%02d", s.KPI.ID(), s.KPI.Loc().Line)] = lint.KPIScore{Quality: s.Quality, Completeness: s.Completeness}
		}
	}
	require.Equal(t, scores[0], scores[1], "full and streaming runs score alike")
	lean, err := lint.Run(lint.Options{Config: cfg, Paths: []string{dir}, Today: Today, Workers: 2, Compact: true})
	require.NoError(t, err)
	assert.Nil(t, lean.Scores, "a streaming run keeps no scores unless asked")
	assert.Equal(t, results[1].Summary, lean.Summary, "and summarises them alike")
	return results[1], scores[1]
}

const complete = `units: [{id: ops, name: Operations, level: organisation}]
goals: [{id: uptime, statement: Customers can rely on the service}]
kpis:
  - id: availability
    name: Service availability
    description: Share of minutes in the month the service answered within its SLO.
    goal: uptime
    scope: ops
    owner: {name: Mek Stittri, unit: ops}
    indicator: lagging
    levers: [capacity planning, incident response]
    measure:
      unit: percent
      formula: 100 * good_minutes / total_minutes
      inputs:
        good_minutes: {source: Prometheus}
        total_minutes: {source: Prometheus}
    target: {value: 99.95, op: ">=", date: 2027-12}
    cadence: {measure: daily, review: monthly, forum: Infrastructure review}
    actions: [{when: off-target, do: freeze feature launches until two months are back on target, owner: Mek Stittri}]
`

// A complete, well-written KPI scores 100 on both figures.
func TestScoresOfACompleteKPI(t *testing.T) {
	res, s := scoresOf(t, "", complete)
	require.Len(t, s, 1)
	for _, x := range s {
		assert.Equal(t, 100.0, x.Completeness)
		assert.Equal(t, 100.0, x.Quality, "%v", res.Findings)
	}
	assert.Equal(t, 100.0, res.Summary.Completeness)
	assert.Equal(t, 100.0, res.Summary.Score)
}

// Completeness counts the ten fields whatever the configuration says: a
// completeness rule turned off still sees its field missing, and the
// completeness findings never lower quality.
func TestCompletenessIsAFactNotAFinding(t *testing.T) {
	const bare = `units: [{id: ops, name: Operations, level: organisation}]
kpis:
  - {id: availability, name: Service availability, scope: ops, owner: {name: Mek Stittri, unit: ops}, target: {value: 99.95, op: ">="}}
`
	for _, cfg := range []string{"", "rules:\n  goal-missing: off\n  cadence-missing: off\n  action-missing: off\n"} {
		res, s := scoresOf(t, cfg, bare)
		require.Len(t, s, 1)
		for _, x := range s {
			// owner and target are there; goal, formula, unit, cadence,
			// actions, indicator, description, data source are not. The
			// one quality finding is levers-missing (an info).
			assert.Equal(t, 20.0, x.Completeness, "config %q", cfg)
			assert.Equal(t, 98.0, x.Quality, "config %q: %v", cfg, res.Findings)
		}
	}
}

// Quality falls with each quality finding: 25 per error, 10 per warning,
// 2 per info; a supporting metric (kind: metric) is not scored.
func TestQualityAndMetrics(t *testing.T) {
	const cat = `units: [{id: ops, name: Operations, level: organisation}]
kpis:
  - id: page-views
    name: Total page views
    kind: metric
    scope: ops
  - id: uptime
    name: Increase availability above 99.9 % by 2027
    scope: ops
    owner: {name: Management}
`
	res, s := scoresOf(t, "", cat)
	require.Len(t, s, 1, "the metric is not scored")
	x := s["uptime@07"]
	var want float64 = 100
	for _, f := range res.Findings {
		if f.KPI && f.ID == "uptime" && !rules.IsCompleteness(f.Rule) {
			want -= map[finding.Severity]float64{finding.Error: 25, finding.Warning: 10, finding.Info: 2}[f.Severity]
		}
	}
	assert.Less(t, want, 100.0, "kpi-is-goal and owner-influence fire")
	assert.Equal(t, max(want, 0), x.Quality)
	assert.Equal(t, 2, res.Summary.KPIs, "the summary counts every active KPI")
}

// Two KPIs that share an id keep their own findings: the one with the
// vague formula loses quality, the other does not.
func TestScoresAttributeByPositionNotID(t *testing.T) {
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
	res, s := scoresOf(t, "", cat)
	require.Len(t, s, 2)
	first, second := s["csat@03"], s["csat@07"]
	assert.Greater(t, first.Quality, second.Quality, "%v", res.Findings)
}
