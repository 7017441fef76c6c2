package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/tree"
)

// jsonSeeds are the inputs FuzzJSONAgreesWithEncodingJSON starts from: the
// repository's JSON files and the corners of the grammar.
func jsonSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	seeds := [][]byte{}
	for _, s := range []string{
		``, ` `, `{}`, `[]`, `{"a":1}`, "{\n  \"a\": [1, 2.5, -0, 1e3, 1E-2, true, false, null]\n}\n",
		`{"a":"\u00e9\ud83d\ude00\ud800x\n\"\\\/\b\f\r\t"}`, `"\ud83d"`, `"\ud83d\u0041"`, `"\udc00\ud83d\ude00"`,
		"{\"å\": \"Åsa\xff\", \"b\":\n\t{\"c\": []}}", `{"a":1,}`, `{"a":1 "b":2}`, `{"a" 1}`, `{1:2}`, `[1,]`, `[1 2]`,
		`tru`, `trux`, `nul`, `-`, `-a`, `01`, `1.`, `1.a`, `1e`, `1e+`, `1ex`, `"abc`, `"a\`, `"a\x"`, `"\u12"`, `"\u12g4"`,
		"\"a\nb\"", `{"a":1}x`, `{"a":1} {}`, `{"a":1,"a":2}`, `1e400`, `[[[[[[]]]]]]`, "\ufeff{}", `{"kpis": [{"id": "k1", "na`,
		`{"a":[1,{"b":null}],"c":"ü"}`, "[\n1\n,\n2\n]",
	} {
		seeds = append(seeds, []byte(s))
	}
	files, err := filepath.Glob("../../testdata/*/*.json")
	require.NoError(tb, err)
	more, err := filepath.Glob("../../testdata/*/*/*.json")
	require.NoError(tb, err)
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		require.NoError(tb, err)
		seeds = append(seeds, data)
	}
	return seeds
}

// TestJSONAgreesWithEncodingJSON runs the fuzz comparison on its seeds.
func TestJSONAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds(t) {
		agreeWithEncodingJSON(t, s)
	}
}

// FuzzJSONAgreesWithEncodingJSON checks kpilint's JSON reader against
// encoding/json: the same inputs accepted, the same values, the same
// syntax messages at the offending byte; and every key and value
// positioned at its first character.
func FuzzJSONAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range jsonSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(agreeWithEncodingJSON)
}

func agreeWithEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	docs, perr := parseJSON(data, DefaultLimits)
	var want any
	err := json.Unmarshal(data, &want)
	if len(bytes.TrimLeft(data, " \t\r\n")) == 0 {
		assert.Nil(t, perr, "%q", data)
		assert.Empty(t, docs, "%q", data)
		return
	}
	if perr != nil {
		msg := perr.Msg.String()
		switch {
		case strings.HasPrefix(msg, "duplicate key"), strings.HasPrefix(msg, "number out of range"),
			strings.HasPrefix(msg, "values are nested"), strings.HasPrefix(msg, "file has more than"):
			return // kpilint's own limits: encoding/json accepts these
		}
		var se *json.SyntaxError
		require.True(t, errors.As(err, &se), "kpilint rejects %q (%s) and encoding/json accepts it", data, msg)
		switch {
		case se.Error() == "unexpected end of JSON input",
			// Unmarshal reports a file that ends inside a literal as a
			// space after its end; kpilint says the file ends there.
			strings.HasPrefix(se.Error(), "invalid character ' '") && int(se.Offset) == len(data) && data[len(data)-1] != ' ':
			assert.Equal(t, "invalid JSON: unexpected end of file", msg, "%q", data)
		case strings.HasSuffix(se.Error(), "after top-level value"):
			assert.Equal(t, "invalid JSON: unexpected content after the top-level value", msg, "%q", data)
			assert.Equal(t, positionAt(data, int(se.Offset)-1), perr.Pos, "%q", data)
		default:
			assert.Equal(t, "invalid JSON: "+se.Error(), msg, "%q", data)
			assert.Equal(t, positionAt(data, int(se.Offset)-1), perr.Pos, "%q", data)
		}
		return
	}
	require.NoError(t, err, "kpilint accepts %q", data)
	require.Len(t, docs, 1)
	assert.Equal(t, want, plain(docs[0]), "%q", data)
	positioned(t, data, docs[0])
}

// plain is the value as encoding/json decodes it into an interface.
func plain(n *tree.Node) any {
	switch n.Kind {
	case tree.Map:
		m := map[string]any{}
		for _, e := range n.Entries {
			m[e.Key] = plain(e.Value)
		}
		return m
	case tree.List:
		l := []any{}
		for _, it := range n.Items {
			l = append(l, plain(it))
		}
		return l
	case tree.Number:
		return n.Num
	case tree.String:
		return n.Str
	case tree.Bool:
		return n.Bool
	}
	return nil
}

// positioned checks that every value's position is its first character and
// every key's the character after its opening quote.
func positioned(t *testing.T, data []byte, n *tree.Node) {
	t.Helper()
	first := map[tree.Kind]string{tree.Map: "{", tree.List: "[", tree.String: `"`, tree.Bool: "tf", tree.Null: "n", tree.Number: "-0123456789"}
	off := offsetOf(data, n.Pos)
	require.Less(t, off, len(data), "%q: %v", data, n.Pos)
	assert.Contains(t, first[n.Kind], string(data[off]), "%q: value at %v", data, n.Pos)
	for _, e := range n.Entries {
		k := offsetOf(data, e.KeyPos)
		require.Positive(t, k, "%q: key %q at %v", data, e.Key, e.KeyPos)
		assert.Equal(t, byte('"'), data[k-1], "%q: key %q at %v", data, e.Key, e.KeyPos)
		positioned(t, data, e.Value)
	}
	for _, it := range n.Items {
		positioned(t, data, it)
	}
}

// offsetOf is the byte offset of a 1-based line and character column.
func offsetOf(data []byte, p tree.Pos) int {
	off := 0
	for line := 1; line < p.Line; line++ {
		off += bytes.IndexByte(data[off:], '\n') + 1
	}
	for col := 1; col < p.Col; col++ {
		_, size := utf8.DecodeRune(data[off:])
		off += size
	}
	return off
}

// TestJSONPositionsOnOneLongLine positions a minified file's tokens by
// characters, not bytes, without rescanning the line.
func TestJSONPositionsOnOneLongLine(t *testing.T) {
	data := []byte(`{"å":"ö","kpis":[{"id":"k1","name":"Nöjd"}]}`)
	docs, perr := parseJSON(data, DefaultLimits)
	require.Nil(t, perr)
	k := docs[0].Get("kpis").Items[0]
	assert.Equal(t, tree.Pos{Line: 1, Col: 30}, k.Entry("name").KeyPos)
	assert.Equal(t, tree.Pos{Line: 1, Col: 36}, k.Get("name").Pos)
	positioned(t, data, docs[0])
}

// TestJSONPositionsAfterIndentation positions keys after indentation of
// every width, which the parser skips eight spaces at a time, and after
// tabs and a carriage return mixed in.
func TestJSONPositionsAfterIndentation(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\n")
	for w := range 21 {
		fmt.Fprintf(&b, "%s\"k%d\": %d,\n", strings.Repeat(" ", w), w, w)
	}
	b.WriteString("        \t  \"tab\": 1,\r\n                 \"last\": [\n                   1]\n}")
	data := []byte(b.String())
	docs, perr := parseJSON(data, DefaultLimits)
	require.Nil(t, perr)
	for w := range 21 {
		// A key's position is its first character, inside the quotes.
		assert.Equal(t, tree.Pos{Line: w + 2, Col: w + 2}, docs[0].Entry(fmt.Sprint("k", w)).KeyPos, "indent %d", w)
	}
	assert.Equal(t, tree.Pos{Line: 23, Col: 13}, docs[0].Entry("tab").KeyPos)
	assert.Equal(t, tree.Pos{Line: 24, Col: 19}, docs[0].Entry("last").KeyPos)
	assert.Equal(t, tree.Pos{Line: 25, Col: 20}, docs[0].Get("last").Items[0].Pos)
	positioned(t, data, docs[0])
}
