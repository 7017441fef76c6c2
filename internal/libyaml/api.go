// Package libyaml is the scanner and parser of go.yaml.in/yaml/v3 (v3.0.6),
// the Go port of libyaml, with an exported event API added. The library
// keeps them unexported and only builds its own yaml.Node tree from them;
// kpilint builds its position-keeping tree straight from the events, which
// saves a tree per file (see BENCHMARKS.md). Everything except this file
// and the changes listed in README.md is the library's code, under its
// licences (LICENSE, NOTICE).
package libyaml

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Kind is the type of an event.
type Kind int8

// The events of a YAML stream, in the order the parser produces them:
// StreamStart, then per document DocumentStart, one node, DocumentEnd, and
// finally StreamEnd. A node is a Scalar, an Alias, or a MappingStart or
// SequenceStart followed by its children and the matching end.
const (
	StreamStart   = Kind(yaml_STREAM_START_EVENT)
	StreamEnd     = Kind(yaml_STREAM_END_EVENT)
	DocumentStart = Kind(yaml_DOCUMENT_START_EVENT)
	DocumentEnd   = Kind(yaml_DOCUMENT_END_EVENT)
	Alias         = Kind(yaml_ALIAS_EVENT)
	Scalar        = Kind(yaml_SCALAR_EVENT)
	SequenceStart = Kind(yaml_SEQUENCE_START_EVENT)
	SequenceEnd   = Kind(yaml_SEQUENCE_END_EVENT)
	MappingStart  = Kind(yaml_MAPPING_START_EVENT)
	MappingEnd    = Kind(yaml_MAPPING_END_EVENT)
	TailComment   = Kind(yaml_TAIL_COMMENT_EVENT)
)

func (k Kind) String() string { return yaml_event_type_t(k).String() }

// Event is one parsing event. Its strings stay valid after the next call to
// Next.
type Event struct {
	Kind Kind
	// Line and Col are where the event starts, 1-based; the column counts
	// characters.
	Line, Col int
	// Anchor is the anchor of a node (`&a`), or the name an Alias refers to.
	Anchor string
	// Tag is the tag as written (`!!str`, `tag:yaml.org,2002:int`), or "".
	Tag string
	// Value is a scalar's text.
	Value string
	// Plain reports whether a scalar was written without quotes and not as
	// a block scalar: only plain scalars are resolved to null, bool, int or
	// float.
	Plain bool
}

// Error is a syntax error with the position the parser found it at.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg) }

// Parser reads the events of one YAML stream held in memory.
type Parser struct {
	p     yaml_parser_t
	ev    yaml_event_t
	ended bool
}

// NewParser returns a parser of data. An empty input is one empty line, as
// in the library.
func NewParser(data []byte) *Parser {
	p := &Parser{}
	yaml_parser_initialize(&p.p)
	if len(data) == 0 {
		data = []byte{'\n'}
	}
	yaml_parser_set_input_string(&p.p, data)
	return p
}

// Next returns the next event. After StreamEnd or an error it keeps
// returning the same.
func (p *Parser) Next() (Event, *Error) {
	if p.ended {
		return Event{Kind: StreamEnd}, nil
	}
	if p.p.error != yaml_NO_ERROR {
		return Event{}, p.err()
	}
	p.ev = yaml_event_t{}
	if !yaml_parser_parse(&p.p, &p.ev) || p.p.error != yaml_NO_ERROR {
		return Event{}, p.err()
	}
	ev := &p.ev
	out := Event{
		Kind:   Kind(ev.typ),
		Line:   ev.start_mark.line + 1,
		Col:    ev.start_mark.column + 1,
		Anchor: view(ev.anchor),
		Tag:    view(ev.tag),
	}
	if ev.typ == yaml_SCALAR_EVENT {
		out.Value = view(ev.value)
		out.Plain = ev.scalar_style()&yaml_PLAIN_SCALAR_STYLE != 0
	}
	if ev.typ == yaml_STREAM_END_EVENT {
		p.ended = true
	}
	return out, nil
}

// isTimestamp is parseTimestamp's verdict. Text without a time part (no
// 'T', 't' or space, which every other format has) can only be a date, so
// only the date format is tried: the three failures before it allocated an
// error each, for every date of a catalogue.
func isTimestamp(in string) bool {
	if !strings.ContainsAny(in, "Tt ") {
		if len(in) < 5 || in[4] != '-' {
			return false
		}
		for i := range 4 {
			if in[i] < '0' || in[i] > '9' {
				return false
			}
		}
		_, err := time.Parse("2006-1-2", in)
		return err == nil
	}
	_, ok := parseTimestamp(in)
	return ok
}

// view turns a byte slice the scanner produced into a string without a
// copy. It is safe because the scanner allocates a fresh slice for every
// anchor, tag and scalar value of a token and never writes to it again
// (scannerc.go: `var s []byte` in each yaml_parser_scan_* function).
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) //nolint:gosec // audited: the slice is never written again (above)
}

// err describes the parser's error. The position is where the problem was
// found, except at the end of the input: there the problem is something
// left open (a quote, a flow mapping), and the position is where that
// began. The context (what the parser was reading, and where it began)
// follows the problem in the message, as libyaml prints it.
func (p *Parser) err() *Error {
	mark := p.p.problem_mark
	msg := p.p.problem
	if msg == "" {
		msg = "unknown problem parsing YAML content"
	}
	if p.p.context != "" {
		ctx := p.p.context_mark
		msg = fmt.Sprintf("%s (%s at line %d, column %d)", msg, p.p.context, ctx.line+1, ctx.column+1)
		if mark.index >= len(p.p.input) && ctx.line+ctx.column > 0 {
			mark = ctx
		}
	}
	if p.p.error == yaml_READER_ERROR {
		// The reader knows the byte offset of the problem, not its mark.
		line, col := position(p.p.input, p.p.problem_offset)
		return &Error{Line: line, Col: col, Msg: fmt.Sprintf("%s (byte 0x%02X)", msg, p.p.problem_value)}
	}
	return &Error{Line: mark.line + 1, Col: mark.column + 1, Msg: msg}
}

// position is the 1-based line and column (in characters) of a byte offset.
func position(input []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(input))
	before := input[:offset]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte{'\n'}) + 1, utf8.RuneCount(before[start:]) + 1
}

// Resolve returns the short tag (`!!null`, `!!bool`, `!!int`, `!!float`,
// `!!timestamp`, `!!str`) a plain scalar resolves to, as the library's
// resolve (resolve.go) decides it for an untagged scalar. It is that
// function with the decoded values left out: the library boxes every
// value, a string included, into an interface — one allocation per
// scalar. FuzzResolve holds the two together.
func Resolve(in string) string {
	hint := byte('N')
	if in != "" {
		hint = resolveTable[in[0]]
	}
	if hint == 0 {
		return strTag
	}
	if item, ok := resolveMap[in]; ok {
		return item.tag
	}
	switch hint {
	case '.':
		if _, err := strconv.ParseFloat(in, 64); err == nil {
			return floatTag
		}
	case 'D', 'S':
		if isTimestamp(in) {
			return timestampTag
		}
		plain := strings.ReplaceAll(in, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return intTag
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return intTag
		}
		if yamlStyleFloat.MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return floatTag
			}
		}
		for _, p := range [...]struct {
			prefix string
			base   int
		}{{"0b", 2}, {"-0b", 2}, {"0o", 8}, {"-0o", 8}} {
			if !strings.HasPrefix(plain, p.prefix) {
				continue
			}
			digits := plain[len(p.prefix):]
			if p.prefix[0] == '-' {
				digits = "-" + digits
			}
			if _, err := strconv.ParseInt(digits, p.base, 64); err == nil {
				return intTag
			}
			if _, err := strconv.ParseUint(digits, p.base, 64); err == nil && p.prefix[0] != '-' {
				return intTag
			}
		}
	}
	return strTag
}

// ShortTag returns the short form of an explicit tag: `tag:yaml.org,2002:int`
// becomes `!!int`.
func ShortTag(tag string) string { return shortTag(tag) }
