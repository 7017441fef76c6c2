package lint_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
)

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=kpilint", "-c", "user.email=ci@kpilint.invalid"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
}

// gateRun lints dir as the gate does: what is new since HEAD.
func gateRun(t *testing.T, dir string) (*lint.Gate, []string) {
	t.Helper()
	opts := lint.Options{Config: config.Default(dir), Today: Today, Workers: 2, Compact: true, CacheDir: filepath.Join(dir, ".cache")}
	gate, err := lint.Since(opts, "HEAD", lint.GateOptions{})
	require.NoError(t, err)
	require.False(t, gate.Unchanged)
	opts.Paths, opts.Since = []string{dir}, gate.Baseline
	if gate.Narrow {
		opts.Paths, opts.CatalogueWide = gate.Files, true
	}
	res, err := lint.Run(opts)
	require.NoError(t, err)
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d %s %s", f.File, f.Line, f.Column, f.Rule, f.Message))
	}
	return gate, got
}

// A change that leaves every unit, goal, the configuration and the policy
// as they were is compared narrowly: only the changed files and the
// catalogue-wide rules are linted. It must find exactly what comparing
// the whole catalogues finds — on a catalogue full of problems, for edits,
// deletions, renames and new files.
func TestNarrowGateFindsWhatTheWholeGateFinds(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	src := "../../examples/needs-work"
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(src, name))
		require.NoError(t, err)
		return string(data)
	}
	sales := read("sales.kpi.yaml")
	cases := []struct {
		name   string
		change func(dir string)
		narrow bool
		new    []string // what some finding says; none: nothing is new
	}{{
		name:   "a KPI added to a unit that has too many",
		narrow: true,
		change: func(dir string) {
			write(t, dir, "sales.kpi.yaml", sales+"  - {id: visits, name: Visits made, goal: grow-revenue, scope: sales, owner: {name: Eva Ek, unit: sales}}\n")
		},
		new: []string{`KPI "visits"`},
	}, {
		name:   "a KPI file deleted",
		narrow: true,
		change: func(dir string) { gitIn(t, dir, "rm", "-q", "web.kpi.json") },
	}, {
		name:   "a KPI file renamed",
		narrow: true,
		change: func(dir string) { gitIn(t, dir, "mv", "draft.kpi.yaml", "drafts.kpi.yaml") },
		new:    []string{"drafts.kpi.yaml:"},
	}, {
		name:   "a copy of a file: every id a duplicate",
		narrow: true,
		change: func(dir string) { write(t, dir, "copy.kpi.yaml", sales) },
		new:    []string{"duplicate-id"},
	}, {
		name:   "an old problem fixed, nothing new",
		narrow: true,
		change: func(dir string) {
			write(t, dir, "sales.kpi.yaml", strings.Replace(sales, "owner: {name: Management}", "owner: {name: Anna Berg, unit: sales}", 1))
		},
	}, {
		name:   "a goal renamed",
		narrow: false,
		change: func(dir string) {
			write(t, dir, "organisation.kpi.yaml", strings.Replace(read("organisation.kpi.yaml"), "id: grow-revenue", "id: revenue-growth", 1))
		},
		new: []string{`measures goal "grow-revenue", which is not a declared goal`},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, e := range entries {
				write(t, dir, e.Name(), read(e.Name()))
			}
			gitIn(t, dir, "init", "-q")
			gitIn(t, dir, "add", "-A")
			gitIn(t, dir, "commit", "-q", "-m", "base")
			tc.change(dir)

			gate, narrow := gateRun(t, dir)
			require.Equal(t, tc.narrow, gate.Narrow)
			lint.SetNarrowGates(false)
			defer lint.SetNarrowGates(true)
			_, whole := gateRun(t, dir)
			require.Equal(t, whole, narrow)
			if len(tc.new) == 0 {
				require.Empty(t, narrow)
			}
			for _, want := range tc.new {
				require.Condition(t, func() bool {
					for _, f := range narrow {
						if strings.Contains(f, want) {
							return true
						}
					}
					return false
				}, "no new finding says %q: %v", want, narrow)
			}
		})
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
}
