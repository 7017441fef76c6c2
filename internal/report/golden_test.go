package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/report"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/want")

func goldenResult(t *testing.T) *lint.Result {
	t.Helper()
	root, err := filepath.Abs("../../testdata/golden/catalogue")
	require.NoError(t, err)
	cfg, err := config.Load(filepath.Join(root, "kpilint.yaml"), root)
	require.NoError(t, err)
	res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{root}, Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Workers: 1})
	require.NoError(t, err)
	require.NotEmpty(t, res.Findings)
	return res
}

// Every format has a golden file; go test ./internal/report -update
// rewrites them. The catalogue has quotes, <, &, % and a newline in a KPI
// name and a colon and a comma in a directory name.
func TestGoldenFormats(t *testing.T) {
	res := goldenResult(t)
	for _, format := range report.Formats {
		t.Run(format.Name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, format.Write(&buf, res, report.Options{Version: "1.2.3"}))
			path := filepath.Join("../../testdata/golden/want", format.Name+".txt")
			if *update {
				require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./internal/report -update")
			assert.Equal(t, string(want), buf.String())
		})
	}
}

func render(t *testing.T, format string, res *lint.Result) string {
	t.Helper()
	f, err := report.Lookup(format)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf, res, report.Options{Version: "1.2.3"}))
	return buf.String()
}

func TestXMLFormatsParse(t *testing.T) {
	res := goldenResult(t)
	for _, format := range []string{"junit", "checkstyle"} {
		var v any
		dec := xml.NewDecoder(strings.NewReader(render(t, format, res)))
		for {
			tok, err := dec.Token()
			if err != nil {
				require.ErrorContains(t, err, "EOF", format)
				break
			}
			_ = tok
		}
		_ = v
	}
	var js struct {
		Testsuites []struct{} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(render(t, "junit", res)), &js))
	assert.Len(t, js.Testsuites, 2)
}

func TestSARIFShape(t *testing.T) {
	res := goldenResult(t)
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text, Markdown string
						} `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				RuleIndex           int               `json:"ruleIndex"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(render(t, "sarif", res)), &log))
	require.Equal(t, "2.1.0", log.Version)
	run := log.Runs[0]
	for _, r := range run.Results {
		assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		assert.NotEmpty(t, r.PartialFingerprints["kpilint/v1"])
		loc := r.Locations[0].PhysicalLocation.ArtifactLocation
		assert.Equal(t, "%SRCROOT%", loc.URIBaseID)
		assert.False(t, filepath.IsAbs(loc.URI))
	}
	for _, r := range run.Tool.Driver.Rules {
		assert.NotEmpty(t, r.Help.Text)
		assert.NotEmpty(t, r.Help.Markdown)
	}
}

// One workflow command per finding: no message can start a second one.
func TestGitHubCommandsCannotBeInjected(t *testing.T) {
	res := goldenResult(t)
	res.Findings[0].Message = i18n.Verbatim("bad\n::error file=x::forged\r\n%0A")
	res.Findings[0].File = "odd:dir,name/x.kpi.yaml"
	out := render(t, "github", res)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, len(res.Findings))
	for _, l := range lines {
		assert.Regexp(t, `^::(error|warning|notice) file=`, l)
	}
	assert.Contains(t, lines[0], "bad%0A::error file=x::forged%0D%0A%250A")
	assert.Contains(t, lines[0], "file=odd%3Adir%2Cname/x.kpi.yaml,")
}
