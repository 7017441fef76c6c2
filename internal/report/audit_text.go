package report

import (
	"bufio"
	"cmp"
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
	lead := func(text string) string { return wrap(Sanitize(text), 80) }
	b := bufio.NewWriter(w)
	s := r.Summary
	h := headlines(lang, r)
	fmt.Fprintln(b, h1.Render(tr("KPI catalogue audit")))
	fmt.Fprintln(b, i18n.Tf(lang, "Completeness %s / 100 · quality %s / 100",
		scoreStyle(s.Completeness).Render(fmt.Sprintf("%.1f", s.Completeness)), scoreStyle(s.Quality).Render(fmt.Sprintf("%.1f", s.Quality))))
	fmt.Fprintln(b, i18n.Tf(lang, "%d active KPIs · %d units · %d of %d goals measured", s.ActiveKPIs, s.Units, s.GoalsCovered, s.Goals))
	fmt.Fprintln(b, i18n.Tf(lang, "%d errors, %d warnings, %d infos · %s", s.Errors, s.Warnings, s.Infos, r.Date))

	fmt.Fprintln(b, "\n"+h2.Render(tr("Scores")))
	fmt.Fprintln(b, lead(h.Scores))
	histogram := func(title string, bs []audit.Bucket) {
		fmt.Fprintln(b, faint.Render(title))
		maxCount := 1
		for _, x := range bs {
			maxCount = max(maxCount, x.Count)
		}
		for _, x := range bs {
			fmt.Fprintf(b, "  %6s %s %d\n", x.Label, strings.Repeat("█", x.Count*40/maxCount), x.Count)
		}
	}
	if s.ActiveKPIs > 0 {
		histogram(tr("Completeness (number of KPIs per score)"), r.Completeness)
		histogram(tr("Quality (number of KPIs per score)"), r.Scores)
		var lacking []string
		for _, f := range r.Fields {
			if f.Missing > 0 {
				lacking = append(lacking, fmt.Sprintf("%s %d", fieldName(lang, f.Rule), f.Missing))
			}
		}
		if len(lacking) > 0 {
			fmt.Fprintln(b, wrap(tr("KPIs lacking: ")+strings.Join(lacking, " · "), 80))
		}
	}

	fmt.Fprintln(b, "\n"+h2.Render(i18n.Tf(lang, "Organisation (recommended %d–%d KPIs per unit)", audit.RecommendedMin, audit.RecommendedMax)))
	fmt.Fprintln(b, lead(h.Organisation))
	if len(r.Units) > 0 {
		shown, others, otherKPIs := shownUnits(r.Units, tableRows)
		t := tbl(tr("unit"), tr("level"), tr("KPIs"), tr("vs 3–5"), tr("quality"), tr("compl."))
		for _, u := range shown {
			name := strings.Repeat("  ", u.Depth) + Sanitize(truncate(u.Name, 24-2*u.Depth))
			verdict := band(lang, u)
			if u.Band == "above" {
				verdict = bad.Render(verdict)
			}
			t.Row(name, tr(u.Level), strconv.Itoa(u.ActiveKPIs), verdict, meanOf(u.ActiveKPIs, u.MeanScore), meanOf(u.ActiveKPIs, u.MeanCompleteness))
		}
		fmt.Fprintln(b, t.Render())
		if others > 0 {
			fmt.Fprintln(b, i18n.Tf(lang, "%d more units with %d KPIs (the JSON audit lists every unit).", others, otherKPIs))
		}
	}

	fmt.Fprintln(b, "\n"+h2.Render(tr("Strategy coverage")))
	fmt.Fprintln(b, lead(h.Coverage))
	if len(r.Goals) > 0 {
		t := tbl(tr("goal"), tr("KPIs"), tr("status"))
		for i, g := range r.Goals {
			if i == tableRows {
				break
			}
			status := coverage(lang, g)
			switch {
			case !g.Covered:
				status = bad.Render(status)
			case g.LaggingOnly:
				status = warn.Render(status)
			}
			kpis := append(append([]string{}, g.Direct...), g.ViaChild...)
			t.Row(strings.Repeat("  ", g.Depth)+Sanitize(truncate(g.ID, 26-2*g.Depth)), Sanitize(truncate(joinOr(kpis, "—"), 30)), status)
		}
		fmt.Fprintln(b, t.Render())
		if n := len(r.Goals) - tableRows; n > 0 {
			fmt.Fprintln(b, i18n.Tf(lang, "%d more goals (the JSON audit lists every goal).", n))
		}
	}
	if len(r.Unanchored) > 0 && s.Goals > 0 {
		fmt.Fprintln(b, tr("KPIs tied to no goal, by unit:"))
		for i, u := range r.Unanchored {
			if i == listShown {
				fmt.Fprintln(b, "  "+i18n.Tf(lang, "%d more units", len(r.Unanchored)-listShown))
				break
			}
			fmt.Fprintln(b, wrap("  "+Sanitize(cmp.Or(u.Name, "—"))+": "+Sanitize(idList(lang, refIDs(u.KPIs))), 80))
		}
	}
	fmt.Fprintln(b, lead(h.Mix))

	fmt.Fprintln(b, "\n"+h2.Render(tr("Ownership")))
	fmt.Fprintln(b, lead(h.Ownership))
	if len(r.Owners) > 0 {
		t := tbl(tr("owner"), tr("KPIs"), tr("note"))
		for i, o := range r.Owners {
			if i == tableRows {
				break
			}
			var notes []string
			if o.Overloaded {
				notes = append(notes, bad.Render(i18n.Tf(lang, "more than %d", r.OwnerMax)))
			}
			if o.Placeholder {
				notes = append(notes, bad.Render(tr("not a person")))
			}
			if len(o.Outside) > 0 {
				notes = append(notes, warn.Render(i18n.Tf(lang, "%d outside unit", len(o.Outside))))
			}
			t.Row(Sanitize(truncate(o.Name, 24)), strconv.Itoa(len(o.KPIs)), strings.Join(notes, ", "))
		}
		fmt.Fprintln(b, t.Render())
		if n := len(r.Owners) - tableRows; n > 0 {
			fmt.Fprintln(b, i18n.Tf(lang, "%d more owners (the JSON audit lists every owner).", n))
		}
	}
	if len(r.Unowned) > 0 {
		fmt.Fprintln(b, wrap(tr("Without an owner: ")+Sanitize(idList(lang, refIDs(r.Unowned))), 80))
	}

	fmt.Fprintln(b, "\n"+h2.Render(tr("Follow-up")))
	fmt.Fprintln(b, lead(h.FollowUp))
	var cad []string
	for _, c := range r.Cadence {
		if c.Count > 0 {
			cad = append(cad, fmt.Sprintf("%s %d", tr(c.Label), c.Count))
		}
	}
	fmt.Fprintln(b, wrap(tr("Reviewed: ")+strings.Join(cad, " · "), 80))
	fmt.Fprintln(b, wrap(tr("Overdue reviews: ")+Sanitize(idList(lang, refIDs(r.Overdue))), 80))
	fmt.Fprintln(b, wrap(tr("Without actions: ")+Sanitize(idList(lang, refIDs(r.NoActions))), 80))

	fmt.Fprintln(b, "\n"+h2.Render(tr("Findings by rule")))
	fmt.Fprintln(b, lead(h.Rules))
	if len(r.Rules) > 0 {
		t := tbl(tr("rule"), tr("group"), tr("severity"), "n")
		for _, x := range r.Rules {
			t.Row(x.Rule, tr(x.Group), tr(x.Severity), strconv.Itoa(x.Count))
		}
		fmt.Fprintln(b, t.Render())
		fmt.Fprintln(b, faint.Render(tr("kpilint explain RULE tells why each rule matters.")))
	}

	fmt.Fprintln(b, "\n"+h2.Render(tr("Weakest KPIs")))
	fmt.Fprintln(b, lead(h.Weakest))
	for i, k := range r.Weakest {
		fmt.Fprintf(b, "%2d. %s  %s %s · %s %s\n", i+1, Sanitize(truncate(k.Name, 40)),
			tr("quality"), scoreStyle(k.Score).Render(pct(k.Score)), tr("completeness"), scoreStyle(k.Completeness).Render(pct(k.Completeness)))
		fmt.Fprintln(b, "    "+faint.Render(Sanitize(truncate(fmt.Sprintf("%s:%d", k.File, k.Line), 76))))
		for j, p := range k.Problems {
			if j == 3 {
				fmt.Fprintln(b, "    "+faint.Render(more(lang, len(k.Problems)-3)))
				break
			}
			fmt.Fprintln(b, wrap("    – "+Sanitize(p.Message.Render(lang, 200)), 80))
		}
		if l := lacks(lang, k.Missing); l != "" {
			fmt.Fprintln(b, wrap("    – "+l, 80))
		}
	}
	if r.WeakestMore > 0 {
		fmt.Fprintln(b, i18n.Tf(lang, "%d more KPIs score below 100 (the JSON audit ranks them all).", r.WeakestMore))
	}

	if s.Metrics > 0 {
		fmt.Fprintln(b, "\n"+h2.Render(tr("Supporting metrics")))
		fmt.Fprintln(b, lead(h.Metrics))
		fmt.Fprintln(b, wrap(Sanitize(idList(lang, refIDs(r.Metrics))), 80))
	}

	if len(r.History) > 0 {
		fmt.Fprintln(b, "\n"+h2.Render(tr("Trend")))
		fmt.Fprintln(b, lead(h.History))
		t := tbl(tr("commit"), tr("date"), tr("quality"), tr("compl."), tr("KPIs"), "+", "−")
		for _, p := range r.History {
			t.Row(p.Commit[:min(len(p.Commit), 7)], p.Date, fmt.Sprintf("%.1f", p.Quality), fmt.Sprintf("%.1f", p.Completeness),
				strconv.Itoa(p.KPIs), strconv.Itoa(len(p.Added)), strconv.Itoa(len(p.Retired)))
		}
		fmt.Fprintln(b, t.Render())
	}
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
// (a single longer word stays whole). The text's leading spaces are kept;
// continuation lines are indented two more.
func wrap(text string, width int) string {
	trimmed := strings.TrimLeft(text, " ")
	indent := text[:len(text)-len(trimmed)]
	var lines []string
	line := ""
	for _, word := range strings.Fields(trimmed) {
		switch {
		case line == "":
			line = indent + word
		case len([]rune(line))+1+len([]rune(word)) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = indent + "  " + word
		}
	}
	return strings.Join(append(lines, line), "\n")
}
