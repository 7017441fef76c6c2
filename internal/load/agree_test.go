package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/tree"
	"github.com/kpilint/kpilint/schema"
)

// cueValid validates a document with CUE itself: the path the derived
// validator replaces.
func cueValid(s *schema.Schema, doc *tree.Node) error {
	v := s.Context().Encode(doc.Interface())
	return s.Definition("#File").Unify(v).Validate(cue.Concrete(true))
}

// mutations derive near-miss documents from a valid one: each breaks or
// bends one field.
func mutations(doc *tree.Node) []func() {
	var out []func()
	var walk func(n *tree.Node)
	walk = func(n *tree.Node) {
		switch n.Kind {
		case tree.Map:
			for _, e := range n.Entries {
				e := e
				orig := *e.Value
				out = append(out,
					func() { *e.Value = tree.Node{Kind: tree.Number, Num: 3, IsInt: true, Str: "3"} },
					func() { *e.Value = tree.Node{Kind: tree.String, Str: "Not An Id"} },
					func() { *e.Value = tree.Node{Kind: tree.List} },
					func() { *e.Value = tree.Node{Kind: tree.Null} },
					func() { *e.Value = orig },
				)
				key := e.Key
				out = append(out, func() { e.Key = key + "x" }, func() { e.Key = "x-" + key }, func() { e.Key = key })
				walk(e.Value)
			}
		case tree.List:
			for _, it := range n.Items {
				walk(it)
			}
		}
	}
	walk(doc)
	return out
}

// TestValidatorAgreesWithCUE checks, over every example and fixture and
// thousands of mutations of them, that the validator derived from the
// schema accepts exactly what CUE accepts.
func TestValidatorAgreesWithCUE(t *testing.T) {
	s := schema.MustLoad()
	var files []string
	for _, g := range []string{"../../examples/*/*.kpi.*", "../../testdata/fixtures/*/*.kpi.*"} {
		m, err := filepath.Glob(g)
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.NotEmpty(t, files)
	checked := 0
	for _, path := range files {
		if strings.HasSuffix(path, ".want") {
			continue
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		f, _ := Parse(filepath.Base(path), data, document.DefaultLimits)
		for _, doc := range f.Docs {
			agree := func(what string) {
				fast := len(s.File.Validate(doc)) == 0
				cueErr := cueValid(s, doc)
				if fast != (cueErr == nil) {
					t.Errorf("%s (%s): derived validator says valid=%v, CUE says %v", path, what, fast, cueErr)
				}
				if full := len(s.File.Check(doc, "file", doc.Anchor(), doc.AnchorWidth())) == 0; full != fast {
					t.Errorf("%s (%s): the validator's quick verdict (%v) and its full check (%v) differ", path, what, fast, full)
				}
				checked++
			}
			agree("as written")
			for i, m := range mutations(doc) {
				m()
				if i%8 == 4 || i%8 == 7 {
					continue // restoring mutations
				}
				agree("mutation")
			}
		}
	}
	t.Logf("%d documents checked", checked)
	require.Greater(t, checked, 500)
}
