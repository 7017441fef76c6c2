package config_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/schema"
)

// The JSON Schema of kpilint.yaml (kpilint schema --config --format
// jsonschema, for editors) accepts every configuration in the repository
// and rejects the shapes kpilint rejects: checked with a third-party
// validator.
func TestConfigJSONSchemaAgreesWithKpilint(t *testing.T) {
	data, err := schema.MustLoad().ConfigJSONSchema()
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("config.schema.json", doc))
	sch, err := c.Compile("config.schema.json")
	require.NoError(t, err)

	valid := func(text string) bool {
		var v any
		require.NoError(t, yaml.Unmarshal([]byte(text), &v))
		js, err := jsonschema.UnmarshalJSON(bytes.NewReader(mustJSON(t, v)))
		require.NoError(t, err)
		return sch.Validate(js) == nil
	}
	files, err := filepath.Glob("../../testdata/fixtures/*/kpilint.yaml")
	require.NoError(t, err)
	files = append(files, "../../kpilint.yaml", "../cli/starter/kpilint.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		_, perr := config.Parse(f, data)
		require.NoError(t, perr, f)
		require.True(t, valid(string(data)), "%s: kpilint accepts it, the JSON Schema does not", f)
	}
	for _, bad := range []string{
		"fail_onn: warning\n",
		"fail_on: sometimes\n",
		"include: a.kpi.yaml\n",
		"rules:\n  goal-missing: loud\n",
		"ignore:\n  - {rule: goal-missing}\n",
		"language: de\n",
		"limits: {max_file_bytes: lots}\n",
	} {
		_, perr := config.Parse("kpilint.yaml", []byte(bad))
		require.Error(t, perr, bad)
		require.False(t, valid(bad), "%q: kpilint rejects it, the JSON Schema accepts it", bad)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return data
}
