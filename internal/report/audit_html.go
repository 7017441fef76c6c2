package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
)

//go:embed audit.html.tmpl
var auditTemplate string

// auditHTML is parsed when an HTML audit is first written, not when
// kpilint starts: parsing it was 1.4 ms of every run's start-up.
var auditHTML = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("audit").Funcs(template.FuncMap{
		"indent": func(depth int) template.CSS {
			return template.CSS(fmt.Sprintf("padding-left: %.1fem", 0.2+1.4*float64(depth))) //nolint:gosec // a number, never user text
		},
		// Bound to the report's language at each execution (see AuditHTML).
		"coverage": func(audit.Goal) string { return "" },
		"band":     func(audit.Unit) string { return "" },
		"t":        func(s string) string { return s },
		"tf":       func(string, ...any) string { return "" },
		"field":    func(string) string { return "" },
		"few":      func([]string) []string { return nil },
		"more":     func([]string) string { return "" },
		"refIDs":   func([]audit.KPIRef) []string { return nil },
		"render":   func(i18n.Message) string { return "" },
		"lacks":    func([]string) string { return "" },
		"mean":     func(kpis int, x float64) string { return meanOf(kpis, x) },
		"pct":      pct,
		"short":    func(s string) string { return s[:min(len(s), 7)] },
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
})

type htmlAudit struct {
	*audit.Report
	Lang string
	Lead headline
	// Units are the units the table lists (see shownUnits), OtherUnits
	// and OtherKPIs what it leaves out.
	Units                 []audit.Unit
	OtherUnits, OtherKPIs int
	Goals                 []audit.Goal
	Owners                []audit.Owner
	MoreGoals, MoreOwners int
	Charts                struct{ Completeness, Quality, Fields, Units, Mix, Cadence, History template.HTML }
}

// AuditHTML writes a self-contained HTML report: inline CSS, no script, no
// external resource, light and dark schemes, readable from 360 px wide,
// and an A4 print layout.
func AuditHTML(w io.Writer, r *audit.Report, opts Options) error {
	lang := opts.Lang
	if lang == "" {
		lang = i18n.English
	}
	tr := func(s string) string { return i18n.T(lang, s) }
	data := htmlAudit{Report: r, Lang: lang, Lead: headlines(lang, r)}
	data.Units, data.OtherUnits, data.OtherKPIs = shownUnits(r.Units, tableRows)
	data.Goals, data.MoreGoals = capped(r.Goals, tableRows)
	data.Owners, data.MoreOwners = capped(r.Owners, tableRows)

	scoreClass := []string{"poor", "poor", "fair", "fair", "good", "good"}
	var completeness, quality, fields, units, mix, cadence, history []bar
	for i := range r.Scores {
		completeness = append(completeness, bar{Label: r.Completeness[i].Label, Values: []int{r.Completeness[i].Count}, Class: scoreClass[i]})
		quality = append(quality, bar{Label: r.Scores[i].Label, Values: []int{r.Scores[i].Count}, Class: scoreClass[i]})
	}
	for _, f := range r.Fields {
		if f.Missing > 0 {
			fields = append(fields, bar{Label: fieldName(lang, f.Rule), Values: []int{f.Missing}, Class: "fair"})
		}
	}
	chartUnitsShown, others, otherKPIs := shownUnits(r.Units, chartUnits)
	for _, u := range chartUnitsShown {
		cls := ""
		switch u.Band {
		case "above":
			cls = "over"
		case "below":
			cls = "under"
		}
		units = append(units, bar{Label: u.Name, Values: []int{u.ActiveKPIs}, Class: cls})
	}
	if others > 0 {
		units = append(units, bar{Label: i18n.Tf(lang, "%d other units", others), Text: i18n.Tf(lang, "%d KPIs in all", otherKPIs)})
	}
	goalsShown, moreGoals := capped(r.Goals, chartUnits)
	for _, g := range goalsShown {
		mix = append(mix, bar{Label: g.ID, Values: []int{g.Leading, g.Lagging, g.Unclassified}})
	}
	if moreGoals > 0 {
		mix = append(mix, bar{Label: i18n.Tf(lang, "%d more goals", moreGoals), Text: "…"})
	}
	for _, c := range r.Cadence {
		cls := ""
		if c.Label == "none" {
			cls = "poor"
		}
		cadence = append(cadence, bar{Label: tr(c.Label), Values: []int{c.Count}, Class: cls})
	}
	for _, p := range r.History {
		history = append(history, bar{Label: p.Date + " " + p.Commit[:min(len(p.Commit), 7)], Values: []int{int(p.Quality + 0.5)}, Class: "quality",
			Text: fmt.Sprintf("%.1f", p.Quality)})
		history = append(history, bar{Label: "", Values: []int{int(p.Completeness + 0.5)}, Class: "completeness", Text: fmt.Sprintf("%.1f", p.Completeness)})
	}
	leadLag := []series{{tr("leading"), "lead"}, {tr("lagging"), "lag"}, {tr("not classified"), "unclassified"}}
	data.Charts.Completeness = barChart(tr("Number of KPIs per completeness score"), completeness, nil, 0, [2]int{}, "")
	data.Charts.Quality = barChart(tr("Number of KPIs per quality score"), quality, nil, 0, [2]int{}, "")
	data.Charts.Fields = barChart(tr("Number of KPIs lacking each field"), fields, nil, r.Summary.ActiveKPIs, [2]int{}, "")
	data.Charts.Units = barChart(tr("Active KPIs per unit against the recommended 3–5"), units, nil, 0,
		[2]int{audit.RecommendedMin, audit.RecommendedMax}, i18n.Tf(lang, "recommended %d–%d", audit.RecommendedMin, audit.RecommendedMax))
	data.Charts.Mix = barChart(tr("Leading, lagging and unclassified KPIs per goal"), mix, leadLag, 0, [2]int{}, "")
	data.Charts.Cadence = barChart(tr("Number of KPIs per review cadence"), cadence, nil, 0, [2]int{}, "")
	data.Charts.History = barChart(tr("Quality and completeness per commit, oldest first"), history,
		[]series{{tr("quality"), "quality"}, {tr("completeness"), "completeness"}}, 100, [2]int{}, "")
	tmpl, err := auditHTML().Clone()
	if err != nil {
		return err
	}
	tmpl.Funcs(template.FuncMap{
		"t":        tr,
		"tf":       func(format string, args ...any) string { return i18n.Tf(lang, format, args...) },
		"coverage": func(g audit.Goal) string { return coverage(lang, g) },
		"band":     func(u audit.Unit) string { return band(lang, u) },
		"field":    func(rule string) string { return fieldName(lang, rule) },
		"few":      func(ids []string) []string { shown, _ := firstFew(ids); return shown },
		"more":     func(ids []string) string { _, n := firstFew(ids); return more(lang, n) },
		"refIDs":   refIDs,
		"render":   func(m i18n.Message) string { return m.Render(lang, 300) },
		"lacks":    func(missing []string) string { return lacks(lang, missing) },
	})
	var page strings.Builder
	if err := tmpl.Execute(&page, data); err != nil {
		return err
	}
	_, err = io.WriteString(w, visibleControls(page.String()))
	return err
}

// visibleControls shows the control characters and bidirectional overrides
// left in a page as \uXXXX, as the text formats do: html/template escapes
// markup, not the characters that reorder or hide what a reader sees. The
// template itself holds none but newlines and tabs.
func visibleControls(page string) string {
	if !strings.ContainsFunc(page, func(r rune) bool { return r != '\n' && r != '\t' && unsafeRune(r) }) {
		return page
	}
	var b strings.Builder
	for _, r := range page {
		if r != '\n' && r != '\t' && unsafeRune(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
