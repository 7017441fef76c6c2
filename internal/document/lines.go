package document

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/kpilint/kpilint/internal/tree"
)

// Lines maps byte offsets of one file to 1-based lines and character
// columns, as go/token.File does: the line starts are found once, so a
// position costs a binary search plus the characters between the last
// position asked for and this one. Parsers ask in increasing order, so
// positioning every token of a file is linear in its size, even when the
// whole file is one line (minified JSON). Not safe for concurrent use.
type Lines struct {
	data   []byte
	starts []int // byte offset of each line's first byte
	// The last position answered: counting resumes from it when the next
	// offset is on the same line and not before it.
	lastOff int
	last    tree.Pos
}

// NewLines indexes data.
func NewLines(data []byte) *Lines {
	starts := make([]int, 1, 1+bytes.Count(data, []byte{'\n'}))
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{data: data, starts: starts, last: tree.Pos{Line: 1, Col: 1}}
}

// Pos is the position of the byte at offset (clamped to the file).
func (l *Lines) Pos(offset int) tree.Pos {
	offset = min(max(offset, 0), len(l.data))
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) // 1-based line
	from, col := l.starts[line-1], 1
	if l.last.Line == line && l.lastOff <= offset {
		from, col = l.lastOff, l.last.Col
	}
	col += utf8.RuneCount(l.data[from:offset])
	l.lastOff, l.last = offset, tree.Pos{Line: line, Col: col}
	return l.last
}

// positionAt is the position of one offset, for a parser that needs only one.
func positionAt(data []byte, offset int) tree.Pos { return NewLines(data).Pos(offset) }
