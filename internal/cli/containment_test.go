//go:build linux

package cli_test

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const secret = "root:SECRET-CONTENT:20228:0:99999:7::\n"

// repoWithOutside makes a git work tree (a .git folder marks it) beside a
// folder outside it holding a secret, and returns both.
func repoWithOutside(t *testing.T) (repo, outside string) {
	t.Helper()
	base := t.TempDir()
	repo, outside = filepath.Join(base, "repo"), filepath.Join(base, "outside")
	require.NoError(t, os.MkdirAll(filepath.Join(repo, ".git"), 0o755))
	require.NoError(t, os.MkdirAll(outside, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.cue"), []byte(secret), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(repo, "org.kpi.yaml"),
		[]byte("units: [{id: ops, name: Operations, level: organisation}]\n"), 0o644))
	return repo, outside
}

// runBounded is run with a deadline: a read that blocks (a FIFO) fails the
// test instead of hanging it.
func runBounded(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := run(t, dir, nil, args...)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.errOut
	case <-time.After(20 * time.Second):
		t.Fatalf("kpilint %v did not finish: a blocking read?", args)
		return 0, "", ""
	}
}

// Every path the repository's content names — policy files, a discovered
// kpilint.yaml, the baseline, catalogue files walked or named — is read only
// if it lies inside the repository (symbolic links resolved) and is a
// regular file. Refused, the error names the path, never the content.
func TestPathsStayInsideTheRepository(t *testing.T) {
	fifo := func(t *testing.T, p string) { require.NoError(t, syscall.Mkfifo(p, 0o644)) }
	cases := []struct {
		name  string
		setup func(t *testing.T, repo, outside string)
		args  []string
		want  string // on stderr or stdout
		code  int    // 2: refused; 0: a note, and the rest is linted; 1: a finding
	}{
		{"policy through ..", func(t *testing.T, repo, outside string) {
			write(t, repo, "kpilint.yaml", "policy: [\"../outside/secret.cue\"]\n")
		}, []string{"lint"}, "outside the repository", 2},
		{"policy through a symbolic link", func(t *testing.T, repo, outside string) {
			write(t, repo, "kpilint.yaml", "policy: [\"policy/*.cue\"]\n")
			require.NoError(t, os.MkdirAll(filepath.Join(repo, "policy"), 0o755))
			require.NoError(t, os.Symlink(filepath.Join(outside, "secret.cue"), filepath.Join(repo, "policy", "p.cue")))
		}, []string{"lint"}, "outside the repository", 2},
		{"policy linked to /dev/zero", func(t *testing.T, repo, outside string) {
			write(t, repo, "kpilint.yaml", "policy: [\"zero.cue\"]\n")
			require.NoError(t, os.Symlink("/dev/zero", filepath.Join(repo, "zero.cue")))
		}, []string{"lint"}, "outside the repository", 2},
		{"policy that is a FIFO", func(t *testing.T, repo, outside string) {
			write(t, repo, "kpilint.yaml", "policy: [\"fifo.cue\"]\n")
			fifo(t, filepath.Join(repo, "fifo.cue"))
		}, []string{"lint"}, "not a regular file", 2},
		{"discovered configuration linked outside", func(t *testing.T, repo, outside string) {
			require.NoError(t, os.Symlink(filepath.Join(outside, "secret.cue"), filepath.Join(repo, "kpilint.yaml")))
		}, []string{"lint"}, "the configuration is outside the repository", 2},
		{"discovered configuration that is a FIFO", func(t *testing.T, repo, outside string) {
			fifo(t, filepath.Join(repo, "kpilint.yaml"))
		}, []string{"lint"}, "not a regular file", 2},
		{"baseline linked outside", func(t *testing.T, repo, outside string) {
			require.NoError(t, os.Symlink(filepath.Join(outside, "secret.cue"), filepath.Join(repo, "baseline.json")))
		}, []string{"lint", "--baseline", "baseline.json"}, "outside the repository", 2},
		{"baseline that is a FIFO", func(t *testing.T, repo, outside string) {
			fifo(t, filepath.Join(repo, "baseline.json"))
		}, []string{"lint", "--baseline", "baseline.json"}, "not a regular file", 2},
		{"baseline that is not JSON", func(t *testing.T, repo, outside string) {
			write(t, repo, "baseline.json", secret)
		}, []string{"lint", "--baseline", "baseline.json"}, "not JSON (at byte 1)", 2},
		{"catalogue file named, linked outside", func(t *testing.T, repo, outside string) {
			require.NoError(t, os.Symlink(filepath.Join(outside, "secret.cue"), filepath.Join(repo, "s.kpi.yaml")))
		}, []string{"lint", "s.kpi.yaml", "org.kpi.yaml"}, "outside the catalogue root", 0},
		{"catalogue file walked, a FIFO", func(t *testing.T, repo, outside string) {
			fifo(t, filepath.Join(repo, "pipe.kpi.yaml"))
		}, []string{"lint"}, "pipe.kpi.yaml: not a regular file, skipped", 0},
		{"catalogue file named, a FIFO", func(t *testing.T, repo, outside string) {
			fifo(t, filepath.Join(repo, "pipe.kpi.yaml"))
		}, []string{"lint", "pipe.kpi.yaml", "org.kpi.yaml"}, "not a regular file", 1},
		{"catalogue file walked, a socket", func(t *testing.T, repo, outside string) {
			l, err := net.Listen("unix", filepath.Join(repo, "s.kpi.yaml"))
			require.NoError(t, err)
			t.Cleanup(func() { _ = l.Close() })
		}, []string{"lint"}, "s.kpi.yaml: not a regular file, skipped", 0},
		{"--stdin-filename outside", func(t *testing.T, repo, outside string) {},
			[]string{"lint", "--stdin-filename", "../outside/secret.kpi.yaml", "-"}, "is outside the catalogue root", 2},
		{"catalogue file named, a device", func(t *testing.T, repo, outside string) {
			require.NoError(t, os.Symlink("/dev/zero", filepath.Join(repo, "zero.kpi.yaml")))
		}, []string{"lint", "zero.kpi.yaml", "org.kpi.yaml"}, "outside the catalogue root", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			repo, outside := repoWithOutside(t)
			c.setup(t, repo, outside)
			code, out, errOut := runBounded(t, repo, append(c.args, "--color", "never")...)
			assert.Equal(t, c.code, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
			assert.Contains(t, out+errOut, c.want)
			assert.NotContains(t, out+errOut, "SECRET", "the content of a file outside is never shown")
			assert.NotContains(t, out+errOut, "20228")
		})
	}
}

// -o and --write-baseline write only regular files.
func TestOutputsAreRegularFiles(t *testing.T) {
	repo, outside := repoWithOutside(t)
	target := filepath.Join(outside, "secret.cue")
	require.NoError(t, os.Symlink(target, filepath.Join(repo, "report.sarif")))
	code, _, errOut := run(t, repo, nil, "lint", "-o", "report.sarif")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "symbolic link")
	data, _ := os.ReadFile(target)
	assert.Equal(t, secret, string(data), "the file the link points to is untouched")

	code, _, errOut = run(t, repo, nil, "lint", "--format", "json", "-o", "/dev/null")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "not a regular file")

	require.NoError(t, syscall.Mkfifo(filepath.Join(repo, "base.json"), 0o644))
	code, _, errOut = runBounded(t, repo, "lint", "--write-baseline", "base.json")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "not a regular file")
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
}
