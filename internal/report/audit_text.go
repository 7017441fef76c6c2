package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/muesli/termenv"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
)

// AuditText writes the audit for a terminal: readable in 80 columns,
// coloured only when opts.Color is set.
func AuditText(w io.Writer, r *audit.Report, opts Options) error {
	re := lipgloss.NewRenderer(w)
	if opts.Color {
		re.SetColorProfile(termenv.ANSI256)
	} else {
		re.SetColorProfile(termenv.Ascii)
	}
	h1 := re.NewStyle().Bold(true).Underline(true)
	h2 := re.NewStyle().Bold(true)
	good := re.NewStyle().Foreground(lipgloss.Color("10"))
	warn := re.NewStyle().Foreground(lipgloss.Color("11"))
	bad := re.NewStyle().Foreground(lipgloss.Color("9")).Bold(true)
	faint := re.NewStyle().Faint(true)
	tbl := func(headers ...string) *table.Table {
		return table.New().Border(lipgloss.NormalBorder()).BorderStyle(faint).Headers(headers...).
			StyleFunc(func(row, _ int) lipgloss.Style {
				if row == table.HeaderRow {
					return re.NewStyle().Bold(true).Padding(0, 1)
				}
				return re.NewStyle().Padding(0, 1)
			})
	}
	scoreStyle := func(x float64) lipgloss.Style {
		switch {
		case x >= 80:
			return good
		case x >= 50:
			return warn
		}
		return bad
	}
	lang := opts.Lang
	tr := func(text string) string { return i18n.T(lang, text) }
	b := bufio.NewWriter(w)
	s := r.Summary
	fmt.Fprintln(b, h1.Render(tr("KPI catalogue audit")))
	fmt.Fprintln(b, i18n.Tf(lang, "Health score %s · %d active KPIs · %d units · %d of %d goals measured",
		scoreStyle(s.Health).Render(fmt.Sprintf("%.1f", s.Health)), s.ActiveKPIs, s.Units, s.GoalsCovered, s.Goals))
	fmt.Fprintln(b, i18n.Tf(lang, "%d errors, %d warnings, %d infos · %s", s.Errors, s.Warnings, s.Infos, r.Date))

	fmt.Fprintln(b, "\n"+h2.Render(tr("KPI quality (number of KPIs per score)")))
	maxCount := 1
	for _, x := range r.Scores {
		maxCount = max(maxCount, x.Count)
	}
	for _, x := range r.Scores {
		bar := strings.Repeat("█", x.Count*40/maxCount)
		fmt.Fprintf(b, "  %6s %s %d\n", x.Label, bar, x.Count)
	}

	fmt.Fprintln(b, "\n"+h2.Render(i18n.Tf(lang, "Organisation (recommended %d–%d KPIs per unit)", audit.RecommendedMin, audit.RecommendedMax)))
	t := tbl(tr("unit"), tr("level"), tr("KPIs"), tr("vs 3–5"), tr("score"), tr("lead/lag"))
	for _, u := range r.Units {
		name := strings.Repeat("  ", u.Depth) + Sanitize(truncate(u.Name, 24-2*u.Depth))
		verdict := band(lang, u)
		if u.Band == "above" {
			verdict = bad.Render(verdict)
		}
		t.Row(name, tr(u.Level), strconv.Itoa(u.ActiveKPIs), verdict, fmt.Sprintf("%.0f", u.MeanScore), fmt.Sprintf("%d/%d", u.Leading, u.Lagging))
	}
	fmt.Fprintln(b, t.Render())

	fmt.Fprintln(b, "\n"+h2.Render(tr("Strategy coverage")))
	t = tbl(tr("goal"), tr("KPIs"), tr("status"))
	for _, g := range r.Goals {
		status := coverage(lang, g)
		switch {
		case !g.Covered:
			status = bad.Render(status)
		case g.LaggingOnly:
			status = warn.Render(status)
		}
		kpis := append(append([]string{}, g.Direct...), g.ViaChild...)
		t.Row(strings.Repeat("  ", g.Depth)+Sanitize(truncate(g.ID, 26-2*g.Depth)), truncate(joinOr(kpis, "—"), 30), status)
	}
	fmt.Fprintln(b, t.Render())

	fmt.Fprintln(b, "\n"+h2.Render(tr("Ownership")))
	t = tbl(tr("owner"), tr("KPIs"), tr("note"))
	for _, o := range r.Owners {
		var notes []string
		if o.Placeholder {
			notes = append(notes, bad.Render(tr("not a person")))
		}
		if len(o.Outside) > 0 {
			notes = append(notes, warn.Render(i18n.Tf(lang, "%d outside unit", len(o.Outside))))
		}
		t.Row(Sanitize(truncate(o.Name, 24)), strconv.Itoa(len(o.KPIs)), strings.Join(notes, ", "))
	}
	fmt.Fprintln(b, t.Render())

	fmt.Fprintln(b, "\n"+h2.Render(tr("Follow-up")))
	var cad []string
	for _, c := range r.Cadence {
		if c.Count > 0 {
			cad = append(cad, fmt.Sprintf("%s %d", tr(c.Label), c.Count))
		}
	}
	fmt.Fprintln(b, wrap(tr("Reviewed: ")+strings.Join(cad, " · "), 80))
	fmt.Fprintln(b, wrap(tr("Overdue reviews: ")+Sanitize(refs(lang, r.Overdue)), 80))
	fmt.Fprintln(b, wrap(tr("Without actions: ")+Sanitize(refs(lang, r.NoActions)), 80))

	fmt.Fprintln(b, "\n"+h2.Render(tr("Findings by rule")))
	t = tbl(tr("rule"), tr("severity"), "n")
	for _, x := range r.Rules {
		t.Row(x.Rule, tr(x.Severity), strconv.Itoa(x.Count))
	}
	fmt.Fprintln(b, t.Render())
	fmt.Fprintln(b, faint.Render(tr("kpilint explain RULE tells why each rule matters.")))

	fmt.Fprintln(b, "\n"+h2.Render(tr("Weakest KPIs")))
	t = tbl(tr("KPI"), tr("score"), tr("findings"))
	for _, k := range r.Weakest {
		t.Row(Sanitize(truncate(k.ID, 22)), scoreStyle(k.Score).Render(fmt.Sprintf("%.0f", k.Score)), truncate(strings.Join(k.Findings, ", "), 40))
	}
	fmt.Fprintln(b, t.Render())
	return b.Flush()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if n < 2 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// wrap breaks text at spaces so no line is longer than width characters
// (a single longer word stays whole).
func wrap(text string, width int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = "  " + word
		}
	}
	return strings.Join(append(lines, line), "\n")
}
