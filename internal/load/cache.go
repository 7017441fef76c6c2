package load

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/kpilint/kpilint/internal/atomicfile"
	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/schema"
)

// Cache keeps, for catalogue files that are only context (the pre-commit
// case: one changed file in a big catalogue), what the catalogue-wide rules
// need of them, keyed by the file's content and kpilint's schema. A file
// that has not changed is then read and hashed, not parsed. It lives in the
// directory its caller names (the command line passes the user's cache
// directory), never in the catalogue. Errors only make it miss.
type Cache struct {
	dir  string
	salt []byte
}

// OpenCache returns the cache kept in dir, or nil when dir is "" or cannot
// be made.
func OpenCache(dir string) *Cache {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	sum := sha256.Sum256([]byte(schema.Source()))
	return &Cache{dir: dir, salt: sum[:]}
}

// CacheName names the cache's directory; it changes with the entries' form.
const CacheName = "context-v2"

// cachedFile is one cache entry: a context file without units or goals.
type cachedFile struct {
	Directives []catalogue.Directive `json:"directives,omitempty"`
	KPIs       []*catalogue.KPIRef   `json:"kpis,omitempty"`
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

// get returns the file and its KPIs' refs, or ok=false.
func (c *Cache) get(rel, key string) (*catalogue.File, []*catalogue.KPIRef, bool) {
	data, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, nil, false
	}
	var e cachedFile
	if json.Unmarshal(data, &e) != nil {
		return nil, nil, false
	}
	f := &catalogue.File{Path: rel, Format: document.ForName(rel).Name, Directives: e.Directives}
	for _, r := range e.KPIs {
		r.File = f
	}
	return f, e.KPIs, true
}

// put stores a context file once compacted.
func (c *Cache) put(key string, f *catalogue.File, refs []*catalogue.KPIRef) {
	data, err := json.Marshal(cachedFile{Directives: f.Directives, KPIs: refs})
	if err != nil {
		return
	}
	p := c.path(key)
	if os.MkdirAll(filepath.Dir(p), 0o755) == nil {
		_ = atomicfile.Write(p, data)
	}
}
