package load

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// A pack cut anywhere, or with a byte changed, reads as empty or as
// entries that are whole: a miss, never a panic or a large allocation.
func TestPackDecodeIsBounded(t *testing.T) {
	entry := encodeEntry(cachedFile{Key: "k", KPIs: []catalogue.RefRecord{{ID: "a", FirstKey: "id"}}})
	w := entryWriter{buf: []byte(packMagic)}
	w.num(2)
	for _, rel := range []string{"a.kpi.yaml", "b.kpi.yaml"} {
		w.str(rel)
		w.u64(123)
		w.u64(1 << 62)
		w.u64(7)
		w.flag(rel == "b.kpi.yaml")
		w.num(len(entry))
		w.buf = append(w.buf, entry...)
	}
	whole := decodePack(w.buf)
	require.Len(t, whole, 2)
	assert.Equal(t, fileStat{size: 123, mtime: 1 << 62, ino: 7}, whole["a.kpi.yaml"].stat)
	assert.True(t, whole["b.kpi.yaml"].defs)
	e, err := decodeEntry(whole["b.kpi.yaml"].entry)
	require.NoError(t, err)
	assert.Equal(t, "a", e.KPIs[0].ID)
	for i := range len(w.buf) {
		assert.Empty(t, decodePack(w.buf[:i]), "cut at %d", i)
		bad := append([]byte(nil), w.buf...)
		bad[i] ^= 0xff
		for _, pk := range decodePack(bad) {
			assert.LessOrEqual(t, len(pk.entry), len(bad))
		}
	}
}
