package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/cli"
	"github.com/kpilint/kpilint/internal/report"
)

// run runs kpilint in dir with the environment env and returns its exit
// code, standard output and standard error.
func run(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &cli.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Getenv: func(k string) string { return env[k] }, Getwd: func() (string, error) { return dir, nil }}
	code := cli.Run(ios, args)
	return code, out.String(), errOut.String()
}

// copyDir copies the files of src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644))
	}
}

// The injection corpus (testdata/attack) rendered in every lint and audit
// format: the exact rendering is kept in testdata/attack/want, so a change
// to any escaper shows in review. go test ./internal/cli -run
// TestAttackCorpus -update rewrites them.
func TestAttackCorpus(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../testdata/attack/catalogue", dir)
	var runs [][]string
	for _, f := range report.Names() {
		runs = append(runs, []string{"lint", "--format", f})
	}
	for _, f := range report.AuditNames() {
		runs = append(runs, []string{"audit", "--format", f})
	}
	for _, args := range runs {
		name := args[0] + "." + args[2]
		t.Run(name, func(t *testing.T) {
			_, out, errOut := run(t, dir, nil, append(args, "--color", "never", "--today", "2026-11-27")...)
			assert.Empty(t, errOut)
			got := strings.ReplaceAll(out, dir, "$DIR")
			path := filepath.Join("../../testdata/attack/want", name)
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "go test ./internal/cli -run TestAttackCorpus -update")
			assert.Equal(t, string(want), got)
			raw := "\x1b\a\u202e\u2066" // escapes and bidi controls
			if strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".sarif") {
				raw = "\x1b\a" // JSON keeps the data; its readers escape it for display
			}
			for _, l := range strings.Split(got, "\n") {
				assert.False(t, strings.ContainsAny(l, raw), "%s: a raw escape or bidi control: %q", name, l)
			}
		})
	}
}

// command is one workflow command as a GitHub runner reads it: a line that
// starts (after blanks) with "::", then the command name, properties after
// a space up to the next "::", then the message.
var command = regexp.MustCompile(`^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$`)

// workflowCommands parses text as a GitHub runner does and returns every
// command in it.
func workflowCommands(text string) [][]string {
	var out [][]string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimLeft(l, " \t\r")
		if !strings.HasPrefix(l, "::") {
			continue
		}
		m := command.FindStringSubmatch(l)
		if m == nil {
			out = append(out, []string{"unparsable", "", l})
			continue
		}
		out = append(out, m[1:])
	}
	return out
}

// properties decodes a command's properties as the runner does.
func properties(s string) map[string]string {
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	out := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			out[k] = unescape.Replace(v)
		}
	}
	return out
}

// A pull request controls file and directory names too: a file named
// "::add-mask::x.kpi.yaml" and a directory whose name holds a newline and a
// forged annotation. Whatever kpilint prints — the github format, the step
// summary, standard error, the text and line formats — a runner finds no
// command but the annotations kpilint meant, each on a file that exists.
func TestNoForgedWorkflowCommands(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../testdata/attack/catalogue", dir)
	evil := "x\n::error file=README.md,line=1,title=forged::INJECTED"
	require.NoError(t, os.Mkdir(filepath.Join(dir, evil), 0o755))
	bad := "kpis:\n  - {id: bad, name: Bad, scope: ops, \"::warning::forged\": 1}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, evil, "a.kpi.yaml"), []byte(bad), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "::add-mask::x.kpi.yaml"), []byte(bad), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "::notice::y.kpi.yaml"), []byte("kpis: [\n"), 0o644))
	summary := filepath.Join(t.TempDir(), "summary.md")
	env := map[string]string{"GITHUB_STEP_SUMMARY": summary, "GITHUB_ACTIONS": "true"}

	for _, args := range [][]string{
		{"lint", "--format", "github"},
		{"lint", "--format", "github", "::add-mask::x.kpi.yaml", evil + "/a.kpi.yaml", "missing\n::error::nope.kpi.yaml"},
		{"lint", "--format", "text", "--color", "never"},
		{"lint", "--format", "line"},
		{"lint", "--format", "github", "--config", "no\n::error::such.yaml"},
		{"audit", "--format", "text", "--color", "never"},
	} {
		_ = os.Remove(summary)
		_, out, errOut := run(t, dir, env, args...)
		stepSummary, _ := os.ReadFile(summary)
		for _, c := range workflowCommands(out + "\n" + errOut + "\n" + string(stepSummary)) {
			if !assert.Contains(t, []string{"error", "warning", "notice"}, c[0], "%v: a forged command %q", args, c) {
				continue
			}
			p := properties(c[1])
			assert.NotEqual(t, "forged", p["title"], "%v", args)
			assert.NotEqual(t, "README.md", p["file"], "%v", args)
			_, err := os.Stat(filepath.Join(dir, p["file"]))
			assert.NoError(t, err, "%v: an annotation on a file that does not exist: %q", args, p["file"])
		}
	}
}
