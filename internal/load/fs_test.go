package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/kpilint/kpilint/internal/document"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func TestFileSystemHazards(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.kpi.yaml"), "kpis: []\n")
	root := t.TempDir()
	write(t, filepath.Join(root, "ok.kpi.yaml"), "kpis: []\n")
	write(t, filepath.Join(root, ".hidden", "skipped.kpi.yaml"), "kpis: [\n")
	write(t, filepath.Join(root, "archive", "old.kpi.yaml"), "kpis: [\n")
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.kpi.yaml"), filepath.Join(root, "escape.kpi.yaml")))
	require.NoError(t, os.Symlink(filepath.Join(root, "loop-b.kpi.yaml"), filepath.Join(root, "loop-a.kpi.yaml")))
	require.NoError(t, os.Symlink(filepath.Join(root, "loop-a.kpi.yaml"), filepath.Join(root, "loop-b.kpi.yaml")))
	require.NoError(t, os.Symlink(filepath.Join(root, "ok.kpi.yaml"), filepath.Join(root, "inside.kpi.yaml")))
	require.NoError(t, os.Symlink(root, filepath.Join(root, "dir-loop")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(root, "pipe.kpi.yaml"), 0o644))

	sel, err := Discover(root, []string{root}, nil, []string{"archive/**"})
	require.NoError(t, err)
	assert.Equal(t, []string{"inside.kpi.yaml", "ok.kpi.yaml"}, sel.Files)
	notes := strings.Join(sel.Notes, "\n")
	assert.Contains(t, notes, "escape.kpi.yaml: symbolic link points outside the catalogue root, not followed")
	assert.Contains(t, notes, "loop-a.kpi.yaml: broken or looping symbolic link, skipped")
	assert.Contains(t, notes, "pipe.kpi.yaml: not a regular file, skipped")

	// A pipe named on the command line is reported, never read (reading
	// would block forever).
	res := Files([]string{"pipe.kpi.yaml"}, Options{Root: root, Limits: document.DefaultLimits, Workers: 1})
	require.Len(t, res.Findings, 1)
	assert.Contains(t, res.Findings[0].Message.String(), "not a regular file")

	_, err = Discover(root, []string{filepath.Join(root, "missing.kpi.yaml")}, nil, nil)
	var usage *UsageError
	require.ErrorAs(t, err, &usage)
	assert.Contains(t, err.Error(), "missing.kpi.yaml: no such file or directory")

	res = Files([]string{"vanished.kpi.yaml"}, Options{Root: root, Limits: document.DefaultLimits, Workers: 1})
	require.Len(t, res.Findings, 1)
	assert.Contains(t, res.Findings[0].Message.String(), "cannot read file")
}

// A file over the size limit is reported from its size alone: kpilint
// never reads it.
func TestOversizedFileIsNotRead(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "huge.kpi.yaml")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(50<<20))
	require.NoError(t, f.Close())
	var res *Result
	bytes := allocated(func() {
		res = Files([]string{"huge.kpi.yaml"}, Options{Root: root, Limits: document.DefaultLimits, Workers: 1})
	})
	assert.Less(t, bytes, uint64(1<<20))
	require.Len(t, res.Findings, 1)
	assert.Contains(t, res.Findings[0].Message.String(), "52428800 bytes, more than the limit of 8388608")
}

func TestTenThousandFilesInOneDirectory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files")
	}
	root := t.TempDir()
	for i := range 10_000 {
		write(t, filepath.Join(root, "many", fmt.Sprintf("k%05d.kpi.yaml", i)),
			fmt.Sprintf("kpis:\n  - {id: k%d, name: K, scope: acme}\n", i))
	}
	sel, err := Discover(root, []string{root}, nil, nil)
	require.NoError(t, err)
	require.Len(t, sel.Files, 10_000)
	res := Files(sel.Files, Options{Root: root, Limits: document.DefaultLimits, Workers: 2})
	assert.Empty(t, res.Findings)
	assert.Len(t, res.Catalogue.KPIs, 10_000)
	assert.Equal(t, "k0", res.Catalogue.KPIs[0].ID)
}
