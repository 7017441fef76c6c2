package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
)

// AuditMarkdown writes the audit for a pull-request comment or a wiki page.
// Catalogue text goes through cell, which keeps it from breaking a table.
func AuditMarkdown(w io.Writer, r *audit.Report, opts Options) error {
	lang := opts.Lang
	tr := func(text string) string { return i18n.T(lang, text) }
	b := bufio.NewWriter(w)
	s := r.Summary
	h := headlines(lang, r)
	ids := func(xs []string) string { return mdText(idList(lang, xs)) }
	fmt.Fprintf(b, "# %s\n\n", tr("KPI catalogue audit"))
	fmt.Fprintf(b, "%s\n\n", i18n.Tf(lang, "**Completeness %.1f / 100 · quality %.1f / 100** · %d active KPIs · %d units · %d of %d goals measured · %d errors, %d warnings, %d infos · %s",
		s.Completeness, s.Quality, s.ActiveKPIs, s.Units, s.GoalsCovered, s.Goals, s.Errors, s.Warnings, s.Infos, r.Date))

	fmt.Fprintf(b, "## %s\n\n%s\n\n", tr("Scores"), h.Scores)
	if s.ActiveKPIs > 0 {
		fmt.Fprintf(b, "| %s | %s | %s |\n|---|---|---|\n", tr("score"), tr("completeness"), tr("quality"))
		for i, x := range r.Scores {
			fmt.Fprintf(b, "| %s | %d | %d |\n", x.Label, r.Completeness[i].Count, x.Count)
		}
		fmt.Fprintf(b, "\n| %s | %s |\n|---|---|\n", tr("KPIs lacking"), tr("KPIs"))
		for _, f := range r.Fields {
			if f.Missing > 0 {
				fmt.Fprintf(b, "| %s | %d |\n", fieldName(lang, f.Rule), f.Missing)
			}
		}
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n\n", tr("Levels and units"), h.Organisation)
	if len(r.Units) > 0 {
		fmt.Fprintf(b, "%s\n|---|---|---|---|---|---|---|\n", tr("| level | units | active KPIs | quality | completeness | leading / lagging | not classified |"))
		for _, l := range r.Levels {
			fmt.Fprintf(b, "| %s | %d | %d | %s | %s | %d / %d | %d |\n", tr(l.Level), l.Units, l.ActiveKPIs,
				meanOf(l.ActiveKPIs, l.MeanScore), meanOf(l.ActiveKPIs, l.MeanCompleteness), l.Leading, l.Lagging, l.Unclassified)
		}
		shown, others, otherKPIs := shownUnits(r.Units, tableRows)
		fmt.Fprintf(b, "\n%s\n|---|---|---|---|---|---|\n", i18n.Tf(lang, "| unit | level | KPIs | vs %d–%d | quality | completeness |", audit.RecommendedMin, audit.RecommendedMax))
		for _, u := range shown {
			fmt.Fprintf(b, "| %s%s | %s | %d | %s | %s | %s |\n", strings.Repeat("&nbsp;&nbsp;", u.Depth), mdText(u.Name), tr(u.Level), u.ActiveKPIs,
				band(lang, u), meanOf(u.ActiveKPIs, u.MeanScore), meanOf(u.ActiveKPIs, u.MeanCompleteness))
		}
		if others > 0 {
			fmt.Fprintf(b, "\n%s\n", i18n.Tf(lang, "%d more units with %d KPIs (the JSON audit lists every unit).", others, otherKPIs))
		}
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n\n", tr("Strategy coverage"), h.Coverage)
	if len(r.Goals) > 0 {
		fmt.Fprintf(b, "%s\n|---|---|---|---|\n", tr("| goal | KPIs | via sub-goals | status |"))
		for i, g := range r.Goals {
			if i == tableRows {
				fmt.Fprintf(b, "\n%s\n", i18n.Tf(lang, "%d more goals (the JSON audit lists every goal).", len(r.Goals)-tableRows))
				break
			}
			fmt.Fprintf(b, "| %s**%s** %s | %s | %s | %s |\n", strings.Repeat("&nbsp;&nbsp;", g.Depth), mdText(g.ID), mdText(g.Statement),
				mdText(joinOr(g.Direct, "—")), mdText(joinOr(g.ViaChild, "—")), coverage(lang, g))
		}
		if len(r.Unanchored) > 0 {
			fmt.Fprintf(b, "\n%s\n\n", tr("KPIs tied to no goal, by unit:"))
			for i, u := range r.Unanchored {
				if i == listShown {
					fmt.Fprintf(b, "- %s\n", i18n.Tf(lang, "%d more units", len(r.Unanchored)-listShown))
					break
				}
				fmt.Fprintf(b, "- %s: %s\n", mdText(cmp.Or(u.Name, "—")), ids(refIDs(u.KPIs)))
			}
		}
	}
	fmt.Fprintf(b, "\n%s\n", h.Mix)

	fmt.Fprintf(b, "\n## %s\n\n%s\n\n", tr("Ownership"), h.Ownership)
	if len(r.Owners) > 0 {
		fmt.Fprintf(b, "%s\n|---|---|---|\n", tr("| owner | KPIs | |"))
		for i, o := range r.Owners {
			if i == tableRows {
				fmt.Fprintf(b, "\n%s\n", i18n.Tf(lang, "%d more owners (the JSON audit lists every owner).", len(r.Owners)-tableRows))
				break
			}
			var notes []string
			if o.Overloaded {
				notes = append(notes, i18n.Tf(lang, "more than %d", r.OwnerMax))
			}
			if o.Placeholder {
				notes = append(notes, tr("placeholder or group, not a person"))
			}
			if len(o.Outside) > 0 {
				notes = append(notes, tr("outside the measured unit: ")+mdText(idList(lang, o.Outside)))
			}
			fmt.Fprintf(b, "| %s | %d (%s) | %s |\n", mdText(o.Name), len(o.KPIs), ids(o.KPIs), strings.Join(notes, "; "))
		}
	}
	if len(r.Unowned) > 0 {
		fmt.Fprintf(b, "\n%s%s\n", tr("Without an owner: "), ids(refIDs(r.Unowned)))
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n\n%s\n|---|---|\n", tr("Follow-up"), h.FollowUp, tr("| review | KPIs |"))
	for _, c := range r.Cadence {
		if c.Count > 0 {
			fmt.Fprintf(b, "| %s | %d |\n", tr(c.Label), c.Count)
		}
	}
	fmt.Fprintf(b, "\n%s%s\n\n", tr("Overdue reviews: "), ids(refIDs(r.Overdue)))
	fmt.Fprintf(b, "%s%s\n", tr("Without actions: "), ids(refIDs(r.NoActions)))

	fmt.Fprintf(b, "\n## %s\n\n%s\n\n", tr("Findings by rule"), h.Rules)
	if len(r.Rules) > 0 {
		fmt.Fprintf(b, "%s\n|---|---|---|---|---|\n", tr("| rule | group | severity | findings | what it flags |"))
		for _, x := range r.Rules {
			fmt.Fprintf(b, "| [%s](%s) | %s | %s | %d | %s |\n", x.Rule, x.Help, tr(x.Group), tr(x.Severity), x.Count, tr(x.Title))
		}
	}

	fmt.Fprintf(b, "\n## %s\n\n%s\n\n", tr("Weakest KPIs"), h.Weakest)
	if len(r.Weakest) > 0 {
		fmt.Fprintf(b, "%s\n|---|---|---|---|---|\n", tr("| KPI | quality | completeness | where | what to fix |"))
		for _, k := range r.Weakest {
			var what []string
			for j, p := range k.Problems {
				if j == 3 {
					what = append(what, more(lang, len(k.Problems)-3))
					break
				}
				what = append(what, mdText(p.Message.Render(lang, 200)))
			}
			if l := lacks(lang, k.Missing); l != "" {
				what = append(what, l)
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdText(k.Name), pct(k.Score), pct(k.Completeness),
				mdText(fmt.Sprintf("%s:%d", k.File, k.Line)), strings.Join(what, "<br>"))
		}
		if r.WeakestMore > 0 {
			fmt.Fprintf(b, "\n%s\n", i18n.Tf(lang, "%d more KPIs score below 100 (the JSON audit ranks them all).", r.WeakestMore))
		}
	}

	if s.Metrics > 0 {
		fmt.Fprintf(b, "\n## %s\n\n%s %s\n", tr("Supporting metrics"), h.Metrics, ids(refIDs(r.Metrics)))
	}
	if len(r.History) > 0 {
		fmt.Fprintf(b, "\n## %s\n\n%s\n\n%s\n|---|---|---|---|---|---|---|\n", tr("Trend"), h.History, tr("| commit | date | quality | completeness | KPIs | added | retired |"))
		for _, p := range r.History {
			fmt.Fprintf(b, "| `%s` %s | %s | %.1f | %.1f | %d | %s | %s |\n", p.Commit[:min(len(p.Commit), 7)], mdText(truncate(p.Subject, 60)), p.Date,
				p.Quality, p.Completeness, p.KPIs, ids(p.Added), ids(p.Retired))
		}
	}
	return b.Flush()
}
