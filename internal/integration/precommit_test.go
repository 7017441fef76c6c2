package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/testtool"
)

const orgCatalogue = `units:
  - {id: acme, name: Acme, level: organisation}
goals:
  - {id: grow, statement: Grow recurring revenue}
`

const goodKPI = `kpis:
  - id: revenue
    name: Recurring revenue
    description: Monthly recurring revenue from active subscriptions.
    goal: grow
    scope: acme
    owner: {name: Anna Berg, unit: acme}
    levers: [pricing, upsell]
    indicator: lagging
    direction: increase
    measure:
      formula: mrr
      unit: SEK
      inputs:
        mrr: {source: billing.subscriptions}
    baseline: {value: 100}
    target: {value: 120}
    cadence: {measure: monthly, review: monthly}
    actions:
      - {when: red, do: Review churned accounts}
`

func run(t *testing.T, dir string, env []string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	out, err := run(t, dir, nil, "git", append([]string{"-c", "user.name=kpilint", "-c", "user.email=ci@kpilint.invalid"}, args...)...)
	require.NoError(t, err, out)
}

// The real pre-commit tool runs the hook from this repository on a
// throw-away KPI repository: it fails on a bad KPI and passes on a good one,
// resolving a goal declared in a file that is not staged.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kpilint through pre-commit")
	}
	preCommit := testtool.Find(t, "KPILINT_PRE_COMMIT", "pre-commit")
	self, err := filepath.Abs("../..")
	require.NoError(t, err)
	if _, err := os.Stat(filepath.Join(self, ".git")); err != nil {
		t.Skip("pre-commit try-repo needs this repository as a git clone")
	}
	gomodcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	require.NoError(t, err)
	env := []string{
		"PRE_COMMIT_HOME=" + t.TempDir(),
		"GOMODCACHE=" + strings.TrimSpace(string(gomodcache)),
		"GOFLAGS=-modcacherw",
		"GOTOOLCHAIN=local",
	}

	repo := t.TempDir()
	git(t, repo, "init", "-q")
	require.NoError(t, os.WriteFile(filepath.Join(repo, "org.kpi.yaml"), []byte(orgCatalogue), 0o644))
	git(t, repo, "add", "org.kpi.yaml")
	git(t, repo, "commit", "-q", "-m", "organisation")

	// A good KPI whose goal lives in the committed, unstaged org file.
	require.NoError(t, os.WriteFile(filepath.Join(repo, "revenue.kpi.yaml"), []byte(goodKPI), 0o644))
	git(t, repo, "add", "revenue.kpi.yaml")
	out, err := run(t, repo, env, preCommit, "try-repo", self, "kpilint")
	require.NoError(t, err, "a good KPI passes:\n%s", out)
	require.Contains(t, out, "kpilint")
	require.Contains(t, out, "Passed")

	// A bad KPI: no owner, a goal that does not exist.
	bad := strings.NewReplacer("    owner: {name: Anna Berg, unit: acme}\n", "", "goal: grow", "goal: shrink", "id: revenue", "id: churn").Replace(goodKPI)
	require.NoError(t, os.WriteFile(filepath.Join(repo, "churn.kpi.yaml"), []byte(bad), 0o644))
	git(t, repo, "add", "churn.kpi.yaml")
	out, err = run(t, repo, env, preCommit, "try-repo", self, "kpilint")
	require.Error(t, err, "a bad KPI fails:\n%s", out)
	require.Contains(t, out, "Failed")
	require.Contains(t, out, "churn.kpi.yaml\n  2:5  error")
	require.Contains(t, out, "owner-missing")
	require.Contains(t, out, `measures goal "shrink", which is not a declared goal`)
}
