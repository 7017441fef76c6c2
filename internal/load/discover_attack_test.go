//go:build linux

package load_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"testing"

	"golang.org/x/sys/unix"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/load"
)

// A pull request can hold a directory nested past PATH_MAX: walking to it
// fails with "file name too long". That entry becomes a note; the rest of
// the catalogue is still found.
func TestDiscoverSkipsAPathTooLong(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "ok.kpi.yaml"), []byte("kpis: []\n"), 0o644))
	fd, err := syscall.Open(root, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	require.NoError(t, err)
	name := strings.Repeat("d", 250)
	for range 20 { // 20 × 251 bytes: past the 4096 of PATH_MAX
		require.NoError(t, syscall.Mkdirat(fd, name, 0o755))
		next, err := syscall.Openat(fd, name, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
		require.NoError(t, err)
		_ = syscall.Close(fd)
		fd = next
	}
	kpi, err := syscall.Openat(fd, "deep.kpi.yaml", syscall.O_CREAT|syscall.O_WRONLY, 0o644)
	require.NoError(t, err)
	_ = syscall.Close(kpi)
	_ = syscall.Close(fd)
	t.Cleanup(func() { removeDeep(root, name) })

	sel, err := load.Discover(root, []string{root}, []string{"**/*.kpi.yaml"}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"ok.kpi.yaml"}, sel.Files)
	require.NotEmpty(t, sel.Notes)
	assert.Contains(t, strings.Join(sel.Notes, "\n"), "file name too long, skipped")
}

// removeDeep removes the nested directories TempDir's cleanup cannot reach
// by path: each is opened relative to its parent.
func removeDeep(root, name string) {
	fd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		return
	}
	fds := []int{fd}
	for {
		next, err := unix.Openat(fds[len(fds)-1], name, unix.O_RDONLY|unix.O_DIRECTORY, 0)
		if err != nil {
			break
		}
		fds = append(fds, next)
	}
	_ = unix.Unlinkat(fds[len(fds)-1], "deep.kpi.yaml", 0)
	for i := len(fds) - 1; i > 0; i-- {
		_ = unix.Close(fds[i])
		_ = unix.Unlinkat(fds[i-1], name, unix.AT_REMOVEDIR)
	}
	_ = unix.Close(fds[0])
}
