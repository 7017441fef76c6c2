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
	ref := &catalogue.KPIRef{ID: "real", Keys: []catalogue.KeyPos{{Key: "id", Pos: tree.Pos{Line: 2, Col: 5}}}}
	c.put(key, &catalogue.File{Path: "a.kpi.yaml"}, []*catalogue.KPIRef{ref})
	_, refs, ok := c.get("a.kpi.yaml", key, source)
	require.True(t, ok, "a genuine entry is a hit")
	assert.Equal(t, "real", refs[0].ID)

	plant := func(e cachedFile) {
		data, err := json.Marshal(e)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(c.path(key), data, 0o644))
	}
	plant(cachedFile{Key: "another", KPIs: []*catalogue.KPIRef{ref}})
	_, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok, "stored under another key")

	forged := &catalogue.KPIRef{ID: "forged", Keys: []catalogue.KeyPos{{Key: "id", Pos: tree.Pos{Line: 3, Col: 5}}}}
	plant(cachedFile{Key: key, KPIs: []*catalogue.KPIRef{forged}})
	_, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok, "a position that does not hold its key")

	plant(cachedFile{Key: key, KPIs: []*catalogue.KPIRef{{ID: "x", Keys: []catalogue.KeyPos{{Key: "id", Pos: tree.Pos{Line: 99, Col: 1}}}}}})
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
