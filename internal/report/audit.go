package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
)

// AuditFormats lists the formats of `kpilint audit --format`.
var AuditFormats = []string{"text", "markdown", "json", "html"}

// WriteAudit renders an audit report in format.
func WriteAudit(w io.Writer, format string, r *audit.Report, opts Options) error {
	switch format {
	case "text":
		return AuditText(w, r, opts)
	case "markdown":
		return AuditMarkdown(w, r, opts)
	case "json":
		return AuditJSON(w, r, opts)
	case "html":
		return AuditHTML(w, r, opts)
	}
	return fmt.Errorf("unknown audit format %q (want %s)", format, strings.Join(AuditFormats, ", "))
}

// band describes a unit's KPI count against the 3–5 recommendation.
func band(u audit.Unit) string {
	switch u.Band {
	case "above":
		return fmt.Sprintf("too many (> %d)", audit.RecommendedMax)
	case "below":
		return fmt.Sprintf("few (< %d)", audit.RecommendedMin)
	}
	return "ok"
}

func coverage(g audit.Goal) string {
	switch {
	case !g.Covered:
		return "not measured"
	case g.LaggingOnly:
		return "lagging only"
	case len(g.Direct) == 0:
		return "via sub-goals"
	}
	return "measured"
}

func joinOr(ids []string, none string) string {
	if len(ids) == 0 {
		return none
	}
	return strings.Join(ids, ", ")
}
