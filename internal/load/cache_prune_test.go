package load_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/load"
)

// The cache is bounded: over the bound, the least recently used entries go
// first, down to three quarters of it.
func TestPruneCacheEvictsLeastRecentlyUsed(t *testing.T) {
	dir := t.TempDir()
	base := time.Now().Add(-time.Hour)
	for i := range 10 {
		p := filepath.Join(dir, "ab", string(rune('a'+i))+load.CacheEntryExt)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(strings.Repeat("x", 100)), 0o644))
		used := base.Add(time.Duration(i) * time.Minute) // a is the oldest
		require.NoError(t, os.Chtimes(p, used, used))
	}
	require.Zero(t, load.PruneCache(dir, 1000), "at the bound: nothing to do")
	require.Equal(t, 4, load.PruneCache(dir, 900), "1000 bytes over a bound of 900: down to 675 at most")
	bytes, entries := load.CacheSize(dir)
	require.Equal(t, int64(600), bytes)
	require.Equal(t, 6, entries)
	for _, gone := range []string{"a", "b", "c", "d"} {
		require.NoFileExists(t, filepath.Join(dir, "ab", gone+load.CacheEntryExt))
	}
	require.FileExists(t, filepath.Join(dir, "ab", "e"+load.CacheEntryExt))
}
