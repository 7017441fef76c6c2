package document

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/tree"
)

// Limits bound what kpilint reads from one file. Files come from pull
// requests; these keep a small hostile file from costing unbounded time or
// memory.
type Limits struct {
	MaxFileBytes int64 // size of the file on disk
	MaxNodes     int   // values after alias and merge-key expansion
	MaxDepth     int   // nesting of mappings and lists
	MaxMessage   int   // characters of any message kpilint prints
	// Columns maps a spreadsheet's headers (normalised) to field paths,
	// before the headers kpilint knows: kpilint.yaml's spreadsheet.columns.
	Columns map[string]string
}

// DefaultLimits are used where the configuration sets none.
var DefaultLimits = Limits{MaxFileBytes: 8 << 20, MaxNodes: 1_000_000, MaxDepth: 64, MaxMessage: 400}

// ParseError is a file that cannot be read as a catalogue: reported as a
// `syntax` finding at Pos.
type ParseError struct {
	Pos tree.Pos
	Msg i18n.Message
}

func perr(pos tree.Pos, format string, args ...any) *ParseError {
	return &ParseError{Pos: pos, Msg: i18n.Msg(format, args...)}
}

func (e *ParseError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

// maxMessage bounds how much of a parser's own message kpilint repeats.
const maxMessage = 200

// Truncate shortens s to at most n characters, marking the cut.
func Truncate(s string, n int) string { return i18n.Truncate(s, n) }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// checkEncoding rejects what no catalogue parser should see: UTF-16, binary
// content and invalid UTF-8, each with the position of the first bad byte.
// It returns data without a UTF-8 byte-order mark.
func checkEncoding(data []byte) ([]byte, *ParseError) {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return nil, perr(tree.Pos{Line: 1, Col: 1}, "file is UTF-16 encoded; save it as UTF-8")
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, perr(positionAt(data, i), "file contains a NUL byte: it looks binary, not like a text catalogue")
	}
	if utf8.Valid(data) {
		return data, nil
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return nil, perr(positionAt(data, i), "file is not valid UTF-8 (byte 0x%02X)", data[i])
		}
		i += size
	}
	return data, nil
}
