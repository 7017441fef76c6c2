// Package testtool is what tests share: finding the external programs some
// tests need (Chromium, pre-commit, the SARIF validator; locally a missing
// program skips the test with a message, in CI (CI=true) it fails it,
// because .ci/run installs every one of them), and the repository's own
// catalogue files as fuzz seeds.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// SeedFiles adds every catalogue file the repository ships (examples,
// fixtures, the hostile corpus) with the given extension to a fuzz corpus.
// repo is the path of the repository's root from the test's package.
func SeedFiles(f *testing.F, repo, ext string) {
	for _, g := range []string{"examples/*/*", "testdata/fixtures/*/*", "testdata/hostile/*"} {
		paths, _ := filepath.Glob(filepath.Join(repo, g))
		for _, p := range paths {
			if filepath.Ext(p) != ext {
				continue
			}
			if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
}

// Find returns the path of the first program found: the value of env if
// set, else each name looked up on PATH.
func Find(t testing.TB, env string, names ...string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		t.Fatalf("%s=%s does not exist", env, p)
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := "needs " + names[0] + " (set " + env + " or put it on PATH; .ci/run installs it)"
	if os.Getenv("CI") != "" {
		t.Fatal("CI: " + msg)
	}
	t.Skip(msg)
	return ""
}

// GeneratedBlock checks, or with update rewrites, the text between
// `<!-- name:start -->` and `<!-- name:end -->` in each file: the generated
// tables of the README and docs/. It fails when a table drifts from the
// code it is generated from.
func GeneratedBlock(t *testing.T, update bool, name, want string, files ...string) {
	t.Helper()
	start, end := "<!-- "+name+":start -->\n", "<!-- "+name+":end -->"
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		i, j := strings.Index(s, start), strings.Index(s, end)
		if i < 0 || j < i {
			t.Fatalf("%s needs the markers %q and %q", file, strings.TrimSpace(start), end)
		}
		got := s[i+len(start) : j]
		if got == want {
			continue
		}
		if !update {
			t.Errorf("the %s table in %s is stale: run go test with -update in the package that generates it", name, file)
			continue
		}
		if err := os.WriteFile(file, []byte(s[:i+len(start)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
