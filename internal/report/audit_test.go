package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/report"
	"github.com/kpilint/kpilint/internal/testtool"
	"github.com/kpilint/kpilint/rules"
)

var examples = []string{"customer-service", "needs-work"}

func auditOf(t *testing.T, example string) *audit.Report {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	cfg, err := config.Load("", root)
	require.NoError(t, err)
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{filepath.Join(root, "examples", example)}, Today: today, Workers: 2})
	require.NoError(t, err)
	return audit.Build(res, audit.Options{Version: "1.2.3", Date: "2026-11-27", OwnerMax: 5})
}

// auditOfDir audits the catalogue in dir with its own configuration.
func auditOfDir(t *testing.T, root string) *audit.Report {
	t.Helper()
	cfg, err := config.Load("", root)
	require.NoError(t, err)
	res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{root}, Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Workers: 2})
	require.NoError(t, err)
	return audit.Build(res, audit.Options{Version: "1.2.3", Date: "2026-11-27", OwnerMax: 5})
}

// realAudit audits a catalogue of the judged corpus (testdata/real) with
// its own configuration.
func realAudit(t *testing.T, name string) *audit.Report {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("../../testdata/real", name))
	require.NoError(t, err)
	cfg, err := config.Load(filepath.Join(root, "kpilint.yaml"), root)
	require.NoError(t, err)
	res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{root}, Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Workers: 2})
	require.NoError(t, err)
	return audit.Build(res, audit.Options{Version: "1.2.3", Date: "2026-11-27", OwnerMax: 5})
}

// GitLab's Infrastructure Department records owners, numeric targets and
// a monthly health status, but no goal, cadence, indicator or actions:
// completeness is low for that alone, quality stays high, and the weakest
// list starts with the KPI that really is worst defined — a count whose
// target is "below 0", with no formula.
func TestAuditRanksARealCatalogue(t *testing.T) {
	a := realAudit(t, "gitlab-infrastructure")
	assert.Equal(t, 9, a.Summary.ActiveKPIs)
	assert.Equal(t, 20, a.Summary.Metrics)
	assert.Equal(t, 50.0, a.Summary.Completeness)
	assert.Greater(t, a.Summary.Quality, 90.0)
	require.NotEmpty(t, a.Weakest)
	assert.Equal(t, "corrective-action-slo", a.Weakest[0].ID)
	assert.Equal(t, "master-pipeline-stability", a.Weakest[1].ID, "the other KPI without a formula")
	assert.Equal(t, 0, a.Summary.Unowned)
	assert.Equal(t, 9, a.Summary.Unanchored)
}

// Golden files for the audit's text, Markdown and JSON forms of both
// examples and of a real catalogue; go test ./internal/report -update
// rewrites them.
func TestAuditGolden(t *testing.T) {
	reports := map[string]*audit.Report{"gitlab-infrastructure": realAudit(t, "gitlab-infrastructure")}
	for _, ex := range examples {
		reports[ex] = auditOf(t, ex)
	}
	for ex, a := range reports {
		for _, format := range []string{"text", "markdown", "json"} {
			t.Run(ex+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				af, err := report.LookupAudit(format)
				require.NoError(t, err)
				require.NoError(t, af.Write(&buf, a, report.Options{Version: "1.2.3"}))
				path := filepath.Join("../../testdata/golden/want", "audit-"+ex+"."+format+".txt")
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
}

func TestAuditContent(t *testing.T) {
	clean := auditOf(t, "customer-service")
	assert.Equal(t, 100.0, clean.Summary.Health)
	assert.Equal(t, clean.Summary.Goals, clean.Summary.GoalsCovered)
	assert.Empty(t, clean.Weakest)

	bad := auditOf(t, "needs-work")
	assert.Less(t, bad.Summary.Health, 50.0)
	var uncovered, laggingOnly []string
	for _, g := range bad.Goals {
		if !g.Covered {
			uncovered = append(uncovered, g.ID)
		}
		if g.LaggingOnly {
			laggingOnly = append(laggingOnly, g.ID)
		}
	}
	assert.Equal(t, []string{"market-leader"}, uncovered)
	assert.Equal(t, []string{"happy-customers"}, laggingOnly)
	assert.Equal(t, 1, bad.Summary.UnitsOverLimit)
	var placeholders []string
	for _, o := range bad.Owners {
		if o.Placeholder {
			placeholders = append(placeholders, o.Name)
		}
	}
	assert.ElementsMatch(t, []string{"Management", "Web team"}, placeholders)
	assert.NotEmpty(t, bad.Overdue)
	assert.LessOrEqual(t, len(bad.Weakest), 10)
}

// Every line of the text audit fits an 80-column terminal.
func TestAuditTextFits80Columns(t *testing.T) {
	for _, ex := range examples {
		var buf bytes.Buffer
		require.NoError(t, report.AuditText(&buf, auditOf(t, ex), report.Options{}))
		for _, line := range strings.Split(buf.String(), "\n") {
			assert.LessOrEqual(t, len([]rune(line)), 80, "%s: %q", ex, line)
		}
		assert.NotContains(t, buf.String(), "\x1b", "no colour without a terminal")
	}
}

// The HTML report is one self-contained file: no script, no external
// resource, and it says so in its markup.
func TestAuditHTMLIsSelfContained(t *testing.T) {
	for _, ex := range examples {
		var buf bytes.Buffer
		require.NoError(t, report.AuditHTML(&buf, auditOf(t, ex), report.Options{}))
		html := buf.String()
		assert.NotContains(t, html, "<script")
		assert.NotContains(t, html, "<link")
		assert.NotContains(t, html, "@import")
		assert.NotRegexp(t, `url\(`, html)
		assert.NotRegexp(t, `src=`, html)
		assert.Contains(t, html, "prefers-color-scheme: dark")
		assert.Contains(t, html, "@page { size: A4")
		assert.GreaterOrEqual(t, strings.Count(html, `<figure class="chart"`), 5, "five charts")
	}
}

// Headless Chromium renders both reports: the page loads with no console
// message and no network request, and the screenshot is not blank.
func TestAuditHTMLRendersInChromium(t *testing.T) {
	chromium := testtool.Find(t, "KPILINT_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
	for _, ex := range examples {
		t.Run(ex, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "report.html")
			var buf bytes.Buffer
			require.NoError(t, report.AuditHTML(&buf, auditOf(t, ex), report.Options{}))
			require.NoError(t, os.WriteFile(page, buf.Bytes(), 0o644))
			shot, netlog := filepath.Join(dir, "shot.png"), filepath.Join(dir, "net.json")
			cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+filepath.Join(dir, "profile"),
				"--enable-logging=stderr", "--v=0", "--log-net-log="+netlog, "--window-size=1100,1600",
				"--screenshot="+shot, "file://"+page)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, string(out))

			assert.Empty(t, regexp.MustCompile(`(?m)^.*:CONSOLE[^\n]*$`).FindAllString(string(out), -1), "console messages")
			assert.Empty(t, pageRequests(t, netlog), "network requests made by the page")

			f, err := os.Open(shot)
			require.NoError(t, err)
			defer f.Close()
			img, err := png.Decode(f)
			require.NoError(t, err)
			colours := map[[3]uint32]bool{}
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y += 4 {
				for x := b.Min.X; x < b.Max.X; x += 4 {
					r, g, bl, _ := img.At(x, y).RGBA()
					colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
				}
			}
			assert.Greater(t, len(colours), 20, "the screenshot shows text and charts, not a blank page")
		})
	}
}

// pageRequests lists the URLs the page itself requested, from a Chromium
// net log. The browser's own background requests have no page initiator.
func pageRequests(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var log struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int            `json:"type"`
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	require.NoError(t, json.Unmarshal(data, &log))
	start := log.Constants.LogEventTypes["URL_REQUEST_START_JOB"]
	var out []string
	for _, e := range log.Events {
		if e.Type != start {
			continue
		}
		url, _ := e.Params["url"].(string)
		initiator, _ := e.Params["initiator"].(string)
		if url != "" && initiator != "not an origin" && !strings.HasPrefix(url, "file:") {
			out = append(out, url)
		}
	}
	return out
}

// The audit and owner-overload count owners the same way
// (catalogue.OwnerKey): "Anna  Berg" and "anna berg" are one person, who
// owns six KPIs: the rule fires, and the audit lists one owner of six.
func TestAuditAndOwnerOverloadAgreeOnOwners(t *testing.T) {
	dir := t.TempDir()
	var kpis strings.Builder
	kpis.WriteString(rules.Context + "kpis:\n")
	for i, owner := range []string{"Anna Berg", "Anna  Berg", "anna berg", "ANNA BERG", " Anna Berg ", "Ａｎｎａ Berg"} {
		fmt.Fprintf(&kpis, "  - {id: k%d, name: Measure %d, scope: support, owner: {name: %q}}\n", i, i, owner)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.kpi.yaml"), []byte(kpis.String()), 0o644))
	res, err := lint.Run(lint.Options{Config: config.Default(dir), Paths: []string{dir}, Workers: 1})
	require.NoError(t, err)
	overload := 0
	for _, f := range res.Findings {
		if f.Rule == rules.OwnerOverload.ID {
			overload++
		}
	}
	assert.Equal(t, 1, overload, "one owner with six KPIs")
	a := audit.Build(res, audit.Options{Version: "1.2.3", Date: "2026-11-27", OwnerMax: 5})
	require.Len(t, a.Owners, 1)
	assert.Len(t, a.Owners[0].KPIs, 6)
}

// auditOfFiles audits a catalogue written into a temporary folder.
func auditOfFiles(t *testing.T, files map[string]string) *audit.Report {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	res, err := lint.Run(lint.Options{Config: config.Default(dir), Paths: []string{dir}, Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Workers: 2})
	require.NoError(t, err)
	return audit.Build(res, audit.Options{Version: "1.2.3", Date: "2026-11-27", OwnerMax: 5})
}

// Each section says its finding in a sentence first, in every format; a
// long list shows its first few and counts the rest, and the JSON keeps it
// whole.
func TestAuditSaysTheFindingFirst(t *testing.T) {
	var b strings.Builder
	b.WriteString("units: [{id: ops, name: Operations, level: organisation}]\nkpis:\n")
	for i := range 40 {
		fmt.Fprintf(&b, "  - {id: kpi-%02d, name: Measure %d, scope: ops, target: {value: %d}}\n", i, i, i)
	}
	a := auditOfFiles(t, map[string]string{"c.kpi.yaml": b.String()})
	for _, format := range []string{"text", "markdown", "html"} {
		var buf bytes.Buffer
		af, err := report.LookupAudit(format)
		require.NoError(t, err)
		require.NoError(t, af.Write(&buf, a, report.Options{Version: "1.2.3"}))
		out := buf.String()
		assert.Contains(t, out, "No strategic goals are declared: none of the 40 KPIs is anchored to one.", format)
		assert.Contains(t, out, "None of the 40 KPIs names an owner", format)
		assert.Contains(t, out, "0 of 40 KPIs say how often they are reviewed", format)
		assert.Contains(t, out, "and 32 more", format+": 40 KPIs without actions, 8 shown")
		assert.NotContains(t, out, "kpi-39", format+": the long lists are cut")
	}
	var buf bytes.Buffer
	require.NoError(t, report.AuditJSON(&buf, a, report.Options{}))
	var parsed struct {
		NoActions []audit.KPIRef `json:"kpis_without_actions"`
		Unowned   []audit.KPIRef `json:"kpis_without_owner"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &parsed))
	assert.Len(t, parsed.NoActions, 40)
	assert.Len(t, parsed.Unowned, 40)
}

// AuditJSON writes a field and an element at a time the bytes
// encoding/json's indenting encoder writes for the whole report: with and
// without the history (omitempty), with empty and full lists.
func TestAuditJSONIsTheEncodersOutput(t *testing.T) {
	reports := []*audit.Report{realAudit(t, "gitlab-infrastructure"), auditOf(t, examples[0]), auditOfFiles(t, map[string]string{"e.kpi.yaml": "kpis: []\n"})}
	withHistory := *reports[0]
	withHistory.History = []audit.Point{{Commit: "abc", Date: "2026-11-01", Subject: "first <&>", Quality: 71.5, Added: []string{"k1"}}, {Commit: "def", Date: "2026-11-20", Quality: 80, Retired: []string{}}}
	reports = append(reports, &withHistory)
	for i, a := range reports {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		require.NoError(t, enc.Encode(a))
		require.NoError(t, report.AuditJSON(&got, a, report.Options{}))
		require.Equal(t, want.String(), got.String(), "report %d", i)
	}
}
