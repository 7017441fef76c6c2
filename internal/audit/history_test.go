package audit_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
)

func git(tb testing.TB, dir string, args ...string) {
	tb.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=kpilint", "-c", "user.email=ci@kpilint.invalid", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(tb, err, string(out))
}

func commit(tb testing.TB, dir, msg string, files map[string]string) {
	tb.Helper()
	for name, text := range files {
		require.NoError(tb, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(tb, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	git(tb, dir, "add", "-A")
	git(tb, dir, "commit", "-q", "-m", msg)
}

const org = "units: [{id: ops, name: Operations, level: organisation}]\ngoals: [{id: uptime, statement: Customers can rely on the service}]\n"

// --history walks the commits that touched the catalogue, oldest first,
// with each commit's scores and the KPIs it added and retired; a commit
// outside the catalogue's folder is not a point.
func TestHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	commit(t, repo, "Start the catalogue", map[string]string{
		"kpis/org.kpi.yaml": org,
		"kpis/ops.kpi.yaml": "kpis:\n  - {id: incidents, name: Incidents, scope: ops}\n  - {id: tickets, name: Tickets closed, scope: ops}\n",
	})
	commit(t, repo, "README", map[string]string{"README.md": "not the catalogue\n"})
	commit(t, repo, "Tie availability to the goal, retire tickets", map[string]string{
		"kpis/ops.kpi.yaml": "kpis:\n  - {id: incidents, name: Incidents, scope: ops}\n" +
			"  - id: availability\n    name: Service availability\n    goal: uptime\n    scope: ops\n    owner: {name: Mek Stittri}\n    target: {value: 99.9, op: \">=\"}\n    cadence: {review: monthly}\n",
	})
	root := filepath.Join(repo, "kpis")
	points, err := audit.History(lint.Options{Config: config.Default(root), Today: today, Workers: 2}, 10)
	require.NoError(t, err)
	require.Len(t, points, 2, "the README commit did not touch the catalogue")
	first, last := points[0], points[1]
	assert.Equal(t, "Start the catalogue", first.Subject)
	assert.Nil(t, first.Added, "nothing to compare the oldest point with")
	assert.Equal(t, []string{"availability"}, last.Added)
	assert.Equal(t, []string{"tickets"}, last.Retired)
	assert.Equal(t, 2, last.KPIs)
	assert.Greater(t, last.Completeness, first.Completeness)
	assert.Len(t, last.Commit, 10)

	points, err = audit.History(lint.Options{Config: config.Default(root), Today: today, Workers: 2}, 1)
	require.NoError(t, err)
	require.Len(t, points, 1, "the last N commits")
	assert.Equal(t, "Tie availability to the goal, retire tickets", points[0].Subject)
}

// BenchmarkHistory is --history 50 on a 1,000-KPI catalogue whose every
// commit changes one of its 20 files: one lint per commit, so the cost is
// 50 lints plus 50 extractions (BENCHMARKS.md).
func BenchmarkHistory(b *testing.B) {
	repo := b.TempDir()
	git(b, repo, "init", "-q")
	files := map[string]string{"org.kpi.yaml": org}
	for f := range 20 {
		var s strings.Builder
		s.WriteString("kpis:\n")
		for i := range 50 {
			fmt.Fprintf(&s, "  - {id: k%d-%d, name: Lead time %d, scope: ops, goal: uptime, owner: {name: Owner %d}}\n", f, i, i, i%9)
		}
		files[fmt.Sprintf("f%02d.kpi.yaml", f)] = s.String()
	}
	commit(b, repo, "start", files)
	for c := range 49 {
		name := fmt.Sprintf("f%02d.kpi.yaml", c%20)
		commit(b, repo, fmt.Sprintf("change %d", c), map[string]string{name: files[name] + fmt.Sprintf("  - {id: new-%d, name: New %d, scope: ops}\n", c, c)})
	}
	opts := lint.Options{Config: config.Default(repo), Today: today, Workers: 2}
	b.Run("lint-once", func(b *testing.B) {
		for b.Loop() {
			if _, err := lint.Run(lint.Options{Config: opts.Config, Paths: []string{repo}, Today: today, Workers: 2, Compact: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("history-50", func(b *testing.B) {
		for b.Loop() {
			points, err := audit.History(opts, 50)
			if err != nil || len(points) != 50 {
				b.Fatal(err, len(points))
			}
		}
	})
}
