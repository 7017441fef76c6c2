package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// Markdown writes a summary and a table of every finding, fit for a pull
// request comment or a job summary.
func Markdown(w io.Writer, res *lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	s := res.Summary
	lang := opts.Lang
	pl := func(n int, one, many string) string { return i18n.T(lang, i18n.Plural(n, one, many)) }
	fmt.Fprintf(bw, "### kpilint\n\n")
	if len(res.Findings) == 0 {
		fmt.Fprintln(bw, i18n.Tf(lang, "✅ No problems in %d %s (%d %s, quality %.1f, completeness %.1f).", s.Files, pl(s.Files, "file", "files"), s.KPIs, pl(s.KPIs, "KPI", "KPIs"), s.Score, s.Completeness))
		return bw.Flush()
	}
	fmt.Fprint(bw, i18n.Tf(lang, "**%d %s, %d %s, %d %s** in %d %s · %d %s · quality **%.1f** · completeness **%.1f**",
		s.Errors, pl(s.Errors, "error", "errors"), s.Warnings, pl(s.Warnings, "warning", "warnings"),
		s.Infos, pl(s.Infos, "info", "infos"), s.Files, pl(s.Files, "file", "files"), s.KPIs, pl(s.KPIs, "KPI", "KPIs"), s.Score, s.Completeness))
	if s.Suppressed > 0 {
		fmt.Fprint(bw, i18n.Tf(lang, " · %d suppressed", s.Suppressed))
	}
	if s.Baselined > 0 {
		fmt.Fprint(bw, i18n.Tf(lang, " · %d baselined", s.Baselined))
	}
	fmt.Fprintf(bw, "\n\n%s\n|---|---|---|---|\n", i18n.T(lang, "| Severity | Location | Rule | Message |"))
	// The closing line of a report cut short takes at most this much.
	const tail = 200
	written := len("### kpilint\n\n") + 400 // the summary lines, generously
	for i, f := range res.Findings {
		row := fmt.Sprintf("| %s %s | `%s:%d:%d` | [%s](%s#%s) | %s |\n", severityIcon(f.Severity), i18n.T(lang, f.Severity.String()),
			mdCode(f.File), f.Line, f.Column, f.Rule, rules.HelpBase, f.Rule, mdText(opts.text(f.Message)))
		if opts.MaxBytes > 0 && written+len(row)+tail > opts.MaxBytes {
			n := len(res.Findings) - i
			fmt.Fprintf(bw, "\n%s\n", i18n.Tf(lang, "%d more %s: see the SARIF upload or the JSON artifact.", n, pl(n, "finding", "findings")))
			break
		}
		written += len(row)
		fmt.Fprint(bw, row)
	}
	return bw.Flush()
}

func severityIcon(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "🔴"
	case finding.Warning:
		return "🟡"
	}
	return "🔵"
}
