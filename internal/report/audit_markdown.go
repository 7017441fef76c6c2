package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
)

// AuditMarkdown writes the audit for a pull-request comment or a wiki page.
func AuditMarkdown(w io.Writer, r *audit.Report, opts Options) error {
	lang := opts.Lang
	tr := func(text string) string { return i18n.T(lang, text) }
	b := bufio.NewWriter(w)
	s := r.Summary
	fmt.Fprintf(b, "# %s\n\n", tr("KPI catalogue audit"))
	fmt.Fprintf(b, "%s\n\n", i18n.Tf(lang, "**Health score %.1f / 100** · %d active KPIs · %d units · %d of %d goals measured · %d errors, %d warnings, %d infos · %s",
		s.Health, s.ActiveKPIs, s.Units, s.GoalsCovered, s.Goals, s.Errors, s.Warnings, s.Infos, r.Date))

	fmt.Fprintf(b, "## %s\n\n| %s | %s |\n|---|---|\n", tr("KPI quality"), tr("score"), tr("KPIs"))
	for _, x := range r.Scores {
		fmt.Fprintf(b, "| %s | %d |\n", x.Label, x.Count)
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n\n%s\n|---|---|---|---|---|---|\n", tr("Levels and units"),
		i18n.Tf(lang, "Recommended: %d–%d KPIs per unit.", audit.RecommendedMin, audit.RecommendedMax),
		tr("| level | units | active KPIs | mean score | leading | lagging |"))
	for _, l := range r.Levels {
		fmt.Fprintf(b, "| %s | %d | %d | %.1f | %d | %d |\n", tr(l.Level), l.Units, l.ActiveKPIs, l.MeanScore, l.Leading, l.Lagging)
	}
	fmt.Fprintf(b, "\n%s\n|---|---|---|---|---|---|\n", i18n.Tf(lang, "| unit | level | KPIs | vs %d–%d | mean score | leading / lagging |", audit.RecommendedMin, audit.RecommendedMax))
	for _, u := range r.Units {
		fmt.Fprintf(b, "| %s%s | %s | %d | %s | %.1f | %d / %d |\n", strings.Repeat("&nbsp;&nbsp;", u.Depth), cell(u.Name), tr(u.Level), u.ActiveKPIs, band(lang, u), u.MeanScore, u.Leading, u.Lagging)
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n|---|---|---|---|\n", tr("Strategy coverage"), tr("| goal | KPIs | via sub-goals | status |"))
	for _, g := range r.Goals {
		fmt.Fprintf(b, "| %s**%s** %s | %s | %s | %s |\n", strings.Repeat("&nbsp;&nbsp;", g.Depth), g.ID, cell(g.Statement),
			joinOr(g.Direct, "—"), joinOr(g.ViaChild, "—"), coverage(lang, g))
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n|---|---|---|\n", tr("Ownership"), tr("| owner | KPIs | |"))
	for _, o := range r.Owners {
		var notes []string
		if o.Placeholder {
			notes = append(notes, tr("placeholder or group, not a person"))
		}
		if len(o.Outside) > 0 {
			notes = append(notes, tr("outside the measured unit: ")+strings.Join(o.Outside, ", "))
		}
		fmt.Fprintf(b, "| %s | %d (%s) | %s |\n", cell(o.Name), len(o.KPIs), strings.Join(o.KPIs, ", "), strings.Join(notes, "; "))
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n|---|---|\n", tr("Follow-up"), tr("| review | KPIs |"))
	for _, c := range r.Cadence {
		if c.Count > 0 {
			fmt.Fprintf(b, "| %s | %d |\n", tr(c.Label), c.Count)
		}
	}
	fmt.Fprintf(b, "\n%s%s\n\n", tr("Overdue reviews: "), refs(lang, r.Overdue))
	fmt.Fprintf(b, "%s%s\n", tr("Without actions: "), refs(lang, r.NoActions))

	fmt.Fprintf(b, "\n## %s\n\n%s\n|---|---|---|---|\n", tr("Findings by rule"), tr("| rule | severity | findings | what it flags |"))
	for _, x := range r.Rules {
		fmt.Fprintf(b, "| [%s](%s) | %s | %d | %s |\n", x.Rule, x.Help, tr(x.Severity), x.Count, tr(x.Title))
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n|---|---|---|---|\n", tr("Weakest KPIs"), tr("| KPI | score | where | findings |"))
	for _, k := range r.Weakest {
		fmt.Fprintf(b, "| %s | %.0f | `%s:%d` | %s |\n", cell(k.Name), k.Score, k.File, k.Line, strings.Join(k.Findings, ", "))
	}
	return b.Flush()
}

func refs(lang string, rs []audit.KPIRef) string {
	if len(rs) == 0 {
		return i18n.T(lang, "none")
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ", ")
}
