// Package atomicfile is the one way kpilint writes a file (a report, a
// baseline, a starter catalogue, the cache): readers never see half of one,
// and it writes only regular files. The content goes to a temporary file in
// the same directory, which is then renamed over the target.
//
// The path may come from a workflow (-o, --write-baseline) while what is
// at the path comes from a pull request, so Write refuses to replace
// anything but a regular file: not a device (as root, `-o /dev/null` would
// otherwise turn /dev/null into a report), not a FIFO or socket, and not a
// symbolic link (renaming over it would replace the link, and writing
// through it would write wherever it points). An existing file keeps its
// mode. The temporary file is removed if the process is interrupted
// (RemoveOnSignal).
package atomicfile

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
)

// Write writes data to path atomically, replacing the regular file there
// (keeping its mode) or creating one with mode 0644.
func Write(path string, data []byte) error { return WriteFunc(path, writeAll(data)) }

// WriteFunc is Write of what write writes, as it writes it: a report of a
// million KPIs goes to the temporary file without first being held whole
// in memory. If write fails, path is left as it was.
func WriteFunc(path string, write func(io.Writer) error) error {
	mode := fs.FileMode(0o644)
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("write %s: it is a symbolic link; kpilint does not write through one (name the file it points to)", path)
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("write %s: not a regular file (a device, pipe, socket or directory); kpilint writes only regular files", path)
	case err == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", path, err)
	}
	return place(path, write, mode, os.Rename)
}

func writeAll(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// Create writes a new file atomically and refuses to replace an existing
// one: the content is written to a temporary file and hard-linked into
// place, which fails if path exists.
func Create(path string, data []byte) error {
	return place(path, writeAll(data), 0o644, os.Link)
}

// place writes to a temporary file beside path with write, then puts it at
// path with move (a rename replaces, a hard link refuses to).
func place(path string, write func(io.Writer) error, mode fs.FileMode, move func(tmp, path string) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	pending.Store(tmp.Name(), true)
	defer func() {
		// After a rename the temporary name is gone and Remove fails
		// harmlessly; otherwise it cleans up.
		_ = os.Remove(tmp.Name())
		pending.Delete(tmp.Name())
	}()
	bw := bufio.NewWriter(tmp)
	if err := cmp.Or(write(bw), bw.Flush()); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := move(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// pending holds the temporary files being written.
var pending sync.Map

// RemoveOnSignal makes an interrupt or a termination remove the temporary
// files being written before the process exits (with 130, as a shell
// reports SIGINT). The command line calls it once.
func RemoveOnSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ch
		RemovePending()
		os.Exit(130)
	}()
}

// RemovePending removes the temporary files being written.
func RemovePending() {
	pending.Range(func(k, _ any) bool {
		_ = os.Remove(k.(string))
		return true
	})
}
