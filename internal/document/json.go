package document

import (
	"encoding/binary"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/kpilint/kpilint/internal/tree"
)

// parseJSON reads one JSON document (RFC 8259) straight into the tree,
// keeping the position of every key and value. It is a scanner of its own
// rather than encoding/json's Decoder.Token: the decoder boxes every token
// and reports only byte offsets, which made a JSON catalogue four times
// slower to lint than the same catalogue in YAML (BENCHMARKS.md). What it
// accepts, the values it builds and its syntax messages are encoding/json's
// (json_test.go compares the two on every fuzzed input).
func parseJSON(data []byte, lim Limits) ([]*tree.Node, *ParseError) {
	return parseJSONIn(data, lim, nil)
}

// parseJSONIn is parseJSON with the tree's values from a (when not nil).
func parseJSONIn(data []byte, lim Limits, a *Arena) ([]*tree.Node, *ParseError) {
	p := &jsonParser{data: data, lim: lim, line: 1, col: 1}
	p.treeBlocks = a.blocks()
	p.keys = a.keys()
	p.space()
	if p.off == len(data) {
		return nil, nil
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.off < len(data) {
		return nil, perr(p.pos(), "invalid JSON: unexpected content after the top-level value")
	}
	return []*tree.Node{n}, nil
}

type jsonParser struct {
	data []byte
	off  int
	lim  Limits
	// nodes counts the values built, against lim.MaxNodes.
	nodes int
	// The position of offset colOff: newlines occur only between tokens,
	// so space() moves the line on and pos() counts the characters since
	// the last position asked for — linear even in a one-line file.
	line, col, colOff int
	treeBlocks
	entries stack[*tree.Entry]
	items   stack[*tree.Node]
	keys    *keyTable
	buf     []byte // unescaping scratch
}

// pos is the position of the current offset.
func (p *jsonParser) pos() tree.Pos {
	p.col += utf8.RuneCount(p.data[p.colOff:p.off])
	p.colOff = p.off
	return tree.Pos{Line: p.line, Col: p.col}
}

// space skips whitespace.
func (p *jsonParser) space() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case ' ', '\t', '\r':
		case '\n':
			p.line++
			p.col, p.colOff = 1, p.off+1
			// Indentation eight spaces at a time: pretty-printed
			// catalogues are mostly indentation.
			for p.off+9 <= len(p.data) && binary.LittleEndian.Uint64(p.data[p.off+1:]) == eightSpaces {
				p.off += 8
			}
		default:
			return
		}
		p.off++
	}
}

const eightSpaces = 0x2020202020202020

// plainInString marks the bytes a JSON string holds as they are: not the
// quote, the backslash, a control character or a byte beyond ASCII.
var plainInString = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// syntax is encoding/json's message for an unexpected byte at the current
// offset, or the end-of-file message when the file ends there.
func (p *jsonParser) syntax(context string) *ParseError {
	if p.off >= len(p.data) {
		return p.eof()
	}
	return perr(p.pos(), "invalid JSON: %s", "invalid character "+quoteChar(p.data[p.off])+" "+context)
}

func (p *jsonParser) eof() *ParseError {
	p.off = len(p.data)
	return perr(p.pos(), "invalid JSON: unexpected end of file")
}

// quoteChar formats c as encoding/json's syntax errors do.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// value reads the value at the current offset (whitespace skipped).
func (p *jsonParser) value(depth int) (*tree.Node, *ParseError) {
	pos := p.pos()
	p.nodes++
	if p.nodes > p.lim.MaxNodes {
		return nil, perr(pos, "file has more than %d values; kpilint stops here", p.lim.MaxNodes)
	}
	if depth > p.lim.MaxDepth {
		return nil, perr(pos, "values are nested more than %d levels deep", p.lim.MaxDepth)
	}
	if p.off >= len(p.data) {
		return nil, p.eof()
	}
	n := p.nodeSlab.next()
	n.Pos, n.EndLine = pos, pos.Line
	switch c := p.data[p.off]; {
	case c == '{':
		n.Kind = tree.Map
		return n, p.object(n, depth)
	case c == '[':
		n.Kind = tree.List
		return n, p.array(n, depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n.Kind, n.Str = tree.String, s
	case c == 't':
		n.Kind, n.Bool, n.Str = tree.Bool, true, "true"
		return n, p.literal("true")
	case c == 'f':
		n.Kind, n.Str = tree.Bool, "false"
		return n, p.literal("false")
	case c == 'n':
		n.Kind, n.Str = tree.Null, "null"
		return n, p.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return n, p.number(n)
	default:
		return nil, p.syntax("looking for beginning of value")
	}
	return n, nil
}

func (p *jsonParser) literal(word string) *ParseError {
	for i := 1; i < len(word); i++ {
		p.off++
		if p.off >= len(p.data) {
			return p.eof()
		}
		if p.data[p.off] != word[i] {
			return p.syntax("in literal " + word + " (expecting " + quoteChar(word[i]) + ")")
		}
	}
	p.off++
	return nil
}

// number reads a number as RFC 8259 writes it, keeping its literal text.
func (p *jsonParser) number(n *tree.Node) *ParseError {
	start := p.off
	d := p.data
	digits := func() int {
		from := p.off
		for p.off < len(d) && '0' <= d[p.off] && d[p.off] <= '9' {
			p.off++
		}
		return p.off - from
	}
	if d[p.off] == '-' {
		p.off++
	}
	switch {
	case p.off >= len(d):
		return p.eof()
	case d[p.off] == '0':
		p.off++
	case '1' <= d[p.off] && d[p.off] <= '9':
		digits()
	default:
		return p.syntax("in numeric literal")
	}
	if p.off < len(d) && d[p.off] == '.' {
		p.off++
		if p.off >= len(d) {
			return p.eof()
		}
		if digits() == 0 {
			return p.syntax("after decimal point in numeric literal")
		}
	}
	if p.off < len(d) && (d[p.off] == 'e' || d[p.off] == 'E') {
		p.off++
		if p.off < len(d) && (d[p.off] == '+' || d[p.off] == '-') {
			p.off++
		}
		if p.off >= len(d) {
			return p.eof()
		}
		if digits() == 0 {
			return p.syntax("in exponent of numeric literal")
		}
	}
	n.Kind, n.Str, n.IsInt = tree.Number, p.keys.value(d[start:p.off]), true
	for _, c := range d[start:p.off] {
		if c == '.' || c == 'e' || c == 'E' {
			n.IsInt = false
			break
		}
	}
	f, err := strconv.ParseFloat(n.Str, 64)
	if err != nil {
		return perr(n.Pos, "number out of range: %s", Truncate(n.Str, 40))
	}
	n.Num = f
	return nil
}

func (p *jsonParser) object(n *tree.Node, depth int) *ParseError {
	p.off++ // '{'
	// Duplicate keys: a linear scan for the usual small object, a map for
	// big ones (a hostile file with 40,000 keys stays linear).
	var seen map[string]bool
	base := len(p.entries)
	for first := true; ; first = false {
		p.space()
		if first && p.off < len(p.data) && p.data[p.off] == '}' {
			break
		}
		if p.off >= len(p.data) || p.data[p.off] != '"' {
			return p.syntax("looking for beginning of object key string")
		}
		pos := p.pos()
		key, err := p.key()
		if err != nil {
			return err
		}
		dup := seen[key]
		if seen == nil {
			for _, e := range p.entries[base:] {
				dup = dup || e.Key == key
			}
		}
		if dup {
			return perr(pos, "duplicate key %q", Truncate(key, 60))
		}
		if seen == nil && len(p.entries)-base == 16 {
			seen = make(map[string]bool, 64)
			for _, e := range p.entries[base:] {
				seen[e.Key] = true
			}
		}
		if seen != nil {
			seen[key] = true
		}
		p.space()
		if p.off >= len(p.data) || p.data[p.off] != ':' {
			return p.syntax("after object key")
		}
		p.off++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		e := p.entrySlab.next()
		e.Key, e.KeyPos, e.Value = key, tree.Pos{Line: pos.Line, Col: pos.Col + 1}, v
		p.entries = append(p.entries, e)
		n.EndLine = max(n.EndLine, v.EndLine)
		if more, err := p.separator('}', "after object key:value pair"); !more {
			if err != nil {
				return err
			}
			break
		}
	}
	n.Entries = p.entries.take(base, p.entryLists)
	n.EndLine = max(n.EndLine, p.line)
	p.off++ // '}'
	return nil
}

func (p *jsonParser) array(n *tree.Node, depth int) *ParseError {
	p.off++ // '['
	base := len(p.items)
	for first := true; ; first = false {
		p.space()
		if first && p.off < len(p.data) && p.data[p.off] == ']' {
			break
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		p.items = append(p.items, v)
		n.EndLine = max(n.EndLine, v.EndLine)
		if more, err := p.separator(']', "after array element"); !more {
			if err != nil {
				return err
			}
			break
		}
	}
	n.Items = p.items.take(base, p.nodeLists)
	n.EndLine = max(n.EndLine, p.line)
	p.off++ // ']'
	return nil
}

// separator moves past the comma after a member or an element (more: one
// follows), or stops at the closing bracket; anything else is context's
// syntax error.
func (p *jsonParser) separator(closing byte, context string) (more bool, _ *ParseError) {
	p.space()
	switch {
	case p.off < len(p.data) && p.data[p.off] == ',':
		p.off++
		return true, nil
	case p.off < len(p.data) && p.data[p.off] == closing:
		return false, nil
	}
	return false, p.syntax(context)
}

// key reads an object key, each distinct key stored once per file.
func (p *jsonParser) key() (string, *ParseError) {
	start := p.off + 1
	raw, err := p.quoted()
	if err != nil {
		return "", err
	}
	if !raw {
		return string(p.buf), nil
	}
	return p.keys.intern(p.data[start : p.off-1]), nil
}

// str reads a string value.
func (p *jsonParser) str() (string, *ParseError) {
	start := p.off + 1
	raw, err := p.quoted()
	if err != nil {
		return "", err
	}
	if raw {
		return p.keys.value(p.data[start : p.off-1]), nil
	}
	return string(p.buf), nil
}

// quoted moves past the string at the current offset. raw reports that
// its bytes between the quotes are its value; otherwise (escapes, or bytes
// that are not UTF-8, which become U+FFFD as in encoding/json) the value
// is in p.buf.
func (p *jsonParser) quoted() (raw bool, _ *ParseError) {
	d := p.data
	start := p.off
	i := start + 1
	for i < len(d) {
		for i < len(d) && plainInString[d[i]] {
			i++
		}
		if i == len(d) {
			break
		}
		switch c := d[i]; { // not plain: a quote, a backslash, a control character or beyond ASCII
		case c == '"':
			p.off = i + 1
			return true, nil
		case c == '\\' || c < 0x20:
			return false, p.unquote(start, i)
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				return false, p.unquote(start, i)
			}
			i += size
		}
	}
	return false, p.cut(start)
}

// cut is the error for a string the file ends inside: at its opening quote.
func (p *jsonParser) cut(start int) *ParseError {
	p.off = start
	return perr(p.pos(), "invalid JSON: unexpected end of file")
}

// unquote decodes the string starting at offset start into p.buf, from
// offset i, before which every byte is its own value.
func (p *jsonParser) unquote(start, i int) *ParseError {
	d := p.data
	p.buf = append(p.buf[:0], d[start+1:i]...)
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			p.off = i + 1
			return nil
		case c < 0x20:
			p.off = i
			return p.syntax("in string literal")
		case c == '\\':
			i++
			if i >= len(d) {
				break
			}
			switch e := d[i]; e {
			case '"', '\\', '/':
				p.buf = append(p.buf, e)
			case 'b':
				p.buf = append(p.buf, '\b')
			case 'f':
				p.buf = append(p.buf, '\f')
			case 'n':
				p.buf = append(p.buf, '\n')
			case 'r':
				p.buf = append(p.buf, '\r')
			case 't':
				p.buf = append(p.buf, '\t')
			case 'u':
				r, err := p.hex4(i + 1)
				if err != nil {
					return err
				}
				i += 4
				if utf16.IsSurrogate(r) {
					// A pair is two escapes; a lone half is U+FFFD.
					r2 := rune(-1)
					if i+6 < len(d) && d[i+1] == '\\' && d[i+2] == 'u' {
						r2, _ = hexValue(d[i+3 : i+7])
					}
					r = utf16.DecodeRune(r, r2)
					if r != utf8.RuneError {
						i += 6
					}
				}
				p.buf = utf8.AppendRune(p.buf, r)
			default:
				p.off = i
				return p.syntax("in string escape code")
			}
			i++
		case c < utf8.RuneSelf:
			p.buf = append(p.buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			p.buf = utf8.AppendRune(p.buf, r)
			i += size
		}
	}
	return p.cut(start)
}

// hex4 reads the four hexadecimal digits of a \u escape at offset i.
func (p *jsonParser) hex4(i int) (rune, *ParseError) {
	if i+4 > len(p.data) {
		if j := badHex(p.data[i:]); j >= 0 {
			p.off = i + j
			return 0, p.syntax("in \\u hexadecimal character escape")
		}
		return 0, p.eof()
	}
	r, ok := hexValue(p.data[i : i+4])
	if !ok {
		p.off = i + badHex(p.data[i:i+4])
		return 0, p.syntax("in \\u hexadecimal character escape")
	}
	return r, nil
}

// hexValue is the number four hexadecimal digits write.
func hexValue(b []byte) (rune, bool) {
	if badHex(b) >= 0 {
		return -1, false
	}
	var r rune
	for _, c := range b {
		switch {
		case c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a':
			r = r<<4 | rune(c-'a'+10)
		default:
			r = r<<4 | rune(c-'A'+10)
		}
	}
	return r, true
}

// badHex is the index of the first byte of b that is not a hexadecimal
// digit, or -1.
func badHex(b []byte) int {
	for j, c := range b {
		hex := '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
		if !hex {
			return j
		}
	}
	return -1
}
