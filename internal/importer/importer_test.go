package importer_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/importer"
	"github.com/kpilint/kpilint/internal/lint"
)

var update = flag.Bool("update", false, "rewrite testdata/import/want")

// importFile imports a source into dir (merging with what is there) and
// returns the catalogue file written.
func importFile(t *testing.T, src, dir string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	kind := importer.Detect(src, data)
	require.NotNil(t, kind, src)
	cat, err := kind.Read(src, data, document.DefaultLimits)
	require.NoError(t, err)
	out := filepath.Join(dir, importer.OutputName(src))
	existing, _ := os.ReadFile(out)
	require.NoError(t, importer.Write(out, cat, existing))
	return out
}

// Golden files of the import of each kind of source:
// go test ./internal/importer -update rewrites them.
func TestImportGolden(t *testing.T) {
	for _, src := range []string{"register/register.csv", "metricflow/metrics.yml", "kolada/kolada.json"} {
		t.Run(src, func(t *testing.T) {
			out := importFile(t, filepath.Join("../../examples", src), t.TempDir())
			got, err := os.ReadFile(out)
			require.NoError(t, err)
			want := filepath.Join("../../testdata/import/want", importer.OutputName(src))
			if *update {
				require.NoError(t, os.WriteFile(want, got, 0o644))
				return
			}
			w, err := os.ReadFile(want)
			require.NoError(t, err, "go test ./internal/importer -update")
			assert.Equal(t, string(w), string(got))
		})
	}
}

// findings lints dir and returns its findings as rule, KPI id and message:
// what a spreadsheet and its import share (positions differ: cells there,
// lines here).
func findings(t *testing.T, dir string) []string {
	t.Helper()
	res, err := lint.Run(lint.Options{Config: config.Default(dir), Paths: []string{dir}, Workers: 2})
	require.NoError(t, err)
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Rule+" "+f.ID+" "+f.Message.String()+" "+f.Severity.String())
	}
	slices.Sort(out)
	return out
}

// Spreadsheet → import → lint finds what linting the spreadsheet finds.
func TestImportRoundTrip(t *testing.T) {
	org, err := os.ReadFile("../../examples/register/org.kpi.yaml")
	require.NoError(t, err)
	sheet, imported := t.TempDir(), t.TempDir()
	for _, dir := range []string{sheet, imported} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "org.kpi.yaml"), org, 0o644))
	}
	data, err := os.ReadFile("../../examples/register/register.xlsx")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(sheet, "register.kpi.xlsx"), data, 0o644))
	importFile(t, "../../examples/register/register.xlsx", imported)
	want, got := findings(t, sheet), findings(t, imported)
	require.NotEmpty(t, want)
	assert.Equal(t, want, got)
}

// Importing again updates what the source says and keeps what was added
// by hand: an owner's e-mail, actions, a comment-free new KPI.
func TestImportMergesByID(t *testing.T) {
	dir := t.TempDir()
	out := importFile(t, "../../examples/kolada/kolada.json", dir)
	text, err := os.ReadFile(out)
	require.NoError(t, err)
	edited := strings.Replace(string(text), "  - id: N00900\n", "  - id: N00900\n    owner: {name: Karin Lund}\n    goal: sunda-finanser\n", 1)
	edited = strings.Replace(edited, "name: Skattesats till kommun (%)", "name: Renamed by hand", 1)
	edited += "  - id: own-kpi\n    name: Our own\n"
	require.NoError(t, os.WriteFile(out, []byte(edited), 0o644))
	importFile(t, "../../examples/kolada/kolada.json", dir)
	merged, err := os.ReadFile(out)
	require.NoError(t, err)
	s := string(merged)
	assert.Contains(t, s, "name: Karin Lund", "added by hand: kept")
	assert.Contains(t, s, "goal: sunda-finanser")
	assert.Contains(t, s, "id: own-kpi", "a KPI added by hand: kept")
	assert.Contains(t, s, "name: Skattesats till kommun (%)", "an imported field: updated from the source")
	assert.NotContains(t, s, "Renamed by hand")
	assert.Equal(t, 1, strings.Count(s, "id: N00900"), "not duplicated")
}
