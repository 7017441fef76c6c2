package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
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
func band(lang string, u audit.Unit) string {
	switch u.Band {
	case "above":
		return i18n.Tf(lang, "too many (> %d)", audit.RecommendedMax)
	case "below":
		return i18n.Tf(lang, "few (< %d)", audit.RecommendedMin)
	}
	return i18n.T(lang, "ok")
}

func coverage(lang string, g audit.Goal) string {
	switch {
	case !g.Covered:
		return i18n.T(lang, "not measured")
	case g.LaggingOnly:
		return i18n.T(lang, "lagging only")
	case len(g.Direct) == 0:
		return i18n.T(lang, "via sub-goals")
	}
	return i18n.T(lang, "measured")
}

func joinOr(ids []string, none string) string {
	if len(ids) == 0 {
		return none
	}
	return strings.Join(ids, ", ")
}
