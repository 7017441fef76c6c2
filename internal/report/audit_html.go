package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
)

//go:embed audit.html.tmpl
var auditTemplate string

var auditHTML = template.Must(template.New("audit").Funcs(template.FuncMap{
	"pct": func(a, b int) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f %%", 100*float64(a)/float64(b))
	},
	"indent": func(depth int) template.CSS {
		return template.CSS(fmt.Sprintf("padding-left: %.1fem", 0.2+1.4*float64(depth))) //nolint:gosec // a number, never user text
	},
	// Bound to the report's language at each execution (see AuditHTML).
	"coverage": func(audit.Goal) string { return "" },
	"band":     func(audit.Unit) string { return "" },
	"t":        func(s string) string { return s },
	"scoreClass": func(x float64) string {
		switch {
		case x >= 80:
			return "good"
		case x >= 50:
			return "fair"
		}
		return "poor"
	},
}).Parse(auditTemplate))

type htmlAudit struct {
	*audit.Report
	Lang                                           string
	UnitsChart, MixChart, ScoreChart, CadenceChart template.HTML
}

// AuditHTML writes a self-contained HTML report: inline CSS and SVG, no
// script, no external resource, light and dark schemes, A4 print layout.
func AuditHTML(w io.Writer, r *audit.Report, opts Options) error {
	var units, mix, scores, cadence []bar
	for _, u := range r.Units {
		cls := ""
		switch u.Band {
		case "above":
			cls = "over"
		case "below":
			cls = "under"
		}
		units = append(units, bar{Label: u.Name, Value: u.ActiveKPIs, Class: cls})
	}
	for _, g := range r.Goals {
		mix = append(mix, bar{Label: g.ID, Value: g.Leading, Second: g.Lagging})
	}
	for i, s := range r.Scores {
		scores = append(scores, bar{Label: s.Label, Value: s.Count, Class: []string{"poor", "poor", "fair", "fair", "good", "good"}[min(i, 5)]})
	}
	for _, c := range r.Cadence {
		cls := ""
		if c.Label == "none" {
			cls = "poor"
		}
		cadence = append(cadence, bar{Label: i18n.T(opts.Lang, c.Label), Value: c.Count, Class: cls})
	}
	lang := opts.Lang
	if lang == "" {
		lang = i18n.English
	}
	data := htmlAudit{Report: r, Lang: lang,
		UnitsChart:   hbarChart(i18n.T(opts.Lang, "Active KPIs per unit against the recommended 3–5"), units, audit.RecommendedMin, audit.RecommendedMax, [2]string{}, i18n.Tf(opts.Lang, "recommended %d–%d", audit.RecommendedMin, audit.RecommendedMax)),
		MixChart:     hbarChart(i18n.T(opts.Lang, "Leading and lagging KPIs per goal"), mix, 0, 0, [2]string{i18n.T(opts.Lang, "leading"), i18n.T(opts.Lang, "lagging")}, ""),
		ScoreChart:   vbarChart(i18n.T(opts.Lang, "Number of KPIs per quality score"), scores),
		CadenceChart: vbarChart(i18n.T(opts.Lang, "Number of KPIs per review cadence"), cadence),
	}
	tmpl, err := auditHTML.Clone()
	if err != nil {
		return err
	}
	tmpl.Funcs(template.FuncMap{
		"t":        func(s string) string { return i18n.T(lang, s) },
		"coverage": func(g audit.Goal) string { return coverage(lang, g) },
		"band":     func(u audit.Unit) string { return band(lang, u) },
	})
	return tmpl.Execute(w, data)
}
