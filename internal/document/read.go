package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/kpilint/kpilint/internal/i18n"
)

// ReadFile reads a catalogue file (rel to root) the safe way: see open.
// Every reader of catalogue files goes through it.
func ReadFile(root, rel string, lim Limits) ([]byte, *ParseError) {
	return (*Arena)(nil).ReadFile(root, rel, lim)
}

// ReadFile is document.ReadFile into the arena's buffer (when a is not
// nil): the bytes are the arena's until Reset.
func (a *Arena) ReadFile(root, rel string, lim Limits) ([]byte, *ParseError) {
	var buf []byte
	if a != nil {
		buf = a.buf
	}
	data, err := read(filepath.Join(root, filepath.FromSlash(rel)), lim.MaxFileBytes, buf)
	if err != nil {
		return nil, &ParseError{Pos: posStart, Msg: err.msg}
	}
	if a != nil && cap(data) <= maxKeptBuffer {
		a.buf = data[:0]
	}
	return data, nil
}

// readError is why a file was not read, in words a report translates.
type readError struct{ msg i18n.Message }

func (e *readError) Error() string { return e.msg.String() }

func readErr(format string, args ...any) *readError {
	return &readError{i18n.Msg(format, args...)}
}

// ErrOutside is the error of ReadInside for a path that leads outside the
// boundary: the file is not read.
var ErrOutside = errors.New("outside the repository (symbolic links resolved): kpilint does not read it")

// ReadInside reads the file at path — a policy file, a baseline, a
// discovered configuration: paths a pull request controls — only if, its
// symbolic links resolved, it lies inside base (the repository, or the
// catalogue root outside git). Errors name the path, never the content.
func ReadInside(base, path string, maxBytes int64) ([]byte, error) {
	if err := Inside(base, path); err != nil {
		return nil, err
	}
	data, rerr := read(path, maxBytes, nil)
	if rerr != nil {
		return nil, fmt.Errorf("%s: %w", path, rerr)
	}
	return data, nil
}

// Inside checks that path, its symbolic links resolved, lies inside base.
func Inside(base, path string) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s: %w", path, pe.Err)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	if b, err := filepath.EvalSymlinks(base); err == nil {
		base = b
	}
	rel, err := filepath.Rel(base, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s: %w", path, ErrOutside)
	}
	return nil
}

// read is the one way kpilint reads a file it did not write: it opens the
// file without blocking (a FIFO would block forever), reads only a regular
// file (not a device such as /dev/zero, a socket or a directory), checks
// the size on the open file, and reads at most maxBytes even if the file
// grows meanwhile.
func read(path string, maxBytes int64, buf []byte) ([]byte, *readError) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, readErr("cannot read file: %s", Truncate(err.Error(), maxMessage))
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil {
		return nil, readErr("cannot read file: %s", Truncate(err.Error(), maxMessage))
	}
	if !fi.Mode().IsRegular() {
		return nil, readErr("not a regular file (a pipe, device, socket or directory); kpilint does not read it")
	}
	if fi.Size() > maxBytes {
		return nil, readErr("file is %d bytes, more than the limit of %d; kpilint does not read it", fi.Size(), maxBytes)
	}
	// One buffer of the size the file says it has (and a byte more, to
	// see it grow): io.ReadAll's doubling allocated five times the file.
	if int64(cap(buf)) < fi.Size()+bytes.MinRead {
		buf = make([]byte, 0, fi.Size()+bytes.MinRead)
	}
	b := bytes.NewBuffer(buf[:0])
	_, err = b.ReadFrom(io.LimitReader(f, maxBytes+1))
	data := b.Bytes()
	if err != nil {
		return nil, readErr("cannot read file: %s", Truncate(err.Error(), maxMessage))
	}
	if int64(len(data)) > maxBytes {
		return nil, readErr("file grew past the limit of %d bytes while read; kpilint does not read it", maxBytes)
	}
	return data, nil
}
