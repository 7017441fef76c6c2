package rules_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/testtool"
	"github.com/kpilint/kpilint/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md and the README's rule table")

// The rule documentation is generated from the registry; this test fails
// when docs/rules.md or the README's rule table is stale.
func TestDocsAreCurrent(t *testing.T) {
	testtool.GeneratedBlock(t, *update, "rules", rules.Table(), "../README.md")
	testtool.GeneratedBlock(t, *update, "principles", rules.PrincipleTable(), "../docs/principles.md")
	want := rules.Markdown()
	if *update {
		require.NoError(t, os.WriteFile("../docs/rules.md", []byte(want), 0o644))
		return
	}
	got, err := os.ReadFile("../docs/rules.md")
	require.NoError(t, err, "run: go test ./rules -update")
	if want != string(got) {
		t.Fatal("docs/rules.md is stale: run go test ./rules -update")
	}
	require.True(t, strings.Contains(string(got), "## goal-missing"))
}
