package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/gitrev"
	"github.com/kpilint/kpilint/internal/load"
)

// narrowGates lets a gate compare only what changed when that is enough;
// a test turns it off to check that the narrow comparison finds what the
// whole one does.
var narrowGates = true

// Gate is how a run compares the catalogue now with the catalogue at a
// git revision (Since).
type Gate struct {
	// Baseline holds the fingerprints of the findings at the revision: a
	// run with it reports only what is new.
	Baseline Baseline
	// Unchanged: no catalogue file, configuration or policy file differs
	// from the revision, so nothing can be new and nothing need be linted.
	Unchanged bool
	// Files, when Narrow, are the changed catalogue files that exist now
	// (absolute): linting them, with Options.CatalogueWide, is enough.
	Narrow bool
	Files  []string
	// Untracked are the catalogue files git does not track (relative to
	// the root), left out of the comparison when asked (TrackedOnly): the
	// run now must leave them out too (see ExcludeFiles).
	Untracked []string
}

// GateOptions say how Since compares.
type GateOptions struct {
	// TrackedOnly leaves out the files git does not track: the
	// pre-commit hook's case, where an untracked draft is not part of the
	// commit (pre-commit stashes the unstaged changes of tracked files, so
	// the rest of the work tree is what is staged).
	TrackedOnly bool
}

// Since compares the catalogue now with the catalogue at git revision rev
// (docs/output.md, "Gates"): linting with the Gate's baseline reports only
// the findings that are new since rev, wherever in the catalogue they are
// — a goal deleted in one file breaks a reference in another. The
// catalogue at rev is linted with its own configuration, so a change of
// kpilint.yaml or of a policy file counts as a change.
//
// When the change leaves the configuration, the policy files and every
// unit and goal as they were, a KPI in an unchanged file has the findings
// it had: the comparison is then narrow, linting only the changed files
// (the rest is context, from the cache) plus the catalogue-wide rules on
// both sides. Otherwise both whole catalogues are linted.
func Since(opts Options, rev string, gopts GateOptions) (*Gate, error) {
	if err := gitrev.ValidRev(rev); err != nil {
		return nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	cfg := opts.Config
	top, sub, err := locate(cfg, "--new-from-rev "+rev)
	if err != nil {
		return nil, err
	}
	if !gitrev.Exists(top, rev) {
		if rev == "HEAD" {
			return &Gate{Baseline: Baseline{}}, nil // the first commit: everything in it is new
		}
		return nil, fmt.Errorf("--new-from-rev %s: no such revision in %s", rev, top)
	}
	changed, untracked, err := gitrev.Changed(top, rev)
	if err != nil {
		return nil, err
	}
	var left []string
	if gopts.TrackedOnly {
		left, _ = touched(cfg, sub, untracked)
		changed = slices.DeleteFunc(changed, func(p string) bool { return slices.Contains(untracked, p) })
	}
	files, whole := touched(cfg, sub, changed)
	if len(files) == 0 && !whole {
		return &Gate{Unchanged: true}, nil
	}
	tmp, err := os.MkdirTemp("", "kpilint-rev-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	old, err := atRevision(opts, top, sub, rev, tmp)
	if err != nil {
		return nil, err
	}
	oldRoot := old.Config.Root
	g := &Gate{Baseline: Baseline{}, Untracked: left}
	var oldPaths []string
	if !whole && narrowGates {
		g.Narrow = true
		for _, rel := range files {
			for side, dir := range []string{oldRoot, cfg.Root} {
				p := filepath.Join(dir, filepath.FromSlash(rel))
				data, perr := document.ReadFile(dir, rel, cfg.Limits)
				if perr != nil {
					if _, err := os.Stat(p); err == nil {
						g.Narrow = false // unreadable: it may declare anything
					}
					continue
				}
				if document.ForName(rel).MayDeclare(data, "units", "goals") {
					g.Narrow = false
				}
				if side == 0 {
					oldPaths = append(oldPaths, p)
				} else {
					g.Files = append(g.Files, p)
				}
			}
		}
	}
	if g.Narrow {
		old.Paths, old.CatalogueWide, old.CacheDir = oldPaths, true, opts.CacheDir
	} else {
		g.Files = nil
	}
	res, err := Run(old)
	if err != nil {
		return nil, fmt.Errorf("lint the catalogue at %s: %w", rev, err)
	}
	for _, f := range res.Findings {
		g.Baseline[f.Fingerprint()]++
	}
	return g, nil
}

// locate finds the git work tree's top and the catalogue root's path
// inside it (slash-separated); what names the caller in errors.
func locate(cfg *config.Config, what string) (top, sub string, err error) {
	top = gitrev.Top(cfg.Root)
	if top == "" {
		return "", "", fmt.Errorf("%s: %s is not in a git work tree", what, cfg.Root)
	}
	root, err := filepath.EvalSymlinks(cfg.Root)
	if err != nil {
		return "", "", err
	}
	sub, err = filepath.Rel(top, root)
	if err != nil || strings.HasPrefix(sub, "..") {
		return "", "", fmt.Errorf("%s: the catalogue root %s is outside the git work tree %s", what, cfg.Root, top)
	}
	return top, filepath.ToSlash(sub), nil
}

// atRevision extracts the catalogue rooted at sub as it was at rev into
// tmp, and returns the options that lint it whole with its configuration
// then (the defaults where it had none, or a broken one).
func atRevision(opts Options, top, sub, rev, tmp string) (Options, error) {
	if err := gitrev.Extract(top, rev, sub, tmp); err != nil {
		return Options{}, err
	}
	oldRoot := filepath.Join(tmp, filepath.FromSlash(sub))
	if err := os.MkdirAll(oldRoot, 0o755); err != nil {
		return Options{}, err
	}
	cfg := opts.Config
	old := Options{Config: config.Default(oldRoot), Paths: []string{oldRoot}, Today: opts.Today, Workers: opts.Workers, Compact: true, KeepScores: opts.KeepScores}
	if cfg.Path != "" {
		if rel, err := filepath.Rel(cfg.Root, cfg.Path); err == nil && !strings.HasPrefix(rel, "..") {
			if c, err := config.Load(filepath.Join(oldRoot, rel), oldRoot); err == nil {
				old.Config = c // a configuration that did not exist or was broken at rev: the defaults
			}
		}
	}
	return old, nil
}

// Revision is one commit of the catalogue's history.
type Revision = gitrev.Commit

// History lints the catalogue as it was at each of the last n commits
// that touched it, newest first, and hands each result to each (read-only:
// each commit is extracted with git archive into a temporary directory,
// removed before the next). Each is linted with its configuration then.
func History(opts Options, n int, each func(Revision, *Result)) error {
	top, sub, err := locate(opts.Config, "--history")
	if err != nil {
		return err
	}
	commits, err := gitrev.Log(top, sub, n)
	if err != nil {
		return err
	}
	for _, c := range commits {
		tmp, err := os.MkdirTemp("", "kpilint-history-")
		if err != nil {
			return err
		}
		old, err := atRevision(opts, top, sub, c.Hash, tmp)
		var res *Result
		if err == nil {
			res, err = Run(old)
		}
		_ = os.RemoveAll(tmp)
		if err != nil {
			return fmt.Errorf("--history: lint the catalogue at %s: %w", c.Short(), err)
		}
		each(c, res)
	}
	return nil
}

// ExcludeFiles is cfg with the files rel (relative to the root) excluded
// as well: the run a gate compares leaves out what the gate left out.
func ExcludeFiles(cfg *config.Config, rel []string) *config.Config {
	if len(rel) == 0 {
		return cfg
	}
	out := *cfg
	out.Exclude = slices.Clone(cfg.Exclude)
	quote := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`, `]`, `\]`, `{`, `\{`, `}`, `\}`)
	for _, r := range rel {
		out.Exclude = append(out.Exclude, quote.Replace(r))
	}
	return &out
}

// touched sorts the changed files (relative to the work tree's top) of
// the catalogue rooted at sub: the catalogue files among them (relative
// to the root), and whether the configuration or a policy file changed,
// which calls for comparing the whole catalogues.
func touched(cfg *config.Config, sub string, changed []string) (files []string, whole bool) {
	for _, p := range changed {
		rel := p
		if sub != "." && sub != "" {
			var ok bool
			if rel, ok = strings.CutPrefix(p, sub+"/"); !ok {
				continue
			}
		}
		if cfg.Path != "" && filepath.Join(cfg.Root, filepath.FromSlash(rel)) == cfg.Path {
			whole = true // .kpilint.yaml included
			continue
		}
		if matchAny(cfg.Policy, rel) {
			whole = true
			continue
		}
		if load.Selected(cfg.Include, cfg.Exclude, rel) {
			files = append(files, rel)
		}
	}
	return files, whole
}

func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
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
