package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/kpilint/kpilint/internal/libyaml"
	"github.com/kpilint/kpilint/internal/testtool"
	"github.com/kpilint/kpilint/internal/tree"
)

// libraryTree renders what go.yaml.in/yaml/v3 itself makes of data — its
// yaml.Node tree, aliases and merge keys expanded, scalars resolved by their
// tags as kpilint reads them — in the notation of render. ok is false when
// the library reports a syntax error.
func libraryTree(data []byte) (docs []string, ok bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, true
		}
		if err != nil {
			return nil, false
		}
		if len(doc.Content) == 0 {
			continue
		}
		var b strings.Builder
		if renderNode(&b, doc.Content[0], 0) {
			docs = append(docs, b.String())
		}
	}
}

// renderBudget bounds a rendering: aliases can expand a small file a lot.
const renderBudget = 1 << 18

// mergedEntries are the key/value pairs of a mapping with its merge keys
// resolved as YAML's merge key type says: the mapping's own keys first and
// winning, then those of each merged mapping (itself resolved) not seen yet.
func mergedEntries(n *yaml.Node, depth int) [][2]*yaml.Node {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	var out [][2]*yaml.Node
	if depth > 40 {
		return out
	}
	seen := map[string]bool{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	for _, m := range merges {
		if m.Kind == yaml.AliasNode {
			m = m.Alias
		}
		srcs := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			srcs = m.Content
		}
		for _, src := range srcs {
			for _, kv := range mergedEntries(src, depth+1) {
				if !seen[kv[0].Value] {
					seen[kv[0].Value] = true
					out = append(out, kv)
				}
			}
		}
	}
	return out
}

// renderNode writes n; it returns false for a null document.
func renderNode(b *strings.Builder, n *yaml.Node, depth int) bool {
	if depth > 40 || b.Len() > renderBudget {
		b.WriteString("…")
		return true
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	fmt.Fprintf(b, "@%d:%d ", n.Line, n.Column)
	switch n.Kind {
	case yaml.MappingNode:
		b.WriteString("{")
		for _, kv := range mergedEntries(n, 0) {
			fmt.Fprintf(b, "%q@%d:%d: ", kv[0].Value, kv[0].Line, kv[0].Column)
			renderNode(b, kv[1], depth+1)
			b.WriteString(", ")
		}
		b.WriteString("}")
	case yaml.SequenceNode:
		b.WriteString("[")
		for _, it := range n.Content {
			renderNode(b, it, depth+1)
			b.WriteString(", ")
		}
		b.WriteString("]")
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			if depth == 0 {
				return false
			}
			b.WriteString("null")
			return true
		}
		var v tree.Node
		scalar(n.ShortTag(), n.Value, &v)
		renderScalar(b, &v)
	}
	return true
}

func renderScalar(b *strings.Builder, n *tree.Node) {
	fmt.Fprintf(b, "%s %q %v %v %v", n.Kind, n.Str, n.Num, n.IsInt, n.Bool)
}

// renderTree writes kpilint's tree in the same notation.
func renderTree(b *strings.Builder, n *tree.Node, depth int) {
	if depth > 40 || b.Len() > renderBudget {
		b.WriteString("…")
		return
	}
	fmt.Fprintf(b, "@%d:%d ", n.Pos.Line, n.Pos.Col)
	switch n.Kind {
	case tree.Map:
		b.WriteString("{")
		for _, e := range n.Entries {
			fmt.Fprintf(b, "%q@%d:%d: ", e.Key, e.KeyPos.Line, e.KeyPos.Col)
			renderTree(b, e.Value, depth+1)
			b.WriteString(", ")
		}
		b.WriteString("}")
	case tree.List:
		b.WriteString("[")
		for _, it := range n.Items {
			renderTree(b, it, depth+1)
			b.WriteString(", ")
		}
		b.WriteString("]")
	case tree.Null:
		b.WriteString("null")
	default:
		renderScalar(b, n)
	}
}

// agreeWithLibrary checks that parseYAML accepts exactly what the library
// accepts and, for accepted input, builds the same values at the same
// positions. Input the library's tree cannot represent the way kpilint
// reads it (explicit tags, self-referencing anchors, limits) is skipped.
func agreeWithLibrary(t *testing.T, data []byte) {
	t.Helper()
	if bytes.Contains(data, []byte("!")) || bytes.Contains(data, []byte("%")) {
		return // explicit tags and directives: kpilint resolves tags its own way
	}
	want, libOK := libraryTree(data)
	docs, perr := parseYAML(data, Limits{MaxFileBytes: 1 << 20, MaxNodes: 1 << 20, MaxDepth: 1000, MaxMessage: 200})
	if perr != nil && !strings.HasPrefix(perr.Msg.String(), "invalid YAML") {
		return // kpilint's own limits and rules (duplicate keys, complex keys)
	}
	require.Equal(t, libOK, perr == nil, "syntax verdicts differ on %q (kpilint: %v)", data, perr)
	if perr != nil {
		return
	}
	var got []string
	for _, d := range docs {
		var b strings.Builder
		renderTree(&b, d, 0)
		got = append(got, b.String())
	}
	assert.Equal(t, want, got, "trees differ on %q", data)
}

func TestYAMLTreeMatchesLibrary(t *testing.T) {
	var n int
	for _, g := range []string{"../../examples/*/*.yaml", "../../testdata/fixtures/*/*.yaml", "../../testdata/hostile/*.yaml"} {
		paths, err := filepath.Glob(g)
		require.NoError(t, err)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			if len(data) > 64<<10 || strings.Contains(p, "bomb") {
				continue
			}
			t.Run(filepath.Base(p), func(t *testing.T) { agreeWithLibrary(t, data) })
			n++
		}
	}
	for _, s := range yamlCases {
		t.Run(s, func(t *testing.T) { agreeWithLibrary(t, []byte(s)) })
	}
	require.Greater(t, n, 50, "too few files compared")
}

// yamlCases cover the syntax kpilint's catalogues rarely use.
var yamlCases = []string{
	"a: 1\nb: 1.5\nc: 0x1F\nd: 0o17\ne: 1_000\nf: .inf\ng: -.Inf\nh: .nan\ni: 1e3\n",
	"a: true\nb: False\nc: yes\nd: ~\ne: null\nf:\ng: ''\nh: \"x\"\n",
	"a: 2026-06-30\nb: 2026-06-30T10:00:00Z\nc: 12:30\n",
	"a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: x\n",
	"- a\n- [b, c]\n- {d: e}\n-\n  - f\n",
	"---\na: 1\n---\nb: 2\n...\n---\n",
	"base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\nlist: &l [1, 2]\nagain: *l\n",
	"m: &m {a: 1}\nn: &n {b: 2}\no: {<<: [*m, *n], c: 3}\n",
	"\"<<\": 1\n'q': 2\n",
	"? a\n: 1\n",
	"a: \"unclosed\n",
	"a: [1, 2\n",
	"a:\n\t- b\n",
	"a: 1\n b: 2\n",
	"a: *nope\n",
	"# comment only\n",
	"a: 1 # trailing\n# head\nb: 2\n\n# foot\n",
	"é: ü\n\"ключ\": значение\n",
	"",
	"\n\n",
	"- - - - x\n",
	"a: &x [1, *x]\n",
	"a: &x 1\nb: &x [*x]\n",
	"b: &b 1\nc: {<<: *b}\n",
}

func FuzzYAMLTreeMatchesLibrary(f *testing.F) {
	testtool.SeedFiles(f, "../..", ".yaml")
	for _, s := range yamlCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4<<10 {
			return
		}
		agreeWithLibrary(t, data)
	})
}

func TestResolveMatchesLibrary(t *testing.T) {
	for _, v := range []string{"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "yes", "no", "on",
		"0", "-0", "+1", "1_000", "0x1F", "0o17", "017", "0b101", "-0b1", "1.5", ".5", "1.", "1e3", "1E-3", "+.inf",
		"-.INF", ".NaN", "2026-06-30", "2026-06-30T10:00:00Z", "12:30", "1:30:00", "<<", "abc", "9223372036854775808",
		"18446744073709551616", "1.7976931348623157e309", "0x", ".", "+", "1_0.5"} {
		var n yaml.Node
		require.NoError(t, yaml.Unmarshal([]byte("v: "+v+"\n"), &n), v)
		assert.Equal(t, n.Content[0].Content[1].ShortTag(), scalarTag(libyaml.Event{Kind: libyaml.Scalar, Value: v, Plain: true}), "%q", v)
	}
}
