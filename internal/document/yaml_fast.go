package document

import (
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/kpilint/kpilint/internal/libyaml"
	"github.com/kpilint/kpilint/internal/tree"
)

// The fast path of the YAML reader. Catalogues are written in a small part
// of YAML: block mappings and lists, one-line plain or quoted scalars,
// literal and folded block scalars, one-line flow mappings and lists,
// comments. For a file written only in that part, scanPlainYAML produces
// the events libyaml's parser produces — at a fraction of its cost, since
// it looks at each byte once instead of running libyaml's reader, scanner
// and parser — and the composer builds the tree from them as from the
// parser's. At anything else (an anchor, a tag, a multi-line plain scalar,
// an escape, a tab, a document marker, a syntax error) it gives up, and
// the file is read by libyaml from the start: the fast path never decides
// what a file means, and never reports an error of its own.
// FuzzFastYAMLAgreesWithLibyaml holds it to that.

// fastEvent is an event of the fast path, compact while queued: a scalar's
// text is data[start:end], or texts[start] when end is -1.
type fastEvent struct {
	kind       libyaml.Kind
	plain, key bool
	line, col  int32
	start, end int32
}

// fastEvents hands the queued events to the composer as the parser would.
type fastEvents struct {
	data   []byte
	events []fastEvent
	texts  []string
	next   int
	keys   *keyTable
}

func (f *fastEvents) Next() (libyaml.Event, *libyaml.Error) {
	if f.next == len(f.events) {
		return libyaml.Event{Kind: libyaml.StreamEnd}, nil
	}
	e := f.events[f.next]
	f.next++
	ev := libyaml.Event{Kind: e.kind, Line: int(e.line), Col: int(e.col), Plain: e.plain}
	if e.kind == libyaml.Scalar {
		ev.Value = f.text(e)
	}
	return ev, nil
}

func (f *fastEvents) text(e fastEvent) string {
	if e.end < 0 {
		return f.texts[e.start]
	}
	b := f.data[e.start:e.end]
	if !e.key {
		return f.keys.value(b)
	}
	return f.keys.intern(b)
}

// eventQueues recycles the queues: a file of fifty KPIs has 3,000 events.
// A queue longer than maxPooledEvents (a huge or hostile file) is let go.
const maxPooledEvents = 1 << 16

var eventQueues = sync.Pool{New: func() any { return new([]fastEvent) }}

// fastPanic, when set (by tests), sees any panic of the fast path other
// than giving up.
var fastPanic func(any)

// errGiveUp ends the fast path: libyaml reads the file instead. line is
// where the fast path stopped (a test names it when a published catalogue
// falls back).
type errGiveUp struct{ line int }

// fastScanner turns a file into events, or gives up.
type fastScanner struct {
	data      []byte
	off       int // the next byte
	line      int // 1-based line of off
	lineStart int // offset of the line's first byte
	// wide is the offset of the first character beyond ASCII on the line
	// (< lineStart when there is none yet): columns count characters.
	wide int
	// colAt and colN are the last offset column counted characters to
	// on a line with wider characters, and their count.
	colAt, colN int
	events      []fastEvent
	texts       []string // scalars that are not slices of the file (block scalars)
	maxEvents   int
	maxDepth    int
}

// scanPlainYAML returns the events of data, or ok false when data is not
// written in the part of YAML the fast path reads (see above).
func scanPlainYAML(data []byte, queue []fastEvent, lim Limits) (events []fastEvent, texts []string, ok bool) {
	s := newFastScanner(data, queue, lim)
	defer func() {
		if r := recover(); r != nil {
			if _, give := r.(errGiveUp); !give && fastPanic != nil {
				fastPanic(r)
			}
			// Any other panic is a bug of the fast path; libyaml reads
			// the file instead, so a hostile file cannot stop a run.
			events, texts, ok = s.events, nil, false
		}
	}()
	s.stream()
	return s.events, s.texts, true
}

// newFastScanner starts a scan of data at its first line, queueing into
// queue, within the limits: at most twice MaxNodes events (the composer
// would stop before) and MaxDepth levels.
func newFastScanner(data []byte, queue []fastEvent, lim Limits) *fastScanner {
	return &fastScanner{data: data, line: 1, wide: -1, colAt: -1, events: queue[:0], maxEvents: 2*lim.MaxNodes + 8, maxDepth: lim.MaxDepth + 1}
}

func (s *fastScanner) giveUp() { panic(errGiveUp{s.line}) }

func (s *fastScanner) emit(kind libyaml.Kind, at int) {
	if len(s.events) >= s.maxEvents {
		s.giveUp()
	}
	s.events = append(s.events, fastEvent{kind: kind, line: int32(s.line), col: int32(s.column(at))}) //nolint:gosec // a file is at most 1 GiB (limits.max_file_bytes)
}

func (s *fastScanner) scalar(start, end int, plain, key bool) {
	s.emit(libyaml.Scalar, start)
	e := &s.events[len(s.events)-1]
	e.plain, e.key, e.start, e.end = plain, key, int32(start), int32(end) //nolint:gosec // as above
}

// column is the 1-based column of offset at on the current line, in
// characters as libyaml counts them.
// Every character before at on the line has passed char() or is ASCII.
// On a line with wider characters the count goes on from the last column
// asked for, so a long line costs its length once, not once per event.
func (s *fastScanner) column(at int) int {
	if s.wide < s.lineStart || s.wide >= at {
		return at - s.lineStart + 1
	}
	from, n := s.lineStart, 0
	if s.colAt >= s.lineStart && s.colAt <= at {
		from, n = s.colAt, s.colN
	}
	n += utf8.RuneCount(s.data[from:at])
	s.colAt, s.colN = at, n
	return n + 1
}

func (s *fastScanner) stream() {
	if len(s.data) >= 3 && s.data[0] == 0xEF && s.data[1] == 0xBB && s.data[2] == 0xBF {
		s.giveUp() // a byte order mark
	}
	s.emit(libyaml.StreamStart, 0)
	indent, ok := s.nextContent()
	if !ok {
		s.giveUp() // no document: rare enough to leave to libyaml
	}
	s.emit(libyaml.DocumentStart, s.off)
	s.blockNode(indent, 0)
	if _, more := s.nextContent(); more {
		s.giveUp()
	}
	s.emit(libyaml.DocumentEnd, s.off)
	s.emit(libyaml.StreamEnd, s.off)
}

// nextContent moves past blank and comment lines to the first character
// of the next line with content and returns its indentation; ok is false
// at the end of the file. It starts at the beginning of a line.
func (s *fastScanner) nextContent() (indent int, ok bool) {
	for s.off < len(s.data) {
		i := s.off
		for i < len(s.data) && s.data[i] == ' ' {
			i++
		}
		if i == len(s.data) {
			s.off = i
			return 0, false
		}
		switch s.data[i] {
		case '\n':
			s.newLine(i + 1)
			continue
		case '#':
			s.off = i
			s.comment()
			continue
		}
		if i == s.lineStart && s.marker(i) {
			s.giveUp() // --- or ...: documents
		}
		s.off = i
		return i - s.lineStart, true
	}
	return 0, false
}

func (s *fastScanner) marker(i int) bool {
	d := s.data
	return i+3 <= len(d) && (d[i] == '-' && d[i+1] == '-' && d[i+2] == '-' || d[i] == '.' && d[i+1] == '.' && d[i+2] == '.')
}

func (s *fastScanner) newLine(at int) {
	s.off, s.line, s.lineStart = at, s.line+1, at
}

// comment moves past a comment (at '#') and its line break.
func (s *fastScanner) comment() {
	for s.off < len(s.data) {
		c := s.data[s.off]
		switch {
		case c == '\n':
			s.newLine(s.off + 1)
			return
		case c >= 0x20 && c < 0x7F:
			s.off++
		default:
			s.char()
		}
	}
}

// char moves past one character that libyaml reads as printable and not a
// line break, or gives up.
func (s *fastScanner) char() {
	c := s.data[s.off]
	if c >= 0x20 && c < 0x7F {
		s.off++
		return
	}
	if c < utf8.RuneSelf {
		s.giveUp() // a tab, a carriage return or another control character
	}
	r, n := utf8.DecodeRune(s.data[s.off:])
	if r == utf8.RuneError && n == 1 || !printable(r) {
		s.giveUp()
	}
	if s.wide < s.lineStart {
		s.wide = s.off
	}
	s.off += n
}

// printable reports whether libyaml reads r (not ASCII) as a printable
// character that is not a line break of its own (U+2028, U+2029).
func printable(r rune) bool {
	switch {
	case r == 0xFEFF || r == 0x2028 || r == 0x2029:
		return false
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD:
		return true
	}
	return false
}

// lineEnd moves past spaces, an optional comment and the line break that
// must end the line here.
func (s *fastScanner) lineEnd() {
	spaced := s.off > 0 && s.data[s.off-1] == ' '
	for s.off < len(s.data) && s.data[s.off] == ' ' {
		s.off++
		spaced = true
	}
	switch {
	case s.off == len(s.data):
	case s.data[s.off] == '\n':
		s.newLine(s.off + 1)
	case s.data[s.off] == '#' && spaced:
		s.comment()
	default:
		s.giveUp()
	}
}

// blockNode reads the block mapping or list whose first line starts at
// s.off, indented by indent.
func (s *fastScanner) blockNode(indent, depth int) {
	if depth > s.maxDepth {
		s.giveUp()
	}
	if s.entry(s.off) {
		s.blockList(indent, depth)
		return
	}
	s.blockMapping(indent, depth)
}

// entry reports whether a list entry ("- " or "-" at the end of a line)
// starts at i.
func (s *fastScanner) entry(i int) bool {
	d := s.data
	return d[i] == '-' && (i+1 == len(d) || d[i+1] == ' ' || d[i+1] == '\n')
}

// blockMapping reads a mapping whose keys are indented by indent; its
// first key starts at s.off (which may follow a list's "- ").
func (s *fastScanner) blockMapping(indent, depth int) {
	s.emit(libyaml.MappingStart, s.off)
	for first := true; ; first = false {
		if !first {
			at, ok := s.nextContent()
			if !ok || at < indent {
				break
			}
			if at > indent {
				s.giveUp()
			}
		}
		if s.entry(s.off) {
			s.giveUp() // a list where a key belongs (or a compact list in a list)
		}
		keyStart, keyEnd := s.key()
		s.scalar(keyStart, keyEnd, true, true)
		s.value(indent, depth)
	}
	s.emit(libyaml.MappingEnd, s.off)
}

// key reads a plain key in block context up to its ':' and the blank
// after it.
func (s *fastScanner) key() (start, end int) {
	d := s.data
	start = s.off
	if !startsKey(d[start]) {
		s.giveUp()
	}
	i := s.keyEnd(start, true)
	if i == len(d) || d[i] != ':' || i-start > 1000 || (i+1 < len(d) && d[i+1] != ' ' && d[i+1] != '\n') {
		s.giveUp()
	}
	s.off = i + 1
	return start, i
}

// keyEnd returns where the run of key characters from i ends: ASCII
// letters, digits, _ - . /, characters beyond ASCII that libyaml prints
// and, in block context (spaces), single spaces between them.
func (s *fastScanner) keyEnd(i int, spaces bool) int {
	d := s.data
	for i < len(d) {
		c := d[i]
		switch {
		case inKey(c):
			i++
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 || !printable(r) {
				s.giveUp()
			}
			if s.wide < s.lineStart {
				s.wide = i
			}
			i += n
		case c == ' ' && spaces && i+1 < len(d) && (inKey(d[i+1]) || d[i+1] >= utf8.RuneSelf):
			i++
		default:
			return i
		}
	}
	return i
}

// startsKey reports whether a key the fast path reads may start with c
// (a byte beyond ASCII starts a character keyEnd checks).
func startsKey(c byte) bool { return isAlnum(c) || c == '_' || c >= utf8.RuneSelf }

// inKey reports whether the ASCII character c may be in a key the fast
// path reads (see keyEnd).
func inKey(c byte) bool { return isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '/' }

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// value reads the value after a key of a mapping indented by indent: on
// the key's line, or a block collection on the lines below.
func (s *fastScanner) value(indent, depth int) {
	for s.off < len(s.data) && s.data[s.off] == ' ' {
		s.off++
	}
	if s.off == len(s.data) || s.data[s.off] == '\n' || s.data[s.off] == '#' && s.data[s.off-1] == ' ' {
		s.lineEnd()
		at, ok := s.nextContent()
		switch {
		case ok && at > indent:
			s.blockNode(at, depth+1)
		case ok && at == indent && s.entry(s.off):
			s.blockList(at, depth+1) // a list indented as its key
		default:
			s.giveUp() // an empty value (null): left to libyaml
		}
		return
	}
	s.inline(indent, depth+1)
}

// blockList reads a list whose entries are indented by indent; the first
// starts at s.off.
func (s *fastScanner) blockList(indent, depth int) {
	s.emit(libyaml.SequenceStart, s.off)
	for first := true; ; first = false {
		if !first {
			at, ok := s.nextContent()
			if !ok || at < indent || at == indent && !s.entry(s.off) {
				break
			}
			if at > indent {
				s.giveUp()
			}
		}
		s.off++ // the '-'
		for s.off < len(s.data) && s.data[s.off] == ' ' {
			s.off++
		}
		if s.off == len(s.data) || s.data[s.off] == '\n' || s.data[s.off] == '#' {
			s.giveUp() // the entry's value on the lines below, or none
		}
		if s.isKey() {
			s.blockMapping(s.off-s.lineStart, depth+1) // the line so far is "-" and spaces
			continue
		}
		s.inline(indent, depth+1)
	}
	s.emit(libyaml.SequenceEnd, s.off)
}

// isKey reports whether a plain key and its ':' start at s.off.
func (s *fastScanner) isKey() bool {
	d := s.data
	if !startsKey(d[s.off]) {
		return false
	}
	i := s.keyEnd(s.off, true)
	return i < len(d) && d[i] == ':' && (i+1 == len(d) || d[i+1] == ' ' || d[i+1] == '\n')
}

// inline reads a value written on the current line (a scalar, or a flow
// mapping or list closed on the line) and the end of the line; indent is
// the indentation of the block collection it belongs to.
func (s *fastScanner) inline(indent, depth int) {
	switch s.data[s.off] {
	case '{', '[':
		s.flow(depth)
	case '\'', '"':
		s.quoted()
	case '|', '>':
		s.blockScalar(indent)
		return
	default:
		start, end := s.plain(false)
		s.scalar(start, end, true, false)
		s.lineEnd()
		// A plain scalar goes on over lines indented deeper than its
		// collection: a multi-line scalar, left to libyaml.
		save := *s
		if at, ok := s.nextContent(); ok && at > indent {
			s.giveUp()
		}
		*s = save // nextContent emits nothing: only the position moved
		return
	}
	s.lineEnd()
}

// blockScalar reads a literal (|) or folded (>) block scalar with the
// default or strip (-) chomping, whose lines all start at the indentation
// of the first, which follows the header line; indent is its collection's.
// Anything else (an indentation indicator, keep chomping, an empty or
// more-indented line before or among the lines) is left to libyaml.
func (s *fastScanner) blockScalar(indent int) {
	d := s.data
	at := s.off
	literal := d[at] == '|'
	s.off++
	strip := s.off < len(d) && d[s.off] == '-'
	if strip {
		s.off++
	}
	if s.off == len(d) || d[s.off] != ' ' && d[s.off] != '\n' {
		s.giveUp() // an indentation indicator, keep chomping (+) or junk
	}
	line, col := s.line, s.column(at)
	s.lineEnd()
	var b []byte
	lines, empty, contentIndent := 0, 0, -1
	for s.off < len(d) {
		sp := 0
		for s.off+sp < len(d) && d[s.off+sp] == ' ' {
			sp++
		}
		end := s.off + sp
		if end == len(d) || d[end] == '\n' {
			if lines == 0 || sp > contentIndent {
				s.giveUp() // an empty line first, or one with more spaces than the indentation
			}
			empty++
			if end == len(d) {
				s.off = end
				break
			}
			s.newLine(end + 1)
			continue
		}
		if contentIndent < 0 {
			if sp <= indent {
				s.giveUp() // no lines: an empty scalar
			}
			contentIndent = sp
		}
		if sp < contentIndent {
			break
		}
		if sp > contentIndent {
			s.giveUp() // a more-indented line
		}
		if lines > 0 {
			switch {
			case literal:
				b = append(b, '\n')
				for range empty {
					b = append(b, '\n')
				}
			case empty == 0:
				b = append(b, ' ')
			default:
				for range empty {
					b = append(b, '\n')
				}
			}
		}
		lines, empty = lines+1, 0
		s.off = end
		for s.off < len(d) && d[s.off] != '\n' {
			s.char()
		}
		b = append(b, d[end:s.off]...)
		if s.off == len(d) {
			strip = true // no line break after the last line to keep
			break
		}
		s.newLine(s.off + 1)
	}
	if lines == 0 {
		s.giveUp() // an empty scalar at the end of the file
	}
	if !strip {
		b = append(b, '\n')
	}
	s.text(line, col, string(b))
}

// text queues a scalar whose text is not a slice of the file.
func (s *fastScanner) text(line, col int, value string) {
	if len(s.events) >= s.maxEvents {
		s.giveUp()
	}
	s.texts = append(s.texts, value)
	s.events = append(s.events, fastEvent{kind: libyaml.Scalar, line: int32(line), col: int32(col), //nolint:gosec // a file is at most 1 GiB (limits.max_file_bytes)
		start: int32(len(s.texts) - 1), end: -1}) //nolint:gosec // as above
}

// plain reads a one-line plain scalar; in a flow collection it also ends
// at , [ ] { }.
func (s *fastScanner) plain(flow bool) (start, end int) {
	d := s.data
	start = s.off
	switch c := d[start]; c {
	case '-', '?', ':':
		if start+1 == len(d) || d[start+1] == ' ' || d[start+1] == '\n' || flow && isFlowIndicator(d[start+1]) {
			s.giveUp()
		}
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		s.giveUp()
	}
	end = start
	ordinary := &plainBlock
	if flow {
		ordinary = &plainFlow
	}
	for s.off < len(d) {
		c := d[s.off]
		if ordinary[c] {
			s.off++
			end = s.off
			continue
		}
		switch {
		case c == '\n':
			return start, end
		case c == ' ':
			s.off++
			continue
		case c == ':':
			if s.off+1 == len(d) || d[s.off+1] == ' ' || d[s.off+1] == '\n' || flow && (isFlowIndicator(d[s.off+1]) || d[s.off+1] == '?') {
				s.giveUp() // a key where a value belongs
			}
		case flow && c == '?':
			s.giveUp() // ends a plain scalar in a flow collection
		case c == '#':
			if d[s.off-1] == ' ' {
				if flow {
					s.giveUp()
				}
				s.off = end
				return start, end
			}
		case flow && isFlowIndicator(c):
			s.off = end
			return start, end
		}
		s.char()
		end = s.off
	}
	return start, end
}

// plainBlock and plainFlow are the ASCII characters a plain scalar goes on
// over without a second look, in block and flow context: printable, not
// a blank, and none of the characters plain treats apart.
var plainBlock, plainFlow = func() (block, flow [256]bool) {
	for c := 0x21; c < 0x7F; c++ {
		block[c] = c != ':' && c != '#'
		flow[c] = block[c] && c != '?' && !isFlowIndicator(byte(c))
	}
	return block, flow
}()

func isFlowIndicator(c byte) bool { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' }

// quoted reads a one-line quoted scalar without escapes.
func (s *fastScanner) quoted() {
	d := s.data
	q := d[s.off]
	start := s.off
	s.off++
	for {
		if s.off == len(d) || d[s.off] == '\n' || d[s.off] == '\\' && q == '"' {
			s.giveUp() // over lines, or an escape
		}
		if d[s.off] == q {
			if q == '\'' && s.off+1 < len(d) && d[s.off+1] == '\'' {
				s.giveUp() // '' inside single quotes
			}
			break
		}
		s.char()
	}
	s.scalar(start, s.off, false, false)
	s.events[len(s.events)-1].start = int32(start + 1) //nolint:gosec // a file is at most 1 GiB (limits.max_file_bytes)
	s.off++
	if s.off < len(d) && d[s.off] == ':' {
		s.giveUp() // a quoted key
	}
}

// flow reads a flow mapping or list closed on the current line.
func (s *fastScanner) flow(depth int) {
	if depth > s.maxDepth {
		s.giveUp()
	}
	d := s.data
	open := d[s.off]
	closer, start, end := byte('}'), libyaml.MappingStart, libyaml.MappingEnd
	if open == '[' {
		closer, start, end = ']', libyaml.SequenceStart, libyaml.SequenceEnd
	}
	s.emit(start, s.off)
	s.off++
	s.flowSpaces()
	if d[s.off] == closer {
		s.off++
		s.emit(end, s.off-1)
		return
	}
	for {
		if open == '{' {
			kstart, kend := s.flowKey()
			s.scalar(kstart, kend, true, true)
			s.off++ // the ':'
			s.flowSpaces()
		}
		s.flowValue(depth)
		s.flowSpaces()
		switch d[s.off] {
		case ',':
			s.off++
			s.flowSpaces()
			if d[s.off] == closer {
				s.giveUp() // a trailing comma
			}
			continue
		case closer:
			s.off++
			s.emit(end, s.off-1)
			return
		}
		s.giveUp()
	}
}

// flowKey reads a plain key of a flow mapping, which ": " must follow,
// and stops at the ':'; anything else it gives up on.
func (s *fastScanner) flowKey() (start, end int) {
	d := s.data
	start = s.off
	if !startsKey(d[start]) {
		s.giveUp()
	}
	end = s.keyEnd(start, false)
	if end+1 >= len(d) || d[end] != ':' || d[end+1] != ' ' {
		s.giveUp()
	}
	s.off = end
	return start, end
}

// flowSpaces moves past spaces inside a flow collection, which must not
// reach the end of the line.
func (s *fastScanner) flowSpaces() {
	for s.off < len(s.data) && s.data[s.off] == ' ' {
		s.off++
	}
	if s.off == len(s.data) || s.data[s.off] == '\n' || s.data[s.off] == '#' {
		s.giveUp()
	}
}

func (s *fastScanner) flowValue(depth int) {
	switch s.data[s.off] {
	case '{', '[':
		s.flow(depth + 1)
	case '\'', '"':
		s.quoted()
	default:
		start, end := s.plain(true)
		if end == start {
			s.giveUp()
		}
		s.scalar(start, end, true, false)
	}
}

// elementDepth is the depth of an element's mapping: the document is at
// 0, a top-level list at 1, its mappings at 2.
const elementDepth = 2

// raw is the next queued event, as queued.
func (f *fastEvents) raw() fastEvent {
	e := f.events[f.next]
	f.next++
	return e
}

// size is the length of a scalar's text.
func (f *fastEvents) size(e fastEvent) int {
	if e.end < 0 {
		return len(f.texts[e.start])
	}
	return int(e.end - e.start)
}

// skip reads the value that follows (ParseOutline) and returns a null in
// its place, with its position and end line.
func (c *yamlComposer) skip(depth int) (*tree.Node, *ParseError) {
	e := c.outline.raw()
	out := c.nodeSlab.next()
	out.Pos = tree.Pos{Line: int(e.line), Col: int(e.col)}
	last, err := c.skipValue(e, depth)
	out.EndLine = last
	return out, err
}

// skipValue makes the composer's checks on the value that starts with e
// and every value inside it — the budget of values and text, the depth,
// duplicate keys — as if it built them, and returns the last line a value
// in it starts on: its end line.
func (c *yamlComposer) skipValue(e fastEvent, depth int) (int, *ParseError) {
	f := c.outline
	pos := tree.Pos{Line: int(e.line), Col: int(e.col)}
	if err := c.count(pos, depth); err != nil {
		return 0, err
	}
	last := pos.Line
	switch e.kind {
	case libyaml.Scalar:
		return last, c.weigh(pos, f.size(e))
	case libyaml.SequenceStart:
		for {
			it := f.raw()
			if it.kind == libyaml.SequenceEnd {
				return last, nil
			}
			l, err := c.skipValue(it, depth+1)
			if err != nil {
				return 0, err
			}
			last = max(last, l)
		}
	case libyaml.MappingStart:
		var keys []string
		var seen map[string]bool
		for {
			k := f.raw()
			if k.kind == libyaml.MappingEnd {
				return last, nil
			}
			kpos := tree.Pos{Line: int(k.line), Col: int(k.col)}
			if k.kind != libyaml.Scalar || k.end < 0 {
				return 0, perr(kpos, "mapping keys must be plain strings")
			}
			if err := c.weigh(kpos, f.size(k)); err != nil {
				return 0, err
			}
			key := unsafe.String(&f.data[k.start], k.end-k.start) //nolint:gosec // a view of the file for the length of this loop
			if seen == nil && slices.Contains(keys, key) || seen[key] {
				return 0, perr(kpos, "duplicate key %q", Truncate(key, 60))
			}
			if seen == nil && len(keys) == 16 {
				seen = make(map[string]bool, 64)
				for _, k := range keys {
					seen[k] = true
				}
			}
			if seen != nil {
				seen[key] = true
			} else {
				keys = append(keys, key)
			}
			l, err := c.skipValue(f.raw(), depth+1)
			if err != nil {
				return 0, err
			}
			last = max(last, l)
		}
	}
	return 0, perr(pos, "invalid YAML: unexpected %s", e.kind)
}
