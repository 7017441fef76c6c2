package load

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/tree"
)

// A cache entry is used only if it was stored under its key and its
// positions point at the keys in the file as it is: an entry planted by
// someone else (the cache directory can be shared, as in CI), or stale,
// is a miss, and the file is parsed.
func TestCacheEntriesAreVerified(t *testing.T) {
	c := OpenCache(t.TempDir(), document.DefaultLimits)
	require.NotNil(t, c)
	source := []byte("kpis:\n  - id: real\n    name: Real\n")
	key := c.key("yaml", source)
	ref := catalogue.RefRecord{ID: "real", FirstKey: "id", First: tree.Pos{Line: 2, Col: 5}, IDAt: tree.Pos{Line: 2, Col: 5}}
	c.put(key, &catalogue.File{Path: "a.kpi.yaml"}, catalogue.RefsOf(&catalogue.File{}, []catalogue.RefRecord{ref}))
	_, refs, _, ok := c.get("a.kpi.yaml", key, source)
	require.True(t, ok, "a genuine entry is a hit")
	assert.Equal(t, "real", refs.At(0).ID())
	assert.Equal(t, 2, refs.At(0).At("id").Line)

	plant := func(e cachedFile) {
		require.NoError(t, os.WriteFile(c.path(key), encodeEntry(e), 0o644))
	}
	plant(cachedFile{Key: "another", KPIs: []catalogue.RefRecord{ref}})
	_, _, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok, "stored under another key")

	forged := catalogue.RefRecord{ID: "forged", FirstKey: "id", First: tree.Pos{Line: 3, Col: 5}}
	plant(cachedFile{Key: key, KPIs: []catalogue.RefRecord{forged}})
	_, _, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok, "a position that does not hold its key")

	plant(cachedFile{Key: key, KPIs: []catalogue.RefRecord{{ID: "x", FirstKey: "id", First: tree.Pos{Line: 99, Col: 1}}}})
	_, _, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok, "a line past the end")

	require.NoError(t, os.WriteFile(c.path(key), []byte(entryMagic+"\xff\xff\xff"), 0o644))
	_, _, _, ok = c.get("a.kpi.yaml", key, source)
	assert.False(t, ok)
}

// Another build of kpilint (another version, revision or executable)
// keys its entries differently.
func TestCacheIsKeyedByBuild(t *testing.T) {
	assert.NotEmpty(t, buildIdentity())
	dir := t.TempDir()
	a := OpenCache(dir, document.DefaultLimits)
	b := &Cache{dir: dir, salt: []byte("another build")}
	assert.NotEqual(t, a.key("yaml", []byte("x")), b.key("yaml", []byte("x")))
}

// The limits and spreadsheet columns of the configuration decide what a
// file holds, so they are part of the key.
func TestCacheIsKeyedByLimits(t *testing.T) {
	dir := t.TempDir()
	c := OpenCache(dir, document.DefaultLimits)
	lower := document.DefaultLimits
	lower.MaxFileBytes = 1 << 10
	columns := document.DefaultLimits
	columns.Columns = map[string]string{"kpi": "name"}
	key := c.key("yaml", []byte("x"))
	assert.Equal(t, key, OpenCache(dir, document.DefaultLimits).key("yaml", []byte("x")))
	assert.NotEqual(t, key, OpenCache(dir, lower).key("yaml", []byte("x")))
	assert.NotEqual(t, key, OpenCache(dir, columns).key("yaml", []byte("x")))
}

// An entry reads back as written; cut anywhere, or with a count larger
// than what follows, it is a miss, never a panic or a large allocation.
func TestCacheEntryForm(t *testing.T) {
	e := cachedFile{Key: "k",
		Directives: []catalogue.Directive{{Line: 3, Col: 5, Width: 20, FileWide: true, Rules: []string{"owner-missing"}, Reason: "why", FromLine: 1, ToLine: 9}},
		KPIs: []catalogue.RefRecord{{ID: "a", Status: "active", Kind: "kpi", Goals: []string{"g1", "g2"}, Scope: "s", Owner: "Ö",
			Indicator: "leading", Missing: 5, FirstKey: "id", First: tree.Pos{Line: 2, Col: 5}, IDAt: tree.Pos{Line: 2, Col: 5}}}}
	data := encodeEntry(e)
	back, err := decodeEntry(data)
	require.NoError(t, err)
	assert.Equal(t, e, back)
	for i := range data {
		_, err := decodeEntry(data[:i])
		assert.Error(t, err, "cut at %d", i)
	}
	huge := append([]byte(entryMagic), 1, 'k', 0xff, 0xff, 0xff, 0x03) // 2^22 directives, none there
	_, err = decodeEntry(huge)
	assert.Error(t, err)
}
