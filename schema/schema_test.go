package schema

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/tree"
)

func str(s string, line, col int) *tree.Node {
	return &tree.Node{Kind: tree.String, Str: s, Pos: tree.Pos{Line: line, Col: col}}
}

func mapping(entries ...*tree.Entry) *tree.Node { return &tree.Node{Kind: tree.Map, Entries: entries} }

func entry(k string, line, col int, v *tree.Node) *tree.Entry {
	return &tree.Entry{Key: k, KeyPos: tree.Pos{Line: line, Col: col}, Value: v}
}

func TestSchemaCompilesAndDerives(t *testing.T) {
	s, err := Load()
	require.NoError(t, err)
	assert.Equal(t, []string{"id", "name", "scope"}, s.RequiredFields("#KPI"))
	assert.Equal(t, []string{"id", "name", "level"}, s.RequiredFields("#Unit"))
}

func TestValidateReportsAtKeys(t *testing.T) {
	s := MustLoad()
	kpi := mapping(
		entry("id", 3, 5, str("Bad ID", 3, 9)),
		entry("status", 4, 5, str("done", 4, 13)),
		entry("colour", 5, 5, str("red", 5, 13)),
		entry("x-note", 6, 5, str("anything", 6, 13)),
		entry("goal", 7, 5, &tree.Node{Kind: tree.List, Items: []*tree.Node{str("ok", 7, 12), str("Not OK", 7, 16)}}),
		entry("measure", 8, 5, mapping(entry("unit", 9, 7, str(" percent", 9, 13)), entry("inputs", 10, 7, mapping(entry("a", 11, 9, mapping(entry("sorce", 11, 12, str("x", 11, 19)))))))),
	)
	doc := mapping(entry("kpis", 1, 1, &tree.Node{Kind: tree.List, Items: []*tree.Node{kpi}}))
	got := map[tree.Pos]string{}
	for _, v := range s.File.Validate(doc) {
		got[v.Pos] += v.Msg.String() + "|"
	}
	assert.Contains(t, got[tree.Pos{Line: 3, Col: 5}], "id must be an id")
	assert.Contains(t, got[tree.Pos{Line: 3, Col: 5}], `missing the required field "name"`)
	assert.Contains(t, got[tree.Pos{Line: 3, Col: 5}], `missing the required field "scope"`)
	assert.Equal(t, "status must be one of active, draft, retired, not \"done\"|", got[tree.Pos{Line: 4, Col: 5}])
	assert.Equal(t, `unknown key "colour"|`, got[tree.Pos{Line: 5, Col: 5}])
	assert.NotContains(t, got, tree.Pos{Line: 6, Col: 5})
	assert.Contains(t, got[tree.Pos{Line: 7, Col: 16}], "goal[1] must be an id")
	assert.Contains(t, got[tree.Pos{Line: 9, Col: 7}], "unit must be a unit of measure: a known one (percent, share, ratio,")
	assert.Contains(t, got[tree.Pos{Line: 9, Col: 7}], `not " percent"`)
	assert.Equal(t, `unknown key "sorce" (did you mean "source"?)|`, got[tree.Pos{Line: 11, Col: 12}])
	assert.Len(t, got, 6)
}

var update = flag.Bool("update", false, "rewrite schema/kpi.schema.json")

// schema/kpi.schema.json is the JSON Schema editors fetch (the starter
// catalogue's yaml-language-server header points at it); it must match
// what `kpilint schema --format jsonschema` prints.
func TestCommittedJSONSchemaIsCurrent(t *testing.T) {
	for file, gen := range map[string]func() ([]byte, error){
		"kpi.schema.json":    MustLoad().JSONSchema,
		"config.schema.json": MustLoad().ConfigJSONSchema,
	} {
		data, err := gen()
		require.NoError(t, err)
		data = append(data, '\n')
		if *update {
			require.NoError(t, os.WriteFile(file, data, 0o644))
			continue
		}
		got, err := os.ReadFile(file)
		require.NoError(t, err)
		if string(got) != string(data) {
			t.Fatalf("schema/%s is stale: run go test ./schema -update", file)
		}
	}
}
