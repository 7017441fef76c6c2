package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// Markdown writes a summary and a table of every finding, fit for a pull
// request comment or a job summary.
func Markdown(w io.Writer, res *lint.Result, _ Options) error {
	bw := bufio.NewWriter(w)
	s := res.Summary
	fmt.Fprintf(bw, "### kpilint\n\n")
	if len(res.Findings) == 0 {
		fmt.Fprintf(bw, "✅ No problems in %d %s (%d %s, health score %.1f).\n", s.Files, plural(s.Files, "file", "files"), s.KPIs, plural(s.KPIs, "KPI", "KPIs"), s.Score)
		return bw.Flush()
	}
	fmt.Fprintf(bw, "**%d %s, %d %s, %d %s** in %d %s · %d %s · health score **%.1f**",
		s.Errors, plural(s.Errors, "error", "errors"), s.Warnings, plural(s.Warnings, "warning", "warnings"),
		s.Infos, plural(s.Infos, "info", "infos"), s.Files, plural(s.Files, "file", "files"), s.KPIs, plural(s.KPIs, "KPI", "KPIs"), s.Score)
	if s.Suppressed > 0 {
		fmt.Fprintf(bw, " · %d suppressed", s.Suppressed)
	}
	if s.Baselined > 0 {
		fmt.Fprintf(bw, " · %d baselined", s.Baselined)
	}
	fmt.Fprintf(bw, "\n\n| Severity | Location | Rule | Message |\n|---|---|---|---|\n")
	for _, f := range res.Findings {
		fmt.Fprintf(bw, "| %s %s | `%s:%d:%d` | [%s](%s#%s) | %s |\n", severityIcon(f.Severity), f.Severity,
			cell(f.File), f.Line, f.Column, f.Rule, rules.HelpBase, f.Rule, cell(f.Message))
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

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.NewReplacer("|", "\\|", "\r", " ", "\n", " ", "`", "'").Replace(Sanitize(s))
	return strings.TrimSpace(s)
}
