// Package testtool finds the external programs some tests need (Chromium,
// pre-commit, the SARIF validator). Locally a missing program skips the
// test with a message; in CI (CI=true) it fails it, because .ci/run
// installs every one of them.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

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
