// Package gitrev reads what kpilint needs from git: the top of the work
// tree, the files changed since a revision, and a revision's files, so
// that `lint --new-from-rev` can lint the catalogue as it was and report
// only what is new. It runs the git command line, read-only.
package gitrev

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// MaxArchiveBytes bounds what Extract writes: a revision's catalogue is
// read under the same kind of budget as the working tree's.
const MaxArchiveBytes = 1 << 30

// Top is the top of the git work tree that holds dir, or "" outside one.
func Top(dir string) string {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(out)
}

// ValidRev checks that rev can only be read as a revision: git would take
// "--output=FILE" as an option, so a revision may not start with "-", nor
// hold a control character.
func ValidRev(rev string) error {
	if rev == "" || strings.HasPrefix(rev, "-") || strings.ContainsFunc(rev, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("%q is not a git revision", rev)
	}
	return nil
}

// Exists reports whether rev names a commit in the repository at top.
func Exists(top, rev string) bool {
	_, err := git(top, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	return err == nil
}

// Changed lists the files (relative to top, forward slashes) that differ
// between rev and the working tree, staged or not, deleted or renamed
// included, and the files git does not track yet (also returned apart).
func Changed(top, rev string) (changed, untracked []string, err error) {
	diff, err := git(top, "diff", "--name-only", "--no-renames", rev, "--")
	if err != nil {
		return nil, nil, err
	}
	others, err := git(top, "ls-files", "--others", "--exclude-standard")
	if err != nil {
		return nil, nil, err
	}
	changed, untracked = lines(diff), lines(others)
	return append(changed, untracked...), untracked, nil
}

// Commit is one commit of a history.
type Commit struct {
	Hash    string `json:"commit"`
	Date    string `json:"date"`    // the committer date, YYYY-MM-DD
	Subject string `json:"subject"` // the message's first line, as written
}

// Short is the commit's abbreviated hash.
func (c Commit) Short() string { return c.Hash[:min(len(c.Hash), 10)] }

// Log lists the last n commits reachable from HEAD that touched the files
// under sub (relative to top; "" or "." for all), newest first.
func Log(top, sub string, n int) ([]Commit, error) {
	args := []string{"log", fmt.Sprintf("-n%d", n), "--format=%H%x1f%cs%x1f%s", "HEAD", "--"}
	if sub != "" && sub != "." {
		args = append(args, sub)
	}
	out, err := git(top, args...)
	if err != nil {
		return nil, err
	}
	var commits []Commit
	for _, l := range lines(out) {
		if parts := strings.SplitN(l, "\x1f", 3); len(parts) == 3 {
			commits = append(commits, Commit{Hash: parts[0], Date: parts[1], Subject: parts[2]})
		}
	}
	return commits, nil
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Extract writes the files under sub (relative to top; "" for all) as they
// are at rev into dest. Only regular files are written, each inside dest.
func Extract(top, rev, sub, dest string) error {
	args := []string{"archive", "--format=tar", rev}
	if sub != "" && sub != "." {
		args = append(args, "--", sub)
	}
	cmd, stderr := command(top, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git archive %s: %w", rev, err)
	}
	extractErr := untar(stdout, dest)
	_, _ = io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		if strings.Contains(stderr.String(), "did not match any files") {
			return nil // the catalogue did not exist at rev
		}
		return fmt.Errorf("git archive %s: %s", rev, strings.TrimSpace(stderr.String()))
	}
	return extractErr
}

func untar(r io.Reader, dest string) error {
	tr := tar.NewReader(r)
	var written int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := path.Clean(h.Name)
		if path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") {
			continue
		}
		if written += h.Size; written > MaxArchiveBytes {
			return fmt.Errorf("the revision's catalogue is larger than %d bytes", int64(MaxArchiveBytes))
		}
		p := filepath.Join(dest, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, io.LimitReader(tr, h.Size))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}

// command is git with args, run in dir, its standard error kept.
func command(dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command("git", args...) //nolint:gosec // no shell; fixed verbs, and a revision ValidRev accepted
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd, &stderr
}

func git(dir string, args ...string) (string, error) {
	cmd, stderr := command(dir, args...)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
