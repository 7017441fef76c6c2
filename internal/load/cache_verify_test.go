package load

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/tree"
)

// A cache entry is used only if it was stored under its key and its
// positions point at the keys in the file as it is: an entry planted by
// someone else (the cache directory can be shared, as in CI), or stale,
// is a miss, and the file is parsed.
func TestCacheEntriesAreVerified(t *testing.T) {
	c := OpenCache(t.TempDir())
	require.NotNil(t, c)
	source := []byte("kpis:\n  - id: real\n    name: Real\n")
	key := c.key("yaml", source)
	ref := catalogue.RefRecord{ID: "real", FirstKey: "id", First: tree.Pos{Line: 2, Col: 5}, IDAt: tree.Pos{Line: 2, Col: 5}}
	c.put(key, &catalogue.File{Path: "a.kpi.yaml"}, catalogue.RefsOf(&catalogue.File{}, []catalogue.RefRecord{ref}))
	_, refs, ok := c.get("a.kpi.yaml", key, source)
	require.True(t, ok, "a genuine entry is a hit")
	assert.Equal(t, "real", refs[0].ID())
	assert.Equal(t, 2, refs[0].At("id").Line)

	plant := func(e cachedFile) {
		data, err := json.Marshal(e)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(c.path(key), data, 0o644))
	}
	plant(cachedFile{Key: "another", KPIs: []catalogue.RefRecord{ref}})
	_, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok, "stored under another key")

	forged := catalogue.RefRecord{ID: "forged", FirstKey: "id", First: tree.Pos{Line: 3, Col: 5}}
	plant(cachedFile{Key: key, KPIs: []catalogue.RefRecord{forged}})
	_, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok, "a position that does not hold its key")

	plant(cachedFile{Key: key, KPIs: []catalogue.RefRecord{{ID: "x", FirstKey: "id", First: tree.Pos{Line: 99, Col: 1}}}})
	_, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok, "a line past the end")

	require.NoError(t, os.WriteFile(c.path(key), []byte("{not json"), 0o644))
	_, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok)
}

// Another build of kpilint (another version, revision or executable)
// keys its entries differently.
func TestCacheIsKeyedByBuild(t *testing.T) {
	assert.NotEmpty(t, buildIdentity())
	dir := t.TempDir()
	a := OpenCache(dir)
	b := &Cache{dir: dir, salt: []byte("another build")}
	assert.NotEqual(t, a.key("yaml", []byte("x")), b.key("yaml", []byte("x")))
}
