package document

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/kpilint/kpilint/internal/tree"
)

// naivePos is the definition Lines must agree with: count newlines before
// offset, then characters since the last one.
func naivePos(data []byte, offset int) tree.Pos {
	line := 1 + bytes.Count(data[:offset], []byte{'\n'})
	start := bytes.LastIndexByte(data[:offset], '\n') + 1
	return tree.Pos{Line: line, Col: 1 + utf8.RuneCount(data[start:offset])}
}

func TestLinesAgreeWithCounting(t *testing.T) {
	data := []byte("a: 1\nnamn: Åsa Öberg\n\n  \"x\": [1, 2]\r\nlast")
	l := NewLines(data)
	// Every character's offset, forward, then backward and repeated ones:
	// all give the counted answer. (Parsers only ask at characters.)
	var offsets []int
	for off := range string(data) {
		offsets = append(offsets, off)
	}
	offsets = append(offsets, len(data), 7, 0, 25, 25, 4)
	for _, off := range offsets {
		assert.Equal(t, naivePos(data, off), l.Pos(off), "offset %d", off)
	}
	assert.Equal(t, naivePos(data, len(data)), l.Pos(len(data)+10), "past the end clamps")
}

// BenchmarkLinesOneLongLine positions every token of a minified 5 MB JSON
// line: linear, where counting from the start each time was quadratic.
func BenchmarkLinesOneLongLine(b *testing.B) {
	data := bytes.Repeat([]byte(`{"id":"kpi-ä","v":12},`), 5<<20/22)
	for b.Loop() {
		l := NewLines(data)
		for off := 0; off < len(data); off += 7 {
			l.Pos(off)
		}
	}
}
