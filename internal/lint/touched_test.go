package lint

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kpilint/kpilint/internal/config"
)

// What a gate counts as a change of the catalogue rooted at strategy/: its
// configuration (a hidden .kpilint.yaml too) and policy files call for the
// whole comparison; catalogue files as the walk selects them; nothing else.
func TestTouched(t *testing.T) {
	root := filepath.Join(t.TempDir(), "strategy")
	cfg := config.Default(root)
	cfg.Path = filepath.Join(root, ".kpilint.yaml")
	cfg.Exclude = []string{"drafts"}
	cfg.Policy = []string{".policy/*.cue"}

	files, whole := touched(cfg, "strategy", []string{"README.md", "strategy/notes.md", "strategy/kpis/a.kpi.yaml",
		"strategy/drafts/b.kpi.yaml", "strategy/.hidden/c.kpi.yaml", "other/d.kpi.yaml"})
	assert.Equal(t, []string{"kpis/a.kpi.yaml"}, files)
	assert.False(t, whole)

	_, whole = touched(cfg, "strategy", []string{"strategy/.kpilint.yaml"})
	assert.True(t, whole, "the configuration, hidden or not")
	_, whole = touched(cfg, "strategy", []string{"strategy/.policy/owners.cue"})
	assert.True(t, whole, "a policy file")
}
