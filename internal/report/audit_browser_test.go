package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/report"
	"github.com/kpilint/kpilint/internal/testtool"
)

// measure is injected into a copy of the report (the report itself runs
// no script): it measures the page as laid out and writes the result into
// the title, which --dump-dom returns.
const measure = `<script>
(function () {
  const r = {};
  r.overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  r.overlaps = [];
  document.querySelectorAll('figure.chart').forEach(function (fig) {
    const boxes = [];
    fig.querySelectorAll('.label, .value, figcaption, .legend span').forEach(function (e) {
      const b = e.getBoundingClientRect();
      if (b.width > 0 && b.height > 0) boxes.push([e.textContent, b]);
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
        r.overlaps.push(boxes[i][0] + ' / ' + boxes[j][0]);
      }
    }
  });
  r.minFont = 100;
  document.querySelectorAll('figure.chart .label, figure.chart .value, td, th').forEach(function (e) {
    r.minFont = Math.min(r.minFont, parseFloat(getComputedStyle(e).fontSize));
  });
  r.unitRows = document.querySelectorAll('#organisation figure.chart .row').length;
  r.bandInside = [];
  document.querySelectorAll('#organisation figure.chart .row').forEach(function (row) {
    const band = row.querySelector('.band'), bars = row.querySelectorAll('.bar');
    if (!band || bars.length === 0) return;
    const end = bars[bars.length - 1].getBoundingClientRect().right, b = band.getBoundingClientRect();
    const n = parseInt(row.querySelector('.value').textContent, 10);
    r.bandInside.push([n, end > b.left + 1 && end < b.right - 1]);
  });
  document.title = 'RESULT' + JSON.stringify(r);
})();
</script>`

type layout struct {
	Overflow   float64  `json:"overflow"`
	Overlaps   []string `json:"overlaps"`
	MinFont    float64  `json:"minFont"`
	UnitRows   int      `json:"unitRows"`
	BandInside [][2]any `json:"bandInside"`
}

func chromiumArgs(dir string, extra ...string) []string {
	return append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + filepath.Join(dir, "profile")}, extra...)
}

// layoutAt renders the report at a window width and measures it.
func layoutAt(t *testing.T, chromium, page string, width int) layout {
	t.Helper()
	dir := t.TempDir()
	html, err := os.ReadFile(page)
	require.NoError(t, err)
	probe := filepath.Join(dir, "probe.html")
	require.NoError(t, os.WriteFile(probe, bytes.Replace(html, []byte("</body>"), []byte(measure+"</body>"), 1), 0o644))
	out, err := exec.Command(chromium, chromiumArgs(dir, fmt.Sprintf("--window-size=%d,900", width), "--dump-dom", "file://"+probe)...).Output()
	require.NoError(t, err)
	m := regexp.MustCompile(`<title>RESULT(.*?)</title>`).FindSubmatch(out)
	require.NotNil(t, m, "the probe ran")
	var l layout
	require.NoError(t, json.Unmarshal(bytes.ReplaceAll(m[1], []byte("&amp;"), []byte("&")), &l))
	return l
}

// screenshot saves what a reader sees at a width, for the developer to look
// at: KPILINT_SCREENSHOTS=dir keeps them.
// screenshotHeight is tall enough for a whole report at 390 px.
const screenshotHeight = 9000

func screenshot(t *testing.T, chromium, page, name string, width int) {
	keep := os.Getenv("KPILINT_SCREENSHOTS")
	if keep == "" {
		return
	}
	dir := t.TempDir()
	out, err := exec.Command(chromium, chromiumArgs(dir, fmt.Sprintf("--window-size=%d,%d", width, screenshotHeight),
		"--screenshot="+filepath.Join(keep, name+".png"), "file://"+page)...).CombinedOutput()
	require.NoError(t, err, string(out))
}

func writeReport(t *testing.T, a *audit.Report) string {
	t.Helper()
	page := filepath.Join(t.TempDir(), "report.html")
	var buf bytes.Buffer
	require.NoError(t, report.AuditHTML(&buf, a, report.Options{}))
	require.NoError(t, os.WriteFile(page, buf.Bytes(), 0o644))
	return page
}

// The report reads on a desktop and on a phone (390 and 360 px): nothing wider than the
// window (tables scroll inside their box), no chart label over another,
// no text below 11 px, and a unit with 3 or 5 KPIs ends inside the band.
func TestAuditHTMLLayout(t *testing.T) {
	chromium := testtool.Find(t, "KPILINT_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
	for _, ex := range examples {
		a := auditOf(t, ex)
		if ex == "needs-work" { // and a trend of twelve commits
			for i := range 12 {
				a.History = append(a.History, audit.Point{Commit: fmt.Sprintf("%010x", 0xabc0000+i), Date: fmt.Sprintf("2026-%02d-01", i+1),
					Subject: "Review of the sales KPIs <b>" + fmt.Sprint(i) + "</b>", Quality: 40 + 4*float64(i), Completeness: 30 + 3*float64(i),
					KPIs: 8 + i%3, Added: []string{fmt.Sprintf("kpi-%d", i)}})
			}
		}
		page := writeReport(t, a)
		for _, width := range []int{1280, 390, 360} {
			t.Run(fmt.Sprintf("%s/%d", ex, width), func(t *testing.T) {
				l := layoutAt(t, chromium, page, width)
				assert.LessOrEqual(t, l.Overflow, 0.0, "the page scrolls sideways")
				assert.Empty(t, l.Overlaps, "chart labels overlap")
				assert.GreaterOrEqual(t, l.MinFont, 11.0, "smallest chart or table text, px")
				for _, b := range l.BandInside {
					n, inside := b[0].(float64), b[1].(bool)
					if n >= audit.RecommendedMin && n <= audit.RecommendedMax {
						assert.True(t, inside, "a unit with %v KPIs ends inside the 3–5 band", n)
					} else {
						assert.False(t, inside, "a unit with %v KPIs ends outside the 3–5 band", n)
					}
				}
				screenshot(t, chromium, page, fmt.Sprintf("audit-%s-%d", ex, width), width)
			})
		}
	}
}

// Printed, the report is an A4 document of a few pages, rendered page by
// page with pdftoppm.
func TestAuditHTMLPrints(t *testing.T) {
	chromium := testtool.Find(t, "KPILINT_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
	pdftoppm := testtool.Find(t, "KPILINT_PDFTOPPM", "pdftoppm")
	for ex, maxPages := range map[string]int{"customer-service": 3, "needs-work": 8} {
		t.Run(ex, func(t *testing.T) {
			page := writeReport(t, auditOf(t, ex))
			dir := t.TempDir()
			pdf := filepath.Join(dir, "report.pdf")
			out, err := exec.Command(chromium, chromiumArgs(dir, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+page)...).CombinedOutput()
			require.NoError(t, err, string(out))
			out, err = exec.Command(pdftoppm, "-r", "40", "-png", pdf, filepath.Join(dir, "page")).CombinedOutput()
			require.NoError(t, err, string(out))
			pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
			assert.GreaterOrEqual(t, len(pages), 2)
			assert.LessOrEqual(t, len(pages), maxPages)
			if keep := os.Getenv("KPILINT_SCREENSHOTS"); keep != "" {
				for _, p := range pages {
					data, _ := os.ReadFile(p)
					_ = os.WriteFile(filepath.Join(keep, "print-"+ex+"-"+filepath.Base(p)), data, 0o644)
				}
			}
		})
	}
}

// A 5,000-unit organisation gets a readable page: the unit chart shows the
// 25 units with most KPIs and one row for the others, the tables are cut,
// and the file stays under 2 MB at 20,000 KPIs.
func TestAuditHTMLAtScale(t *testing.T) {
	var b strings.Builder
	b.WriteString("units:\n  - {id: org, name: Group, level: organisation}\n")
	for d := range 35 {
		fmt.Fprintf(&b, "  - {id: d%d, name: Department %d, level: department, parent: org}\n", d, d)
	}
	const teams = 5800
	for i := range teams {
		fmt.Fprintf(&b, "  - {id: t%d, name: Team %d, level: team, parent: d%d}\n", i, i, i%35)
	}
	b.WriteString("kpis:\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "  - {id: k%d, name: Lead time of team deliveries %d, scope: t%d, owner: {name: Owner %d}}\n", i, i, i%teams, i%4000)
	}
	a := auditOfFiles(t, map[string]string{"big.kpi.yaml": b.String()})
	var buf bytes.Buffer
	require.NoError(t, report.AuditHTML(&buf, a, report.Options{}))
	assert.Less(t, buf.Len(), 2<<20, "HTML bytes")
	page := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(page, buf.Bytes(), 0o644))
	assert.Equal(t, 1, strings.Count(buf.String(), "5811 other units"), "the others are one row")

	chromium := testtool.Find(t, "KPILINT_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
	for _, width := range []int{1280, 390} {
		l := layoutAt(t, chromium, page, width)
		assert.Equal(t, 26, l.UnitRows, "25 units and the others")
		assert.LessOrEqual(t, l.Overflow, 0.0)
		assert.Empty(t, l.Overlaps)
		screenshot(t, chromium, page, fmt.Sprintf("audit-20k-%d", width), width)
	}
}

// The attack catalogue's HTML report runs no script and loads nothing:
// payloads that would set document.title (an inline script, an onerror
// handler, an SVG onload) leave it as the report wrote it, and the page
// makes no network request.
func TestAuditHTMLRunsNoCatalogueScript(t *testing.T) {
	chromium := testtool.Find(t, "KPILINT_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
	root, err := filepath.Abs("../../testdata/attack/catalogue")
	require.NoError(t, err)
	a := auditOfDir(t, root)
	page := writeReport(t, a)
	dir := t.TempDir()
	netlog := filepath.Join(dir, "net.json")
	out, err := exec.Command(chromium, chromiumArgs(dir, "--dump-dom", "--log-net-log="+netlog, "--virtual-time-budget=2000", "file://"+page)...).Output()
	require.NoError(t, err)
	title := regexp.MustCompile(`<title>(.*?)</title>`).FindSubmatch(out)
	require.NotNil(t, title)
	assert.Equal(t, "KPI catalogue audit · 2026-11-27", string(title[1]))
	assert.NotContains(t, string(out), "pwned</title>")
	assert.Empty(t, pageRequests(t, netlog), "network requests made by the page")
}
