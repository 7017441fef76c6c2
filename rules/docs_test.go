package rules_test

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md and the README's rule table")

const (
	tableStart = "<!-- rules:start -->\n"
	tableEnd   = "<!-- rules:end -->"
)

// The rule documentation is generated from the registry; this test fails
// when docs/rules.md or the README's rule table is stale.
func TestDocsAreCurrent(t *testing.T) {
	want := rules.Markdown()
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	re := regexp.MustCompile(`(?s)` + regexp.QuoteMeta(tableStart) + `.*?` + regexp.QuoteMeta(tableEnd))
	require.Regexp(t, re, string(readme), "README.md needs the rules:start and rules:end markers")
	wantReadme := re.ReplaceAllLiteralString(string(readme), tableStart+rules.Table()+tableEnd)
	if *update {
		require.NoError(t, os.MkdirAll("../docs", 0o755))
		require.NoError(t, os.WriteFile("../docs/rules.md", []byte(want), 0o644))
		require.NoError(t, os.WriteFile("../README.md", []byte(wantReadme), 0o644))
		return
	}
	got, err := os.ReadFile("../docs/rules.md")
	require.NoError(t, err, "run: go test ./rules -update")
	if want != string(got) {
		t.Fatal("docs/rules.md is stale: run go test ./rules -update")
	}
	if wantReadme != string(readme) {
		t.Fatal("README.md's rule table is stale: run go test ./rules -update")
	}
	require.True(t, strings.Contains(string(got), "## goal-missing"))
}
