package load

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/kpilint/kpilint/internal/atomicfile"
	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/schema"
)

// Cache keeps, for catalogue files that are only context (the pre-commit
// case: one changed file in a big catalogue), what the catalogue-wide rules
// need of them, keyed by the file's content and kpilint's schema. A file
// that has not changed is then read and hashed, not parsed. It lives in the
// user's cache directory (os.UserCacheDir()/kpilint), never in the
// catalogue; KPILINT_CACHE=off turns it off. Errors only make it miss.
type Cache struct {
	dir  string
	salt []byte
}

// OpenCache returns the cache, or nil when it is off or has no place.
func OpenCache() *Cache {
	if os.Getenv("KPILINT_CACHE") == "off" {
		return nil
	}
	dir := os.Getenv("KPILINT_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "kpilint", "context-v1")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	sum := sha256.Sum256([]byte(schema.Source()))
	return &Cache{dir: dir, salt: sum[:]}
}

// cachedFile is one cache entry: a context file without units or goals.
type cachedFile struct {
	Directives []catalogue.Directive  `json:"directives,omitempty"`
	KPIs       []catalogue.CompactKPI `json:"kpis,omitempty"`
	Empty      bool                   `json:"empty,omitempty"`
}

func (c *Cache) key(format string, data []byte) string {
	h := sha256.New()
	h.Write(c.salt)
	h.Write([]byte(format))
	h.Write([]byte{0})
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) path(key string) string { return filepath.Join(c.dir, key[:2], key+".json") }

// get returns the file and its compacted KPIs, or ok=false.
func (c *Cache) get(rel, key string) (*catalogue.File, *catalogue.Catalogue, bool, bool) {
	data, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, nil, false, false
	}
	var e cachedFile
	if json.Unmarshal(data, &e) != nil {
		return nil, nil, false, false
	}
	f := &catalogue.File{Path: rel, Format: Format(rel), Directives: e.Directives}
	elems := &catalogue.Catalogue{}
	for _, r := range e.KPIs {
		elems.KPIs = append(elems.KPIs, catalogue.FromRecord(f, r))
	}
	return f, elems, e.Empty, true
}

// put stores a context file once its KPIs are compacted.
func (c *Cache) put(key string, f *catalogue.File, elems *catalogue.Catalogue, empty bool) {
	e := cachedFile{Directives: f.Directives, Empty: empty}
	for _, k := range elems.KPIs {
		e.KPIs = append(e.KPIs, k.Record())
	}
	data, err := json.Marshal(e)
	if err != nil {
		return
	}
	p := c.path(key)
	if os.MkdirAll(filepath.Dir(p), 0o755) == nil {
		_ = atomicfile.Write(p, data)
	}
}
