package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/kpilint/kpilint/internal/document"
)

// Selection is which files to load and which of them to report on.
type Selection struct {
	// Files are every catalogue file under the root plus the named files,
	// relative to the root with forward slashes, sorted.
	Files []string
	// Reported holds the files findings may be reported for.
	Reported map[string]bool
	Notes    []string
}

// UsageError is a problem with what the user asked for (exit code 2).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Discover walks root for catalogue files and resolves the named paths
// (relative to the working directory). Hidden directories and exclude globs
// are skipped; symbolic links are followed only to files inside the root.
func Discover(root string, paths, include, exclude []string) (*Selection, error) {
	if len(include) == 0 {
		include = document.DefaultInclude()
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if r, err := filepath.EvalSymlinks(absRoot); err == nil {
		absRoot = r
	}
	sel := &Selection{Reported: map[string]bool{}}
	all := map[string]bool{}
	w := walker{root: absRoot, include: include, exclude: exclude, sel: sel}
	if err := w.walk(absRoot, func(rel string) { all[rel] = true }); err != nil {
		return nil, err
	}
	for _, p := range paths {
		named := []string{p}
		if _, err := os.Lstat(p); err != nil && strings.ContainsAny(p, "*?[{") {
			// A glob the shell did not expand (quoted, or on Windows).
			matches, gerr := doublestar.FilepathGlob(p)
			if gerr != nil || len(matches) == 0 {
				return nil, &UsageError{fmt.Errorf("%s: no file matches", p)}
			}
			named = matches
		}
		for _, p := range named {
			if err := w.named(p, all); err != nil {
				return nil, err
			}
		}
	}
	for f := range all {
		sel.Files = append(sel.Files, f)
	}
	slices.Sort(sel.Files)
	return sel, nil
}

// named adds a path given on the command line: a folder is walked, a file
// is reported whatever its name — unless exclude covers it, which is said
// in a note (pre-commit and editors pass every file explicitly).
func (w *walker) named(p string, all map[string]bool) error {
	abs, err := filepath.Abs(p)
	if err != nil {
		return &UsageError{err}
	}
	shown := p
	if r, err := w.rel(abs); err == nil {
		shown = r // as the root sees it, before links are followed
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return &UsageError{fmt.Errorf("%s: no such file or directory", p)}
	}
	rel, err := w.rel(abs)
	if err != nil {
		return &UsageError{err}
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		// Named, as a walked link would be: a path from a pull request
		// (pre-commit, the Action's paths) may lead anywhere the runner
		// can read. It is not read, and its content never shown.
		w.sel.Notes = append(w.sel.Notes, fmt.Sprintf("%q is outside the catalogue root (symbolic links included), not read", shown))
		return nil
	}
	if fi.IsDir() {
		return w.walk(abs, func(rel string) { all[rel], w.sel.Reported[rel] = true, true })
	}
	if w.excludedPath(rel) {
		w.sel.Notes = append(w.sel.Notes, fmt.Sprintf("%s is excluded by the configuration (exclude), skipped", rel))
		return nil
	}
	all[rel], w.sel.Reported[rel] = true, true
	return nil
}

// excludedPath reports whether rel, or a folder above it, is excluded.
func (w *walker) excludedPath(rel string) bool {
	if w.excluded(rel, false) {
		return true
	}
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if w.excluded(dir, true) {
			return true
		}
	}
	return false
}

// Selected reports whether walking the catalogue root selects the file rel
// (relative to the root, forward slashes): in no hidden folder, included,
// and not excluded, itself or through a folder above it.
func Selected(include, exclude []string, rel string) bool {
	if len(include) == 0 {
		include = document.DefaultInclude()
	}
	dirs := strings.Split(rel, "/")
	for _, d := range dirs[:len(dirs)-1] {
		if strings.HasPrefix(d, ".") {
			return false
		}
	}
	w := walker{include: include, exclude: exclude}
	return w.included(rel) && !w.excludedPath(rel)
}

type walker struct {
	root             string
	include, exclude []string
	sel              *Selection
}

func (w *walker) rel(abs string) (string, error) {
	rel, err := filepath.Rel(w.root, abs)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

func (w *walker) excluded(rel string, dir bool) bool {
	for _, g := range w.exclude {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(g, rel+"/"); dir && ok {
			return true
		}
	}
	return false
}

func (w *walker) included(rel string) bool {
	for _, g := range w.include {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
	}
	return false
}

func (w *walker) walk(dir string, add func(rel string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, rerr := w.rel(p)
		if rerr != nil {
			return rerr
		}
		if err != nil {
			if p == dir {
				return err // the root itself
			}
			// One entry that cannot be read (permission, a path too long,
			// a name the file system refuses) is a note; the rest of the
			// catalogue is still linted.
			var pe *fs.PathError
			reason := err
			if errors.As(err, &pe) {
				reason = pe.Err
			}
			w.sel.Notes = append(w.sel.Notes, fmt.Sprintf("%s: %v, skipped", rel, reason))
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(d.Name(), ".") || w.excluded(rel, true)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !w.included(rel) || w.excluded(rel, false) {
			return nil
		}
		if d.Type()&fs.ModeSymlink == 0 && !d.Type().IsRegular() {
			w.sel.Notes = append(w.sel.Notes, fmt.Sprintf("%s: not a regular file, skipped", rel))
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if note, ok := w.followable(p, rel); !ok {
				if note != "" {
					w.sel.Notes = append(w.sel.Notes, note)
				}
				return nil
			}
		}
		add(rel)
		return nil
	})
}

// followable reports whether a symbolic link leads to a regular file inside
// the root; if not, the note says why it was skipped.
func (w *walker) followable(p, rel string) (note string, ok bool) {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return fmt.Sprintf("%s: broken or looping symbolic link, skipped", rel), false
	}
	if t, err := w.rel(target); err != nil || strings.HasPrefix(t, "../") || t == ".." {
		return fmt.Sprintf("%s: symbolic link points outside the catalogue root, not followed", rel), false
	}
	fi, err := os.Stat(target)
	if err != nil || !fi.Mode().IsRegular() {
		return fmt.Sprintf("%s: symbolic link to something other than a regular file, skipped", rel), false
	}
	return "", true
}

// Add selects a file that need not exist on disk (its content comes from
// elsewhere) and reports on it. It returns the file's path relative to root.
func (sel *Selection) Add(root, path string) (string, error) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(absRoot); err == nil {
		absRoot = r
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", &UsageError{err}
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(r, filepath.Base(abs))
	}
	rel, err := filepath.Rel(absRoot, abs)
	if err != nil {
		return "", &UsageError{err}
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", &UsageError{fmt.Errorf("%s is outside the catalogue root %s (symbolic links resolved)", path, absRoot)}
	}
	if !slices.Contains(sel.Files, rel) {
		sel.Files = append(sel.Files, rel)
		slices.Sort(sel.Files)
	}
	sel.Reported = map[string]bool{rel: true}
	return rel, nil
}
