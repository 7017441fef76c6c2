package lint_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/report"
	"github.com/kpilint/kpilint/rules"
)

// Every rule runs over the whole hostile corpus without failing and within
// the memory bound.
func TestRulesSurviveHostileCorpus(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res := runDir(t, "../../testdata/hostile", 2)
	runtime.ReadMemStats(&after)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(256<<20))
	for _, f := range res.Findings {
		assert.NotEqual(t, rules.InternalError.ID, f.Rule, "%s:%d %s", f.File, f.Line, f.Message)
	}
	fired := map[string]bool{}
	for _, f := range res.Findings {
		fired[f.Rule] = true
	}
	assert.True(t, fired[rules.SuppressionMalformed.ID], "directive-junk.kpi.yaml")
	assert.True(t, fired[rules.FormulaSyntax.ID], "formula-bomb.kpi.yaml nests too deeply to be a formula")
}

func jsonReport(t *testing.T, dir string, workers int) []byte {
	t.Helper()
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	res, err := lint.Run(lint.Options{Config: config.Default(abs), Paths: []string{abs}, Today: Today, Workers: workers})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, report.JSON(&buf, res, report.Options{Version: "test"}))
	return buf.Bytes()
}

// The output does not depend on the number of workers.
func TestOutputIsDeterministic(t *testing.T) {
	for _, dir := range []string{"../../examples", "../../testdata/fixtures", "../../testdata/hostile"} {
		one := jsonReport(t, dir, 1)
		for range 3 {
			eight := jsonReport(t, dir, 8)
			require.Equal(t, string(one), string(eight), dir)
		}
		var parsed map[string]any
		require.NoError(t, json.Unmarshal(one, &parsed))
	}
}

// A pipe named on the command line is reported, never read: reading it
// would block the run forever (the streaming pre-scan too).
func TestNamedPipeDoesNotBlock(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.kpi.yaml")
	require.NoError(t, syscall.Mkfifo(pipe, 0o644))
	done := make(chan *lint.Result, 1)
	go func() {
		res, err := lint.Run(lint.Options{Config: config.Default(dir), Paths: []string{pipe}, Today: Today, Workers: 1, Compact: true})
		assert.NoError(t, err)
		done <- res
	}()
	select {
	case res := <-done:
		require.Len(t, res.Findings, 1)
		assert.Contains(t, res.Findings[0].Message.String(), "not a regular file")
	case <-time.After(10 * time.Second):
		t.Fatal("lint blocked reading a named pipe")
	}
}

// lintHostilePolicy lints testdata/hostile-policy with its policy config,
// as the command does (streaming, the policy checked per file).
func lintHostilePolicy(tb testing.TB) *lint.Result {
	tb.Helper()
	dir, err := filepath.Abs("../../testdata/hostile-policy")
	require.NoError(tb, err)
	cfg, err := config.Load(filepath.Join(dir, "kpilint.yaml"), dir)
	require.NoError(tb, err)
	res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{dir}, Today: Today, Workers: 2, Compact: true})
	require.NoError(tb, err)
	return res
}

// A KPI with 40,000 unknown keys under a policy config: the schema rejects
// it, so CUE never sees it (13 s before); the KPI after it still gets its
// policy finding, at its owner.
func TestHostilePolicy(t *testing.T) {
	res := lintHostilePolicy(t)
	var policy []lintFinding
	schema := 0
	for _, f := range res.Findings {
		switch f.Rule {
		case rules.Policy.ID:
			policy = append(policy, f)
		case rules.Schema.ID:
			schema++
		}
	}
	assert.Equal(t, 100, schema, "99 unknown keys, then one finding that says the schema stops reporting")
	require.Len(t, policy, 1)
	assert.Equal(t, 40010, policy[0].Line)
	assert.Equal(t, "fine", policy[0].ID)
	assert.Contains(t, policy[0].Message.String(), `"email" is required`)
}

// BenchmarkHostilePolicy is the time bound of TestHostilePolicy's file
// (BENCHMARKS.md, "Attacks": under 1 s).
func BenchmarkHostilePolicy(b *testing.B) {
	for b.Loop() {
		lintHostilePolicy(b)
	}
}
