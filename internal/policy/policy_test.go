package policy_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/policy"
	"github.com/kpilint/kpilint/rules"
)

// withPolicy writes a catalogue under Acme's example policy and lints it.
func withPolicy(tb testing.TB, catalogue string) *lint.Result {
	tb.Helper()
	dir := tb.TempDir()
	acme, err := os.ReadFile("../../examples/policy/acme.cue")
	require.NoError(tb, err)
	require.NoError(tb, os.WriteFile(filepath.Join(dir, "acme.cue"), acme, 0o644))
	require.NoError(tb, os.WriteFile(filepath.Join(dir, "kpilint.yaml"), []byte("policy: [\"acme.cue\"]\n"), 0o644))
	require.NoError(tb, os.WriteFile(filepath.Join(dir, "c.kpi.yaml"), []byte(catalogue), 0o644))
	cfg, err := config.Load(filepath.Join(dir, "kpilint.yaml"), dir)
	require.NoError(tb, err)
	// The streaming lint (the command's) checks the policy per file in
	// its workers; the full load (the audit's) checks the catalogue whole.
	streamed, err := lint.Run(lint.Options{Config: cfg, Paths: []string{dir}, Workers: 2, Compact: true})
	require.NoError(tb, err)
	res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{dir}, Workers: 2})
	require.NoError(tb, err)
	require.Equal(tb, res.Findings, streamed.Findings)
	return streamed
}

// The repository's own catalogue under its policy configuration: the
// streaming lint, which checks the policy per file in its workers (two
// files at once, each worker with a CUE context of its own), finds what
// the full load finds, policy findings included.
func TestPolicyStreamingMatchesFullLoad(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	cfg, err := config.Load(filepath.Join(root, "kpilint.yaml"), root)
	require.NoError(t, err)
	opts := lint.Options{Config: cfg, Paths: []string{filepath.Join(root, "examples")}, Workers: 2, Today: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}
	full, err := lint.Run(opts)
	require.NoError(t, err)
	opts.Compact = true
	streamed, err := lint.Run(opts)
	require.NoError(t, err)
	require.Equal(t, full.Findings, streamed.Findings)
	n := 0
	for _, f := range streamed.Findings {
		if f.Rule == rules.Policy.ID {
			n++
		}
	}
	assert.Positive(t, n, "the examples break Acme's policy in places: the comparison must include policy findings")
}

func policyFindings(res *lint.Result) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Rule == rules.Policy.ID {
			out = append(out, fmt.Sprintf("%d: %s", f.Line, f.Message))
		}
	}
	return out
}

// manyKeys is a KPI with n unknown keys: 40,000 of them (400 KB) made the
// policy evaluation take 13 s and give one finding per key.
func manyKeys(n int) string {
	var b strings.Builder
	b.WriteString("units: [{id: ops, name: Operations, level: organisation}]\nkpis:\n  - id: wide\n    name: Wide\n    scope: ops\n    owner: {name: Anna Berg}\n")
	for i := range n {
		fmt.Fprintf(&b, "    key%d: %d\n", i, i)
	}
	b.WriteString("  - {id: fine, name: Fine, scope: ops, owner: {name: Anna Berg}}\n")
	return b.String()
}

// The schema rejects the wide KPI (unknown keys), so the policy does not
// evaluate it; the next KPI is still checked against the policy.
func TestPolicySkipsWhatTheSchemaRejects(t *testing.T) {
	res := withPolicy(t, manyKeys(40000))
	got := policyFindings(res)
	require.Len(t, got, 1, "%v", got)
	assert.Contains(t, got[0], `"email" is required`)
	assert.Equal(t, 40007, res.Findings[len(res.Findings)-1].Line)
}

// An evaluation past ElementBudget is abandoned with a finding that says
// so, and the run goes on; the findings of the others are not lost.
func TestPolicyElementBudget(t *testing.T) {
	defer func(d time.Duration) { policy.ElementBudget = d }(policy.ElementBudget)
	policy.ElementBudget = 20 * time.Millisecond
	policy.SetEvalDelay(200 * time.Millisecond)
	defer policy.SetEvalDelay(0)
	res := withPolicy(t, "units: [{id: ops, name: Operations, level: organisation}]\nkpis:\n  - {id: a, name: A, scope: ops, owner: {name: Anna}}\n")
	got := policyFindings(res)
	// The unit passes the validator derived from the policy and never
	// reaches CUE; the KPI (no @acme.se address) does, and is abandoned.
	require.Len(t, got, 1, "%v", got)
	assert.Contains(t, got[0], `policy evaluation of "a" stopped after 20ms`)
}

// Past RunBudget, the remaining elements are not evaluated, and one
// finding says how many.
func TestPolicyRunBudget(t *testing.T) {
	defer func(d time.Duration) { policy.RunBudget = d }(policy.RunBudget)
	policy.RunBudget = 0
	res := withPolicy(t, "units: [{id: ops, name: Operations, level: organisation}]\nkpis:\n  - {id: a, name: A, scope: ops, owner: {name: Anna}}\n")
	got := policyFindings(res)
	require.Len(t, got, 1, "%v", got)
	// The unit is settled by the derived validator; the KPI needs CUE.
	assert.Contains(t, got[0], "the run's budget of 0s is spent; 1 elements were not evaluated")
}

// BenchmarkPolicyManyKeys is the 40,000-key KPI under a policy config
// (BENCHMARKS.md, "Attacks").
func BenchmarkPolicyManyKeys(b *testing.B) {
	text := manyKeys(40000)
	for b.Loop() {
		withPolicy(b, text)
	}
}
