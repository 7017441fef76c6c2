package load

import (
	"encoding/binary"
	"errors"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/tree"
)

// A cache entry is written in a compact binary form: a warm pre-commit run
// of a 100,000-KPI catalogue reads 2,000 entries, and decoding them as
// JSON was a third of its time. Strings are a length and their bytes,
// numbers unsigned varints; the decoder checks every length against what
// is left, so a corrupt or forged entry is a miss, never a large
// allocation.

// entryMagic begins every entry; it changes with the form.
const entryMagic = "kpilint-context-5\n"

func encodeEntry(e cachedFile) []byte {
	w := entryWriter{buf: append(make([]byte, 0, 64+100*len(e.KPIs)), entryMagic...)}
	w.str(e.Key)
	w.num(len(e.Directives))
	for _, d := range e.Directives {
		w.num(d.Line)
		w.num(d.Col)
		w.num(d.Width)
		w.flag(d.FileWide)
		w.strs(d.Rules)
		w.str(d.Reason)
		w.str(d.Problem)
		w.num(d.FromLine)
		w.num(d.ToLine)
	}
	w.num(len(e.KPIs))
	for _, k := range e.KPIs {
		w.str(k.ID)
		w.str(k.Status)
		w.str(k.Kind)
		w.strs(k.Goals)
		w.str(k.Scope)
		w.str(k.Owner)
		w.str(k.Indicator)
		w.num(int(k.Missing))
		w.str(k.FirstKey)
		w.pos(k.First)
		w.pos(k.IDAt)
	}
	w.num(len(e.Units))
	for _, u := range e.Units {
		w.element(u.ElementRecord)
		w.str(u.Name)
		w.str(u.Level)
		w.str(u.Parent)
		w.flag(u.Cadence != nil)
		if c := u.Cadence; c != nil {
			w.str(c.Measure)
			w.str(c.Review)
			w.str(c.Forum)
			w.str(c.LastReview)
		}
	}
	w.num(len(e.Goals))
	for _, g := range e.Goals {
		w.element(g.ElementRecord)
		w.str(g.Statement)
		w.str(g.Scope)
		w.str(g.Parent)
	}
	return w.buf
}

func (w *entryWriter) element(r catalogue.ElementRecord) {
	w.str(r.ID)
	w.str(r.FirstKey)
	w.pos(r.First)
	w.pos(r.IDAt)
	w.pos(r.ParentAt)
	w.pos(r.ScopeAt)
}

func (r *entryReader) element() catalogue.ElementRecord {
	return catalogue.ElementRecord{ID: r.str(), FirstKey: r.str(), First: r.pos(), IDAt: r.pos(), ParentAt: r.pos(), ScopeAt: r.pos()}
}

var errEntry = errors.New("malformed cache entry")

func decodeEntry(data []byte) (e cachedFile, err error) {
	if len(data) < len(entryMagic) || string(data[:len(entryMagic)]) != entryMagic {
		return e, errEntry
	}
	r := entryReader{buf: data[len(entryMagic):]}
	e.Key = r.str()
	if n := r.count(); n > 0 {
		e.Directives = make([]catalogue.Directive, n)
		for i := range e.Directives {
			d := &e.Directives[i]
			d.Line, d.Col, d.Width = r.num(), r.num(), r.num()
			d.FileWide = r.flag()
			d.Rules = r.strs()
			d.Reason, d.Problem = r.str(), r.str()
			d.FromLine, d.ToLine = r.num(), r.num()
		}
	}
	if n := r.count(); n > 0 {
		e.KPIs = make([]catalogue.RefRecord, n)
		for i := range e.KPIs {
			k := &e.KPIs[i]
			k.ID, k.Status, k.Kind = r.str(), r.str(), r.str()
			k.Goals = r.strs()
			k.Scope, k.Owner, k.Indicator = r.str(), r.str(), r.str()
			k.Missing = uint16(min(r.num(), 1<<16-1)) //nolint:gosec // clamped just before
			k.FirstKey = r.str()
			k.First, k.IDAt = r.pos(), r.pos()
		}
	}
	if n := r.count(); n > 0 {
		e.Units = make([]catalogue.UnitRecord, n)
		for i := range e.Units {
			u := &e.Units[i]
			u.ElementRecord = r.element()
			u.Name, u.Level, u.Parent = r.str(), r.str(), r.str()
			if r.flag() {
				u.Cadence = &catalogue.Cadence{Measure: r.str(), Review: r.str(), Forum: r.str(), LastReview: r.str()}
			}
		}
	}
	if n := r.count(); n > 0 {
		e.Goals = make([]catalogue.GoalRecord, n)
		for i := range e.Goals {
			g := &e.Goals[i]
			g.ElementRecord = r.element()
			g.Statement, g.Scope, g.Parent = r.str(), r.str(), r.str()
		}
	}
	if r.bad || len(r.buf) != 0 {
		return cachedFile{}, errEntry
	}
	return e, nil
}

type entryWriter struct{ buf []byte }

func (w *entryWriter) num(n int) { w.buf = binary.AppendUvarint(w.buf, uint64(max(n, 0))) }
func (w *entryWriter) str(s string) {
	w.num(len(s))
	w.buf = append(w.buf, s...)
}
func (w *entryWriter) strs(ss []string) {
	w.num(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}
func (w *entryWriter) flag(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}
func (w *entryWriter) pos(p tree.Pos) {
	w.num(p.Line)
	w.num(p.Col)
}

// entryReader reads what entryWriter wrote; past a problem it sets bad
// and returns zero values.
type entryReader struct {
	buf []byte
	bad bool
}

// maxEntryNumber bounds every number of an entry (lines, columns, counts).
const maxEntryNumber = 1 << 30

func (r *entryReader) num() int {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 || v > maxEntryNumber {
		r.bad, r.buf = true, nil
		return 0
	}
	r.buf = r.buf[n:]
	return int(v)
}

// count is a number of items, each at least a byte: never more than is left.
func (r *entryReader) count() int {
	n := r.num()
	if n > len(r.buf) {
		r.bad, r.buf = true, nil
		return 0
	}
	return n
}

func (r *entryReader) str() string {
	n := r.num()
	if n > len(r.buf) {
		r.bad, r.buf = true, nil
		return ""
	}
	s := string(r.buf[:n])
	r.buf = r.buf[n:]
	return s
}

func (r *entryReader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *entryReader) flag() bool {
	if len(r.buf) == 0 {
		r.bad = true
		return false
	}
	b := r.buf[0]
	r.buf = r.buf[1:]
	if b > 1 {
		r.bad, r.buf = true, nil
	}
	return b == 1
}

func (r *entryReader) pos() tree.Pos { return tree.Pos{Line: r.num(), Col: r.num()} }

func (w *entryWriter) u64(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

// u64 reads a number that may be past maxEntryNumber (a file's size,
// time or inode in a pack).
func (r *entryReader) u64() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.bad, r.buf = true, nil
		return 0
	}
	r.buf = r.buf[n:]
	return v
}
