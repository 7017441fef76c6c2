package load

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
)

// A pack is the context cache's fast path for one catalogue root: one file
// holding, for each context file — of KPIs, or of units and goals (which
// the per-file entries do not hold) — its size, modification time and
// inode when it was last seen and its entry. A file whose stat is unchanged is
// served from the pack without being opened, hashed or checked against
// its entry; any other goes the per-file way (content key, entry, or
// parse) and its new stat and entry go into the next pack. This is how git
// decides that a file is unchanged. A warm pre-commit run of a
// 100,000-KPI catalogue read and hashed 2,000 files, opened 2,000 entries
// and parsed the file of units and goals; with the pack it stats them and
// reads one file.
//
// Like git's index, a pack never records a "racy" file: one modified
// within packRacy of the run's start, which a second change in the same
// tick of the file system's clock could leave with the same stat.
type Pack struct {
	c     *Cache
	path  string
	start time.Time
	old   map[string]packed // the pack as read
	mu    sync.Mutex
	seen  map[string]packed // this run's context files
	miss  bool              // a context file was not served from old
	// stats are the stats Check took, before the files were read: what
	// the next pack keeps with them.
	stats map[string]fileStat
}

// packed is one file of a pack: its stat and its entry (encodeEntry's
// form); defs says the entry holds units or goals.
type packed struct {
	stat  fileStat
	defs  bool
	entry []byte
}

// fileStat is what a pack compares to decide a file is unchanged.
type fileStat struct {
	size, mtime int64
	ino         uint64
}

const (
	packMagic = "kpilint-pack-2\n"
	// maxPackBytes bounds a pack read back; a catalogue whose pack would
	// be larger (about 650,000 KPIs of context) keeps the per-file way.
	maxPackBytes = 64 << 20
	packRacy     = 2 * time.Second
)

// OpenPack reads the pack of the catalogue at root, or starts an empty one
// (nil for a nil cache). Options.Pack hands it to Files; Save writes the
// next one.
func (c *Cache) OpenPack(root string) *Pack {
	if c == nil {
		return nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	h := sha256.New()
	h.Write(c.salt)
	h.Write([]byte(abs))
	p := &Pack{c: c, path: filepath.Join(c.dir, "packs", hex.EncodeToString(h.Sum(nil))[:40]+CacheEntryExt),
		start: time.Now(), old: map[string]packed{}, seen: map[string]packed{}, stats: map[string]fileStat{}}
	if data, err := document.ReadInside(c.dir, p.path, maxPackBytes); err == nil {
		p.old = decodePack(data)
	}
	return p
}

func decodePack(data []byte) map[string]packed {
	out := map[string]packed{}
	if len(data) < len(packMagic) || string(data[:len(packMagic)]) != packMagic {
		return out
	}
	r := entryReader{buf: data[len(packMagic):]}
	n := r.count()
	for range n {
		rel := r.str()
		st := fileStat{size: int64(r.u64()), mtime: int64(r.u64()), ino: r.u64()} //nolint:gosec // compared, never used as a size
		defs := r.flag()
		size := r.count()
		if r.bad {
			return map[string]packed{}
		}
		out[rel] = packed{stat: st, defs: defs, entry: r.buf[:size:size]}
		r.buf = r.buf[size:]
	}
	if r.bad || len(r.buf) != 0 {
		return map[string]packed{}
	}
	return out
}

// statOf is the stat of a regular file (not a symbolic link) under root.
func statOf(root, rel string) (fileStat, bool) {
	fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil || !fi.Mode().IsRegular() {
		return fileStat{}, false
	}
	return fileStat{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: inode(fi)}, true
}

// Check stats rel before it is read — the stat the next pack keeps with
// it — and reports whether the pack holds it with that stat, and whether
// it declares units or goals: the loader's split of the files that do
// reads no unchanged file, and nothing later stats it again.
func (p *Pack) Check(root, rel string) (unchanged, defs bool) {
	if p == nil {
		return false, false
	}
	st, regular := statOf(root, rel)
	if !regular {
		return false, false
	}
	p.mu.Lock()
	p.stats[rel] = st
	p.mu.Unlock()
	old, ok := p.old[rel]
	return ok && old.stat == st, old.defs
}

// stat is the stat Check took of rel, or, for a file it did not see, the
// file's stat now; ok is false for anything but a regular file.
func (p *Pack) stat(root, rel string) (st fileStat, ok bool) {
	if p != nil {
		p.mu.Lock()
		st, ok = p.stats[rel]
		p.mu.Unlock()
		if ok {
			return st, true
		}
	}
	return statOf(root, rel)
}

// KeepDefs puts a context file of units and goals, compacted, in the next
// pack under the stat Check took.
func (p *Pack) KeepDefs(f *catalogue.File, units []*catalogue.Unit, goals []*catalogue.Goal, refs *catalogue.FileRefs) {
	if p == nil {
		return
	}
	p.mu.Lock()
	st, ok := p.stats[f.Path]
	p.mu.Unlock()
	if !ok {
		return
	}
	e := cachedFile{Directives: f.Directives}
	for _, r := range refs.All() {
		e.KPIs = append(e.KPIs, r.Record())
	}
	for _, u := range units {
		e.Units = append(e.Units, u.Record())
	}
	for _, g := range goals {
		e.Goals = append(e.Goals, g.Record())
	}
	p.keep(f.Path, st, encodeEntry(e), true)
}

// Defs is the file of units and goals the pack holds for rel, if its stat
// is unchanged: the file, compacted, its units, goals and KPIs' refs.
func (p *Pack) Defs(root, rel string) (*catalogue.File, []*catalogue.Unit, []*catalogue.Goal, *catalogue.FileRefs, bool) {
	st, regular := p.stat(root, rel)
	if !regular {
		return nil, nil, nil, nil, false
	}
	entry, ok := p.lookup(rel, st)
	if !ok {
		return nil, nil, nil, nil, false
	}
	e, err := decodeEntry(entry)
	if err != nil {
		return nil, nil, nil, nil, false
	}
	p.keep(rel, st, entry, true)
	f, refs := e.file(rel)
	units := make([]*catalogue.Unit, len(e.Units))
	for i, r := range e.Units {
		units[i] = catalogue.UnitOf(f, r)
	}
	goals := make([]*catalogue.Goal, len(e.Goals))
	for i, r := range e.Goals {
		goals[i] = catalogue.GoalOf(f, r)
	}
	return f, units, goals, refs, true
}

// lookup returns the entry of rel if the pack has it with this stat.
func (p *Pack) lookup(rel string, st fileStat) ([]byte, bool) {
	if p == nil {
		return nil, false
	}
	old, ok := p.old[rel]
	if !ok || old.stat != st {
		p.mu.Lock()
		p.miss = true
		p.mu.Unlock()
		return nil, false
	}
	return old.entry, true
}

// keep puts rel's stat and entry in the next pack, unless it is racy.
func (p *Pack) keep(rel string, st fileStat, entry []byte, defs bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st.mtime >= p.start.Add(-packRacy).UnixNano() {
		p.miss = true // not packed: the next run looks again
		return
	}
	p.seen[rel] = packed{stat: st, defs: defs, entry: entry}
}

// Save writes the next pack if this run's context differs from the old
// one: the files seen, and the old pack's files that were reported this
// time (a pre-commit run lints another file next). Otherwise it marks the
// pack used, for the cache's least-recently-used bound.
func (p *Pack) Save(reported map[string]bool) {
	if p == nil {
		return
	}
	next := p.seen
	for rel, old := range p.old {
		if _, ok := next[rel]; !ok && reported[rel] {
			next[rel] = old
		}
	}
	if !p.miss && len(next) == len(p.old) {
		now := time.Now()
		_ = os.Chtimes(p.path, now, now)
		return
	}
	if len(next) == 0 {
		return // nothing to serve next time (every file racy, or none cacheable)
	}
	rels := make([]string, 0, len(next))
	size := len(packMagic)
	for rel, pk := range next {
		rels = append(rels, rel)
		size += len(rel) + len(pk.entry) + 40
	}
	if size > maxPackBytes {
		return
	}
	slices.Sort(rels)
	w := entryWriter{buf: append(make([]byte, 0, size), packMagic...)}
	w.num(len(rels))
	for _, rel := range rels {
		pk := next[rel]
		w.str(rel)
		w.u64(uint64(pk.stat.size))  //nolint:gosec // a size is not negative
		w.u64(uint64(pk.stat.mtime)) //nolint:gosec // stored as written, compared as read
		w.u64(pk.stat.ino)
		w.flag(pk.defs)
		w.num(len(pk.entry))
		w.buf = append(w.buf, pk.entry...)
	}
	if os.MkdirAll(filepath.Dir(p.path), 0o755) == nil && p.c.write(p.path, w.buf) {
		p.c.puts.Add(1)
	}
}
