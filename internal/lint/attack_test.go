package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// attacks are the attack review's time and memory attacks on the trees:
// each a single file a pull request could add, within the 8 MiB limit.
var attacks = map[string]func() string{
	// 50,000 consecutive directive lines before a KPI: each looked ahead
	// through all the comment lines after it, and walked the whole tree.
	"directives-50000": func() string {
		var b strings.Builder
		b.WriteString("units: [{id: ops, name: Operations, level: organisation}]\nkpis:\n")
		for range 50000 {
			b.WriteString("  # kpilint:ignore goal-missing -- the goal is being decided\n")
		}
		b.WriteString("  - {id: k, name: Lead time, scope: ops}\n")
		return b.String()
	},
	// An 8,000-goal parent cycle: every member walked the whole cycle and
	// was reported with it (162 s, 1.36 GB).
	"goal-cycle-8000": func() string {
		var b strings.Builder
		b.WriteString("goals:\n")
		for i := range 8000 {
			fmt.Fprintf(&b, "  - {id: g%d, statement: Goal %d, parent: g%d}\n", i, i, (i+1)%8000)
		}
		return b.String()
	},
	// A 50,000-unit chain with KPIs at the bottom: each unit walked up to
	// the top, and each KPI again for its owner (killed at 300 s).
	"unit-chain-50000": func() string {
		var b strings.Builder
		b.WriteString("units:\n  - {id: u0, name: U0, level: organisation}\n")
		for i := 1; i < 50000; i++ {
			fmt.Fprintf(&b, "  - {id: u%d, name: U%d, level: team, parent: u%d}\n", i, i, i-1)
		}
		b.WriteString("kpis:\n")
		for i := range 2000 {
			fmt.Fprintf(&b, "  - {id: k%d, name: Lead time %d, scope: u49999, owner: {name: O%d, unit: u0}}\n", i, i, i)
		}
		return b.String()
	},
	// One line of 1,500,000 wide characters in a flow list: the YAML fast
	// path counted each value's column from the start of the line
	// (quadratic), and the file passes the values budget, so libyaml reads
	// it again after the fast path (both within the memory budget).
	"wide-flow-line": func() string {
		return "units: [{id: ops, name: Operations, level: organisation}]\nkpis:\n  - id: k\n    name: Lead time\n    scope: ops\n" +
			"    tags: [" + strings.Repeat("é, ", 1_500_000) + "é]\n"
	},
}

func writeAttack(tb testing.TB, name string) string {
	tb.Helper()
	dir := tb.TempDir()
	text := attacks[name]()
	require.Less(tb, len(text), 8<<20, "within the file size limit")
	require.NoError(tb, os.WriteFile(filepath.Join(dir, name+".kpi.yaml"), []byte(text), 0o644))
	return dir
}

// Each attack is linted within the run's memory budget, and a cycle is one
// finding (the times are BenchmarkTreeAttacks').
func TestTreeAttacksAreLinear(t *testing.T) {
	for name := range attacks {
		t.Run(name, func(t *testing.T) {
			dir := writeAttack(t, name)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res, err := lint.Run(lint.Options{Config: config.Default(dir), Paths: []string{dir}, Today: Today, Workers: 2, Compact: true})
			require.NoError(t, err)
			runtime.ReadMemStats(&after)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(512<<20), "all it allocates, a bound on what it holds (docs/security.md)")
			cycles := 0
			for _, f := range res.Findings {
				if f.Rule == rules.UnknownReference.ID && strings.Contains(f.Message.String(), "cycle") {
					cycles++
					assert.Less(t, len(f.Message.String()), 400, "the cycle is shown shortened")
				}
			}
			if strings.Contains(name, "cycle") {
				assert.Equal(t, 1, cycles, "one cycle, one finding")
			}
		})
	}
}

// BenchmarkTreeAttacks: BENCHMARKS.md, "Attacks".
func BenchmarkTreeAttacks(b *testing.B) {
	for name := range attacks {
		b.Run(name, func(b *testing.B) {
			dir := writeAttack(b, name)
			for b.Loop() {
				if _, err := lint.Run(lint.Options{Config: config.Default(dir), Paths: []string{dir}, Today: Today, Workers: 2, Compact: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
