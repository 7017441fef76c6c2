package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
)

// AuditMarkdown writes the audit for a pull-request comment or a wiki page.
func AuditMarkdown(w io.Writer, r *audit.Report, _ Options) error {
	b := bufio.NewWriter(w)
	s := r.Summary
	fmt.Fprintf(b, "# KPI catalogue audit\n\n")
	fmt.Fprintf(b, "**Health score %.1f / 100** · %d active KPIs · %d units · %d of %d goals measured · %d errors, %d warnings, %d infos · %s\n\n",
		s.Health, s.ActiveKPIs, s.Units, s.GoalsCovered, s.Goals, s.Errors, s.Warnings, s.Infos, r.Date)

	fmt.Fprintf(b, "## KPI quality\n\n| score | KPIs |\n|---|---|\n")
	for _, x := range r.Scores {
		fmt.Fprintf(b, "| %s | %d |\n", x.Label, x.Count)
	}

	fmt.Fprintf(b, "\n## Levels and units\n\nRecommended: %d–%d KPIs per unit.\n\n| level | units | active KPIs | mean score | leading | lagging |\n|---|---|---|---|---|---|\n", audit.RecommendedMin, audit.RecommendedMax)
	for _, l := range r.Levels {
		fmt.Fprintf(b, "| %s | %d | %d | %.1f | %d | %d |\n", l.Level, l.Units, l.ActiveKPIs, l.MeanScore, l.Leading, l.Lagging)
	}
	fmt.Fprintf(b, "\n| unit | level | KPIs | vs %d–%d | mean score | leading / lagging |\n|---|---|---|---|---|---|\n", audit.RecommendedMin, audit.RecommendedMax)
	for _, u := range r.Units {
		fmt.Fprintf(b, "| %s%s | %s | %d | %s | %.1f | %d / %d |\n", strings.Repeat("&nbsp;&nbsp;", u.Depth), cell(u.Name), u.Level, u.ActiveKPIs, band(u), u.MeanScore, u.Leading, u.Lagging)
	}

	fmt.Fprintf(b, "\n## Strategy coverage\n\n| goal | KPIs | via sub-goals | status |\n|---|---|---|---|\n")
	for _, g := range r.Goals {
		fmt.Fprintf(b, "| %s**%s** %s | %s | %s | %s |\n", strings.Repeat("&nbsp;&nbsp;", g.Depth), g.ID, cell(g.Statement),
			joinOr(g.Direct, "—"), joinOr(g.ViaChild, "—"), coverage(g))
	}

	fmt.Fprintf(b, "\n## Ownership\n\n| owner | KPIs | |\n|---|---|---|\n")
	for _, o := range r.Owners {
		var notes []string
		if o.Placeholder {
			notes = append(notes, "placeholder or group, not a person")
		}
		if len(o.Outside) > 0 {
			notes = append(notes, "outside the measured unit: "+strings.Join(o.Outside, ", "))
		}
		fmt.Fprintf(b, "| %s | %d (%s) | %s |\n", cell(o.Name), len(o.KPIs), strings.Join(o.KPIs, ", "), strings.Join(notes, "; "))
	}

	fmt.Fprintf(b, "\n## Follow-up\n\n| review | KPIs |\n|---|---|\n")
	for _, c := range r.Cadence {
		if c.Count > 0 {
			fmt.Fprintf(b, "| %s | %d |\n", c.Label, c.Count)
		}
	}
	fmt.Fprintf(b, "\nOverdue reviews: %s\n\n", refs(r.Overdue))
	fmt.Fprintf(b, "Without actions: %s\n", refs(r.NoActions))

	fmt.Fprintf(b, "\n## Findings by rule\n\n| rule | severity | findings | what it flags |\n|---|---|---|---|\n")
	for _, x := range r.Rules {
		fmt.Fprintf(b, "| [%s](%s) | %s | %d | %s |\n", x.Rule, x.Help, x.Severity, x.Count, x.Title)
	}

	fmt.Fprintf(b, "\n## Weakest KPIs\n\n| KPI | score | where | findings |\n|---|---|---|---|\n")
	for _, k := range r.Weakest {
		fmt.Fprintf(b, "| %s | %.0f | `%s:%d` | %s |\n", cell(k.Name), k.Score, k.File, k.Line, strings.Join(k.Findings, ", "))
	}
	return b.Flush()
}

func refs(rs []audit.KPIRef) string {
	if len(rs) == 0 {
		return "none"
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ", ")
}
