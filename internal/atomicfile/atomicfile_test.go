package atomicfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Write replaces a regular file and keeps its mode; it creates a new one
// with 0644; it refuses a symbolic link, a device and a FIFO, leaving them
// as they were; no temporary file is left behind.
func TestWriteOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	private := filepath.Join(dir, "private.json")
	require.NoError(t, os.WriteFile(private, []byte("old"), 0o600))
	require.NoError(t, Write(private, []byte("new")))
	fi, err := os.Stat(private)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "the mode is kept")
	data, _ := os.ReadFile(private)
	assert.Equal(t, "new", string(data))

	fresh := filepath.Join(dir, "fresh.json")
	require.NoError(t, Write(fresh, []byte("x")))
	fi, err = os.Stat(fresh)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())

	target := filepath.Join(dir, "target")
	require.NoError(t, os.WriteFile(target, []byte("keep"), 0o644))
	link := filepath.Join(dir, "link.sarif")
	require.NoError(t, os.Symlink(target, link))
	assert.ErrorContains(t, Write(link, []byte("x")), "symbolic link")
	data, _ = os.ReadFile(target)
	assert.Equal(t, "keep", string(data))
	li, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, li.Mode()&os.ModeSymlink, "the link is still a link")

	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	assert.ErrorContains(t, Write(fifo, []byte("x")), "not a regular file")

	if _, err := os.Stat("/dev/null"); err == nil {
		assert.ErrorContains(t, Write("/dev/null", []byte("x")), "not a regular file")
		fi, err := os.Stat("/dev/null")
		require.NoError(t, err)
		assert.Zero(t, fi.Mode()&os.ModeType^os.ModeDevice^os.ModeCharDevice, "/dev/null is still a device")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".tmp", "no temporary file is left")
	}
}

// An interrupt while a file is written removes the temporary file.
func TestRemovePending(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, ".report.html.123.tmp")
	require.NoError(t, os.WriteFile(tmp, []byte("half"), 0o600))
	pending.Store(tmp, true)
	RemovePending()
	pending.Delete(tmp)
	_, err := os.Stat(tmp)
	assert.True(t, os.IsNotExist(err))
}

// A SIGTERM while a file is written (here: a temporary file registered as
// pending) removes it, and the process exits 130. The test runs itself as
// the process that is signalled.
func TestRemoveOnSignal(t *testing.T) {
	if tmp := os.Getenv("ATOMICFILE_SIGNAL_TMP"); tmp != "" {
		RemoveOnSignal()
		pending.Store(tmp, true)
		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
		select {} // the handler exits
	}
	tmp := filepath.Join(t.TempDir(), ".report.html.1.tmp")
	require.NoError(t, os.WriteFile(tmp, []byte("half"), 0o600))
	cmd := exec.Command(os.Args[0], "-test.run=^TestRemoveOnSignal$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_SIGNAL_TMP="+tmp)
	err := cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 130, exit.ExitCode())
	_, err = os.Stat(tmp)
	assert.True(t, os.IsNotExist(err), "the temporary file is removed")
}

// WriteFunc streams into the temporary file: what a failing writer wrote
// before it failed never reaches the path, and no temporary file stays.
func TestWriteFuncLeavesThePathOnFailure(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	require.NoError(t, os.WriteFile(report, []byte("old"), 0o644))
	failed := errors.New("the renderer failed")
	err := WriteFunc(report, func(w io.Writer) error {
		_, _ = io.WriteString(w, strings.Repeat("half a report ", 1<<14)) // past the buffer: on disk already
		return failed
	})
	require.ErrorIs(t, err, failed)
	data, _ := os.ReadFile(report)
	assert.Equal(t, "old", string(data))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left")

	require.NoError(t, WriteFunc(report, func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Repeat("x", 1<<16+1))
		return err
	}))
	data, _ = os.ReadFile(report)
	assert.Len(t, data, 1<<16+1, "all of it, the buffer flushed")
}
