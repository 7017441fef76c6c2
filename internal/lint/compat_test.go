package lint_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var updateCompat = flag.Bool("update", false, "rewrite testdata/compat/findings.txt")

// Every catalogue the repository ships — the examples, the fixtures, the
// golden catalogue — written in format version 1, with every finding
// kpilint gives on it. The file was recorded before format version 2; a
// change to it is a change of what kpilint says about an existing
// catalogue, and the commit that makes one says which and why (only the
// rule changes of version 2 may).
func TestVersion1CataloguesKeepTheirFindings(t *testing.T) {
	dirs := []string{"../../examples/customer-service", "../../examples/needs-work", "../../testdata/golden/catalogue"}
	fixtures, err := filepath.Glob("../../testdata/fixtures/*")
	require.NoError(t, err)
	for _, d := range fixtures {
		if strings.HasSuffix(d, "-v2") {
			continue // a fixture of format version 2
		}
		dirs = append(dirs, d)
	}
	var b strings.Builder
	for _, dir := range dirs {
		res := runDir(t, dir, 2)
		name := strings.TrimPrefix(filepath.ToSlash(dir), "../../")
		fmt.Fprintf(&b, "## %s\n", name)
		for _, f := range res.Findings {
			fmt.Fprintf(&b, "%s:%d:%d: %s: %s\n", f.File, f.Line, f.Column, f.Rule, f.Message)
		}
	}
	path := "../../testdata/compat/findings.txt"
	if *updateCompat {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./internal/lint -run TestVersion1 -update")
	if string(want) != b.String() {
		t.Errorf("findings on version-1 catalogues changed (go test ./internal/lint -run TestVersion1 -update records them):\n%s",
			lineDiff(string(want), b.String()))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	count := map[string]int{}
	for _, l := range strings.Split(got, "\n") {
		count[l]++
	}
	var out []string
	for _, l := range strings.Split(want, "\n") {
		if count[l] > 0 {
			count[l]--
			continue
		}
		out = append(out, "- "+l)
	}
	for _, l := range strings.Split(got, "\n") {
		if count[l] > 0 {
			count[l]--
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
