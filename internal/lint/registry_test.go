package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/rules"
)

func lintExample(t *testing.T, rule, example string) []string {
	t.Helper()
	dir := t.TempDir()
	if rule == "policy" {
		policy, err := os.ReadFile("../../examples/policy/acme.cue")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "acme.cue"), policy, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "kpilint.yaml"), []byte("policy: [acme.cue]\n"), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "context.kpi.yaml"), []byte(rules.Context), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "example.kpi.yaml"), []byte(example), 0o644))
	res := runDir(t, dir, 1)
	var fired []string
	for _, f := range res.Findings {
		fired = append(fired, f.Rule)
	}
	return fired
}

// Every rule is documented, and its Bad example triggers it while its Good
// example does not.
func TestRuleRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			assert.False(t, seen[r.ID], "duplicate rule id")
			seen[r.ID] = true
			assert.Regexp(t, `^[a-z]+(-[a-z]+)*$`, r.ID)
			assert.NotEmpty(t, r.Doc.Title)
			assert.NotEmpty(t, r.Doc.Why)
			assert.NotNil(t, rules.Lookup(r.ID))
			if r == rules.InternalError {
				assert.Empty(t, r.Doc.Bad, "no catalogue should make kpilint fail")
				return
			}
			require.NotEmpty(t, r.Doc.Bad)
			require.NotEmpty(t, r.Doc.Good)
			assert.Contains(t, lintExample(t, r.ID, r.Doc.Bad), r.ID, "the Bad example must trigger the rule")
			assert.NotContains(t, lintExample(t, r.ID, r.Doc.Good), r.ID, "the Good example must not trigger the rule")
			assert.NotNil(t, rules.Lookup(r.ID))
		})
	}
}
