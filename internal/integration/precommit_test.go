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

// preCommit is the real pre-commit tool, set up to run the hook from this
// repository (its working tree, uncommitted changes included) in repo.
type preCommit struct {
	bin, self, repo string
	env             []string
}

func newPreCommit(t *testing.T) *preCommit {
	t.Helper()
	if testing.Short() {
		t.Skip("builds kpilint through pre-commit")
	}
	bin := testtool.Find(t, "KPILINT_PRE_COMMIT", "pre-commit")
	self, err := filepath.Abs("../..")
	require.NoError(t, err)
	if _, err := os.Stat(filepath.Join(self, ".git")); err != nil {
		t.Skip("pre-commit try-repo needs this repository as a git clone")
	}
	gomodcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	require.NoError(t, err)
	pc := &preCommit{bin: bin, self: self, repo: t.TempDir(), env: []string{
		"PRE_COMMIT_HOME=" + t.TempDir(),
		"GOMODCACHE=" + strings.TrimSpace(string(gomodcache)),
		"GOFLAGS=-modcacherw",
		"GOTOOLCHAIN=local",
		"KPILINT_CACHE=" + t.TempDir(),
	}}
	git(t, pc.repo, "init", "-q")
	return pc
}

// write writes files (path → content; "" deletes) in the repository and
// stages them.
func (pc *preCommit) write(t *testing.T, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(pc.repo, filepath.FromSlash(name))
		if content == "" {
			git(t, pc.repo, "rm", "-q", name)
			continue
		}
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		git(t, pc.repo, "add", name)
	}
}

// hook runs the hook on what is staged.
func (pc *preCommit) hook(t *testing.T) (string, error) {
	t.Helper()
	return run(t, pc.repo, pc.env, pc.bin, "try-repo", pc.self, "kpilint")
}

// commit commits what is staged, without hooks (the test runs them itself).
func (pc *preCommit) commit(t *testing.T) {
	t.Helper()
	git(t, pc.repo, "commit", "-q", "--no-verify", "-m", "change")
}

// reset drops what is staged and not committed.
func (pc *preCommit) reset(t *testing.T) {
	t.Helper()
	git(t, pc.repo, "reset", "-q", "--hard")
	git(t, pc.repo, "clean", "-q", "-fd")
}

// The real pre-commit tool runs the hook from this repository on a
// throw-away KPI repository: it fails on a bad KPI and passes on a good one,
// resolving a goal declared in a file that is not staged.
func TestPreCommitHook(t *testing.T) {
	pc := newPreCommit(t)
	pc.write(t, map[string]string{"org.kpi.yaml": orgCatalogue})
	out, err := pc.hook(t)
	require.NoError(t, err, "the first commit of a good catalogue passes:\n%s", out)
	pc.commit(t)

	// A good KPI whose goal lives in the committed, unstaged org file.
	pc.write(t, map[string]string{"revenue.kpi.yaml": goodKPI})
	out, err = pc.hook(t)
	require.NoError(t, err, "a good KPI passes:\n%s", out)
	require.Contains(t, out, "kpilint")
	require.Contains(t, out, "Passed")

	// A bad KPI: no owner, a goal that does not exist.
	bad := strings.NewReplacer("    owner: {name: Anna Berg, unit: acme}\n", "", "goal: grow", "goal: shrink", "id: revenue", "id: churn").Replace(goodKPI)
	pc.write(t, map[string]string{"churn.kpi.yaml": bad})
	out, err = pc.hook(t)
	require.Error(t, err, "a bad KPI fails:\n%s", out)
	require.Contains(t, out, "Failed")
	require.Contains(t, out, "churn.kpi.yaml\n  2:5  error")
	require.Contains(t, out, "owner-missing")
	require.Contains(t, out, `measures goal "shrink", which is not a declared goal`)
}

// The hook is a whole-catalogue gate: what a commit breaks anywhere in the
// catalogue fails it — through a deleted goal, a deleted file, the
// configuration or a policy — and a commit that breaks nothing passes,
// whatever was wrong before it.
func TestPreCommitGate(t *testing.T) {
	pc := newPreCommit(t)
	legacy := strings.NewReplacer("id: revenue", "id: legacy", "    owner: {name: Anna Berg, unit: acme}\n", "").Replace(goodKPI)
	pc.write(t, map[string]string{
		"org.kpi.yaml":          orgCatalogue,
		"kpis/revenue.kpi.yaml": goodKPI,
		"kpis/legacy.kpi.yaml":  legacy, // an owner-missing error, committed before the gate
		"kpilint.yaml":          "exclude: [\"drafts/**\"]\npolicy: [\"policy/*.cue\"]\n",
		"policy/owners.cue":     "#KPI: owner?: name!: string\n",
		"README.md":             "# KPIs\n",
	})
	pc.commit(t)

	cases := []struct {
		name      string
		files     map[string]string
		untracked map[string]string // written, not added
		fail      []string          // what the output names; none: the hook passes
	}{{
		name:      "an untracked draft with problems does not block a commit",
		files:     map[string]string{"kpis/revenue.kpi.yaml": strings.Replace(goodKPI, "Monthly recurring", "Monthly", 1)},
		untracked: map[string]string{"kpis/draft.kpi.yaml": "kpis:\n  - id: revenue\n    name: A second revenue\n"},
	}, {
		name:  "a commit that touches no catalogue file passes",
		files: map[string]string{"README.md": "# Our KPIs\n"},
	}, {
		name:  "a change to a file with an old finding passes",
		files: map[string]string{"kpis/legacy.kpi.yaml": strings.Replace(legacy, "Monthly recurring", "Monthly", 1)},
	}, {
		name:  "a bad KPI in an excluded folder passes",
		files: map[string]string{"drafts/idea.kpi.yaml": "kpis:\n  - id: idea\n"},
	}, {
		name:  "deleting a goal that another file uses fails",
		files: map[string]string{"org.kpi.yaml": strings.Replace(orgCatalogue, "id: grow", "id: expand", 1)},
		fail:  []string{"kpis/revenue.kpi.yaml", `measures goal "grow", which is not a declared goal`},
	}, {
		name:  "git rm of the file holding the units and goals fails",
		files: map[string]string{"org.kpi.yaml": ""},
		fail:  []string{"kpis/revenue.kpi.yaml", `"grow", which is not a declared goal`},
	}, {
		name:  "a typo in kpilint.yaml fails",
		files: map[string]string{"kpilint.yaml": "exclude: [\"drafts/**\"]\nfail_onn: warning\n"},
		fail:  []string{"kpilint.yaml", "fail_onn"},
	}, {
		name:  "a policy change that breaks a KPI fails",
		files: map[string]string{"policy/owners.cue": "#KPI: owner?: email!: =~\"@acme\\\\.se$\"\n"},
		fail:  []string{"kpis/revenue.kpi.yaml", "policy"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer pc.reset(t)
			pc.write(t, tc.files)
			for name, content := range tc.untracked {
				require.NoError(t, os.WriteFile(filepath.Join(pc.repo, filepath.FromSlash(name)), []byte(content), 0o644))
			}
			out, err := pc.hook(t)
			if len(tc.fail) == 0 {
				require.NoError(t, err, out)
				require.Contains(t, out, "Passed")
				return
			}
			require.Error(t, err, out)
			require.Contains(t, out, "Failed")
			for _, want := range tc.fail {
				require.Contains(t, out, want)
			}
			require.NotContains(t, out, "owner-missing", "an old finding is not the commit's")
		})
	}
}
