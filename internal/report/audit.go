package report

import (
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
)

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
