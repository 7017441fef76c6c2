package load

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/kpilint/kpilint/internal/atomicfile"
	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/tree"
	"github.com/kpilint/kpilint/schema"
)

// Cache keeps, for catalogue files that are only context (the pre-commit
// case: one changed file in a big catalogue), what the catalogue-wide rules
// need of them, keyed by the file's content and kpilint's schema. A file
// that has not changed is then read and hashed, not parsed. It lives in the
// directory its caller names (the command line passes the user's cache
// directory), never in the catalogue. Errors only make it miss.
//
// It is bounded: a hit marks its entry used (its modification time), and
// Prune, run after a run that stored entries, removes the least recently
// used ones while the cache is over MaxCacheBytes.
type Cache struct {
	dir  string
	salt []byte
	puts atomic.Int64
}

// MaxCacheBytes bounds the context cache on disk: about 400,000 KPIs of
// context; a catalogue larger than that misses on its oldest files.
const MaxCacheBytes = 256 << 20

// OpenCache returns the cache kept in dir for files read under lim, or nil
// when dir is "" or cannot be made. The configuration's limits and
// spreadsheet columns decide what a file holds (a file over a lowered limit
// is a syntax finding, not its KPIs), so they are part of every key; the
// rest of the configuration, and the policy, do not change what an entry
// keeps (context files are not checked), so a change to them keeps the
// cache.
func OpenCache(dir string, lim document.Limits) *Cache {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	h := sha256.New()
	h.Write([]byte(schema.Source()))
	h.Write([]byte(CacheName))
	h.Write([]byte(buildIdentity()))
	fmt.Fprintf(h, "%#v", lim)
	return &Cache{dir: dir, salt: h.Sum(nil)}
}

// buildIdentity names this build of kpilint: its module version and VCS
// revision, and the executable's size and time, so that an entry written by
// another build (whose rules may keep other things of a KPI) is never read.
func buildIdentity() string {
	var b strings.Builder
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.WriteString(bi.Main.Version)
		for _, s := range bi.Settings {
			if strings.HasPrefix(s.Key, "vcs.") {
				b.WriteString(s.Key + "=" + s.Value + ";")
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(&b, "%d@%d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return b.String()
}

// CacheName names the cache's directory; it changes with the entries' form.
const CacheName = "context-v5"

// cachedFile is one cache entry: a context file, with the key it was
// stored under (cache_codec.go has its form). Entries stored by content
// key hold files without units or goals; a pack's may hold those too.
type cachedFile struct {
	Key        string
	Directives []catalogue.Directive
	KPIs       []catalogue.RefRecord
	Units      []catalogue.UnitRecord
	Goals      []catalogue.GoalRecord
}

// key names the entry of a file's content in format.
func (c *Cache) key(format string, data []byte) string {
	h := sha256.New()
	h.Write(c.salt)
	h.Write([]byte(format))
	h.Write([]byte{0})
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) path(key string) string { return filepath.Join(c.dir, key[:2], key+CacheEntryExt) }

// CacheEntryExt names the cache's entries.
const CacheEntryExt = ".entry"

// maxEntryBytes bounds a cache entry read back.
const maxEntryBytes = 16 << 20

// get returns the file and its KPIs' refs, or ok=false. An entry is used
// only if it is well-formed, was stored under this key, and every position
// it records points at its key in source (the file's content now): an entry
// placed by anyone else, or left by another build, is a miss.
// It also returns the entry as stored, for the pack.
func (c *Cache) get(rel, key string, source []byte) (*catalogue.File, *catalogue.FileRefs, []byte, bool) {
	p := c.path(key)
	data, err := document.ReadInside(c.dir, p, maxEntryBytes)
	if err != nil {
		return nil, nil, nil, false
	}
	e, err := decodeEntry(data)
	if err != nil || e.Key != key || !e.verify(source) {
		return nil, nil, nil, false
	}
	now := time.Now()
	_ = os.Chtimes(p, now, now) // used: the last to be evicted
	f, refs := e.file(rel)
	return f, refs, data, true
}

// file is the compacted file an entry holds, and its KPIs' refs.
func (e *cachedFile) file(rel string) (*catalogue.File, *catalogue.FileRefs) {
	f := &catalogue.File{Path: rel, Format: document.ForName(rel).Name, Directives: e.Directives}
	return f, catalogue.RefsOf(f, e.KPIs)
}

// verify checks that each recorded key position holds that key in source.
// Positions are visited in line order, so the source is walked once, line
// to line with bytes.IndexByte (a byte-by-byte scan of every context file
// was a tenth of a warm pre-commit run).
func (e *cachedFile) verify(source []byte) bool {
	type at struct {
		key string
		pos tree.Pos
	}
	var checks []at
	for _, k := range e.KPIs {
		if k.FirstKey == "" {
			return false
		}
		checks = append(checks, at{k.FirstKey, k.First})
		if k.IDAt.IsValid() {
			checks = append(checks, at{"id", k.IDAt})
		}
	}
	slices.SortFunc(checks, func(a, b at) int { return cmp.Compare(a.pos.Line, b.pos.Line) })
	line, start := 1, 0 // start is where line begins
	for _, c := range checks {
		if c.pos.Line < 1 || c.pos.Col < 1 {
			return false
		}
		for line < c.pos.Line {
			i := bytes.IndexByte(source[start:], '\n')
			if i < 0 {
				return false // past the end
			}
			start += i + 1
			line++
		}
		text := source[start:]
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			text = text[:i]
		}
		for range c.pos.Col - 1 { // columns count characters
			if len(text) == 0 {
				return false
			}
			_, size := utf8.DecodeRune(text)
			text = text[size:]
		}
		if !bytes.HasPrefix(bytes.TrimLeft(text, "\"'"), []byte(c.key)) {
			return false
		}
	}
	return true
}

// put stores a context file once compacted, and returns the entry.
func (c *Cache) put(key string, f *catalogue.File, refs *catalogue.FileRefs) []byte {
	recs := make([]catalogue.RefRecord, refs.Len())
	for i, r := range refs.All() {
		recs[i] = r.Record()
	}
	data := encodeEntry(cachedFile{Key: key, Directives: f.Directives, KPIs: recs})
	p := c.path(key)
	if os.MkdirAll(filepath.Dir(p), 0o755) == nil && c.write(p, data) {
		c.puts.Add(1)
	}
	return data
}

// write writes a file of the cache whole or not at all.
func (c *Cache) write(path string, data []byte) bool { return atomicfile.Write(path, data) == nil }

// Stored is how many entries this cache value stored.
func (c *Cache) Stored() int64 {
	if c == nil {
		return 0
	}
	return c.puts.Load()
}

// cacheEntry is one file of a cache directory.
type cacheEntry struct {
	path string
	size int64
	used time.Time
}

// CacheSize is the bytes and entries of the cache in dir.
func CacheSize(dir string) (bytes int64, entries int) {
	for _, e := range cacheEntries(dir) {
		bytes += e.size
		entries++
	}
	return bytes, entries
}

func cacheEntries(dir string) []cacheEntry {
	var out []cacheEntry
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		// An entry that cannot be read is skipped: the cache only misses.
		if err == nil && !d.IsDir() && strings.HasSuffix(p, CacheEntryExt) {
			if fi, ierr := d.Info(); ierr == nil {
				out = append(out, cacheEntry{p, fi.Size(), fi.ModTime()})
			}
		}
		return nil
	})
	return out
}

// PruneCache removes the least recently used entries of the cache in dir
// until it holds at most max bytes, and returns how many it removed. Over
// the bound it goes down to three quarters of it, so that pruning is rare.
func PruneCache(dir string, max int64) int {
	entries := cacheEntries(dir)
	var total int64
	for _, e := range entries {
		total += e.size
	}
	if total <= max {
		return 0
	}
	slices.SortFunc(entries, func(a, b cacheEntry) int { return a.used.Compare(b.used) })
	removed := 0
	for _, e := range entries {
		if total <= max/4*3 {
			break
		}
		if os.Remove(e.path) == nil {
			total -= e.size
			removed++
		}
	}
	return removed
}
