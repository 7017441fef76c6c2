package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/gitrev"
)

// Since is the baseline of the catalogue as it was at git revision rev:
// linting the catalogue now with it reports only the findings that are new
// since rev (docs/output.md: --new-from-rev), wherever in the catalogue
// they are — a goal deleted in one file breaks a reference in another. The
// catalogue at rev is linted with its own configuration, so a change of
// kpilint.yaml or of a policy file counts as a change.
//
// unchanged is true when no catalogue file, configuration or policy file
// differs from rev (nothing can be new, and nothing is linted); a commit
// that touches none of them costs a git diff.
func Since(opts Options, rev string) (b Baseline, unchanged bool, err error) {
	cfg := opts.Config
	top := gitrev.Top(cfg.Root)
	if top == "" {
		return nil, false, fmt.Errorf("--new-from-rev %s: %s is not in a git work tree", rev, cfg.Root)
	}
	root, err := filepath.EvalSymlinks(cfg.Root)
	if err != nil {
		return nil, false, err
	}
	sub, err := filepath.Rel(top, root)
	if err != nil || strings.HasPrefix(sub, "..") {
		return nil, false, fmt.Errorf("--new-from-rev %s: the catalogue root %s is outside the git work tree %s", rev, cfg.Root, top)
	}
	if !gitrev.Exists(top, rev) {
		if rev == "HEAD" {
			return Baseline{}, false, nil // the first commit: everything in it is new
		}
		return nil, false, fmt.Errorf("--new-from-rev %s: no such revision in %s", rev, top)
	}
	changed, err := gitrev.Changed(top, rev)
	if err != nil {
		return nil, false, err
	}
	if !touchesCatalogue(cfg, filepath.ToSlash(sub), changed) {
		return nil, true, nil
	}
	tmp, err := os.MkdirTemp("", "kpilint-rev-")
	if err != nil {
		return nil, false, err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	if err := gitrev.Extract(top, rev, filepath.ToSlash(sub), tmp); err != nil {
		return nil, false, err
	}
	oldRoot := filepath.Join(tmp, sub)
	if err := os.MkdirAll(oldRoot, 0o755); err != nil {
		return nil, false, err
	}
	oldCfg := config.Default(oldRoot)
	if cfg.Path != "" {
		if rel, err := filepath.Rel(cfg.Root, cfg.Path); err == nil && !strings.HasPrefix(rel, "..") {
			if c, err := config.Load(filepath.Join(oldRoot, rel), oldRoot); err == nil {
				oldCfg = c // a configuration that did not exist or was broken at rev: the defaults
			}
		}
	}
	old, err := Run(Options{Config: oldCfg, Paths: []string{oldRoot}, Today: opts.Today, Workers: opts.Workers, Compact: true})
	if err != nil {
		return nil, false, fmt.Errorf("lint the catalogue at %s: %w", rev, err)
	}
	b = Baseline{}
	for _, f := range old.Findings {
		b[f.Fingerprint()]++
	}
	return b, false, nil
}

// touchesCatalogue reports whether any changed file (relative to the work
// tree's top) is a catalogue file, the configuration or a policy file of
// the catalogue rooted at sub.
func touchesCatalogue(cfg *config.Config, sub string, changed []string) bool {
	for _, p := range changed {
		rel := p
		if sub != "." && sub != "" {
			var ok bool
			if rel, ok = strings.CutPrefix(p, sub+"/"); !ok {
				continue
			}
		}
		if cfg.Path != "" && filepath.Join(cfg.Root, filepath.FromSlash(rel)) == cfg.Path {
			return true
		}
		for _, g := range append(append([]string{}, cfg.Include...), cfg.Policy...) {
			if ok, _ := doublestar.Match(g, rel); ok {
				return true
			}
		}
	}
	return false
}

// Unchanged is the result of a run that had nothing to lint: nothing in
// the catalogue changed since rev.
func Unchanged(rev string) *Result {
	return &Result{Outline: &catalogue.Outline{Org: &catalogue.Org{}}, Summary: Summary{Score: 100},
		Notes: []string{fmt.Sprintf("no catalogue, configuration or policy file changed since %s: nothing to lint", rev)}}
}
