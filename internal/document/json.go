package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/kpilint/kpilint/internal/tree"
)

// parseJSON reads one JSON document, keeping the position of every key and
// value. encoding/json reports only byte offsets, so positions come from
// the file's line index at the offset where each token starts.
func parseJSON(data []byte, lim Limits) ([]*tree.Node, *ParseError) {
	p := &jsonParser{data: data, lines: NewLines(data), dec: json.NewDecoder(bytes.NewReader(data)), lim: lim}
	p.dec.UseNumber()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, terr := p.dec.Token(); !errors.Is(terr, io.EOF) {
		return nil, perr(p.here(), "invalid JSON: unexpected content after the top-level value")
	}
	return []*tree.Node{n}, nil
}

type jsonParser struct {
	data  []byte
	lines *Lines
	dec   *json.Decoder
	lim   Limits
	nodes int
}

// here is the position of the next token: the decoder's offset moved past
// whitespace and the separators it consumes silently.
func (p *jsonParser) here() tree.Pos {
	off := int(p.dec.InputOffset())
	for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return p.lines.Pos(off)
}

func (p *jsonParser) token() (json.Token, tree.Pos, *ParseError) {
	pos := p.here()
	tok, err := p.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, p.lines.Pos(int(se.Offset)), perr(p.lines.Pos(max(int(se.Offset)-1, 0)), "invalid JSON: %s", Truncate(se.Error(), maxMessage))
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, pos, perr(pos, "invalid JSON: unexpected end of file")
		}
		return nil, pos, perr(pos, "invalid JSON: %s", Truncate(err.Error(), maxMessage))
	}
	return tok, pos, nil
}

func (p *jsonParser) value(depth int) (*tree.Node, *ParseError) {
	tok, pos, err := p.token()
	if err != nil {
		return nil, err
	}
	p.nodes++
	if p.nodes > p.lim.MaxNodes {
		return nil, perr(pos, "file has more than %d values; kpilint stops here", p.lim.MaxNodes)
	}
	if depth > p.lim.MaxDepth {
		return nil, perr(pos, "values are nested more than %d levels deep", p.lim.MaxDepth)
	}
	n := &tree.Node{Pos: pos, EndLine: pos.Line}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.Kind = tree.Map
			return n, p.object(n, depth)
		case '[':
			n.Kind = tree.List
			return n, p.array(n, depth)
		}
		return nil, perr(pos, "invalid JSON: unexpected %s", t.String())
	case nil:
		n.Kind = tree.Null
		n.Str = "null"
	case bool:
		n.Kind, n.Bool, n.Str = tree.Bool, t, strconv.FormatBool(t)
	case json.Number:
		n.Kind, n.Str = tree.Number, t.String()
		n.IsInt = !strings.ContainsAny(n.Str, ".eE")
		f, ferr := t.Float64()
		if ferr != nil {
			return nil, perr(pos, "number out of range: %s", Truncate(n.Str, 40))
		}
		n.Num = f
	case string:
		n.Kind, n.Str = tree.String, t
	}
	return n, nil
}

func (p *jsonParser) object(n *tree.Node, depth int) *ParseError {
	seen := map[string]bool{}
	for p.dec.More() {
		tok, pos, err := p.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if seen[key] {
			return perr(pos, "duplicate key %q", Truncate(key, 60))
		}
		seen[key] = true
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		n.Entries = append(n.Entries, &tree.Entry{Key: key, KeyPos: tree.Pos{Line: pos.Line, Col: pos.Col + 1}, Value: v})
		n.EndLine = max(n.EndLine, v.EndLine)
	}
	_, pos, err := p.token() // '}'
	n.EndLine = max(n.EndLine, pos.Line)
	return err
}

func (p *jsonParser) array(n *tree.Node, depth int) *ParseError {
	for p.dec.More() {
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		n.Items = append(n.Items, v)
		n.EndLine = max(n.EndLine, v.EndLine)
	}
	_, pos, err := p.token() // ']'
	n.EndLine = max(n.EndLine, pos.Line)
	return err
}
