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
	b := bufio.NewWriter(w)
	s := r.Summary
	fmt.Fprintln(b, h1.Render("KPI catalogue audit"))
	fmt.Fprintf(b, "Health score %s · %d active KPIs · %d units · %d of %d goals measured\n",
		scoreStyle(s.Health).Render(fmt.Sprintf("%.1f", s.Health)), s.ActiveKPIs, s.Units, s.GoalsCovered, s.Goals)
	fmt.Fprintf(b, "%d errors, %d warnings, %d infos · %s\n", s.Errors, s.Warnings, s.Infos, r.Date)

	fmt.Fprintln(b, "\n"+h2.Render("KPI quality (number of KPIs per score)"))
	maxCount := 1
	for _, x := range r.Scores {
		maxCount = max(maxCount, x.Count)
	}
	for _, x := range r.Scores {
		bar := strings.Repeat("█", x.Count*40/maxCount)
		fmt.Fprintf(b, "  %6s %s %d\n", x.Label, bar, x.Count)
	}

	fmt.Fprintln(b, "\n"+h2.Render(fmt.Sprintf("Organisation (recommended %d–%d KPIs per unit)", audit.RecommendedMin, audit.RecommendedMax)))
	t := tbl("unit", "level", "KPIs", "vs 3–5", "score", "lead/lag")
	for _, u := range r.Units {
		name := strings.Repeat("  ", u.Depth) + Sanitize(truncate(u.Name, 24-2*u.Depth))
		verdict := band(u)
		if u.Band == "above" {
			verdict = bad.Render(verdict)
		}
		t.Row(name, u.Level, strconv.Itoa(u.ActiveKPIs), verdict, fmt.Sprintf("%.0f", u.MeanScore), fmt.Sprintf("%d/%d", u.Leading, u.Lagging))
	}
	fmt.Fprintln(b, t.Render())

	fmt.Fprintln(b, "\n"+h2.Render("Strategy coverage"))
	t = tbl("goal", "KPIs", "status")
	for _, g := range r.Goals {
		status := coverage(g)
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

	fmt.Fprintln(b, "\n"+h2.Render("Ownership"))
	t = tbl("owner", "KPIs", "note")
	for _, o := range r.Owners {
		var notes []string
		if o.Placeholder {
			notes = append(notes, bad.Render("not a person"))
		}
		if len(o.Outside) > 0 {
			notes = append(notes, warn.Render(fmt.Sprintf("%d outside unit", len(o.Outside))))
		}
		t.Row(Sanitize(truncate(o.Name, 24)), strconv.Itoa(len(o.KPIs)), strings.Join(notes, ", "))
	}
	fmt.Fprintln(b, t.Render())

	fmt.Fprintln(b, "\n"+h2.Render("Follow-up"))
	var cad []string
	for _, c := range r.Cadence {
		if c.Count > 0 {
			cad = append(cad, fmt.Sprintf("%s %d", c.Label, c.Count))
		}
	}
	fmt.Fprintln(b, wrap("Reviewed: "+strings.Join(cad, " · "), 80))
	fmt.Fprintln(b, wrap("Overdue reviews: "+Sanitize(refs(r.Overdue)), 80))
	fmt.Fprintln(b, wrap("Without actions: "+Sanitize(refs(r.NoActions)), 80))

	fmt.Fprintln(b, "\n"+h2.Render("Findings by rule"))
	t = tbl("rule", "severity", "n")
	for _, x := range r.Rules {
		t.Row(x.Rule, x.Severity, strconv.Itoa(x.Count))
	}
	fmt.Fprintln(b, t.Render())
	fmt.Fprintln(b, faint.Render("kpilint explain RULE tells why each rule matters."))

	fmt.Fprintln(b, "\n"+h2.Render("Weakest KPIs"))
	t = tbl("KPI", "score", "findings")
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
