package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/rules"
)

// An audit report says each section's finding in a sentence first, then
// the detail; these are the sentences, one place for every format. Long
// lists show their first listShown entries and count the rest (the JSON
// audit has them all), and the unit chart and tables aggregate past
// chartUnits units.
const (
	listShown  = 8
	chartUnits = 25
	tableRows  = 40
)

// headline is the first sentence of each audit section, in lang.
type headline struct {
	Scores, Organisation, Coverage, Mix, Ownership, FollowUp, Rules, Weakest, Metrics, History string
}

func headlines(lang string, r *audit.Report) headline {
	s := r.Summary
	var h headline
	if s.ActiveKPIs == 0 {
		h.Scores = i18n.T(lang, "The catalogue has no active KPIs to score.")
	} else {
		worst := r.Fields[0]
		h.Scores = i18n.Tf(lang, "Completeness is %.1f / 100: %d of %d KPIs lack %s. Quality is %.1f / 100 over what the definitions do say.",
			s.Completeness, worst.Missing, s.ActiveKPIs, fieldName(lang, worst.Rule), s.Quality)
		if worst.Missing == 0 {
			h.Scores = i18n.Tf(lang, "Every KPI's definition is complete. Quality is %.1f / 100.", s.Quality)
		}
	}
	if s.Units == 0 {
		h.Organisation = i18n.T(lang, "No units are declared: the KPIs cannot be counted per unit.")
	} else {
		h.Organisation = i18n.Tf(lang, "%d of %d units follow the recommended %d–%d KPIs; %d follow more and %d fewer.",
			s.UnitsInBand, s.Units, audit.RecommendedMin, audit.RecommendedMax, s.UnitsOverLimit, s.UnitsBelow)
	}
	if s.Goals == 0 {
		h.Coverage = i18n.Tf(lang, "No strategic goals are declared: none of the %d KPIs is anchored to one.", s.ActiveKPIs)
	} else {
		h.Coverage = i18n.Tf(lang, "%d of %d goals are measured by a KPI; %d of %d KPIs are tied to no goal.",
			s.GoalsCovered, s.Goals, s.Unanchored, s.ActiveKPIs)
	}
	h.Mix = i18n.Tf(lang, "Leading and lagging: of %d KPIs, %d lead, %d lag and %d are not classified (no `indicator:`).",
		s.ActiveKPIs, s.Leading, s.Lagging, s.Unclassified)
	overloaded, placeholders := 0, 0
	for _, o := range r.Owners {
		if o.Overloaded {
			overloaded++
		}
		if o.Placeholder {
			placeholders++
		}
	}
	if s.ActiveKPIs > 0 && s.Unowned == s.ActiveKPIs {
		h.Ownership = i18n.Tf(lang, "None of the %d KPIs names an owner: nobody is accountable for any of them.", s.ActiveKPIs)
	} else {
		h.Ownership = i18n.Tf(lang, "%d of %d KPIs have no owner; owners of more than %d KPIs: %d; a group or placeholder named as owner: %d.",
			s.Unowned, s.ActiveKPIs, r.OwnerMax, overloaded, placeholders)
	}
	reviewed := s.ActiveKPIs
	for _, c := range r.Cadence {
		if c.Label == "none" {
			reviewed -= c.Count
		}
	}
	h.FollowUp = i18n.Tf(lang, "%d of %d KPIs say how often they are reviewed and %d what is done when they move; overdue reviews: %d.",
		reviewed, s.ActiveKPIs, s.ActiveKPIs-len(r.NoActions), len(r.Overdue))
	completeness, quality := 0, 0
	for _, x := range r.Rules {
		if x.Group == rules.Completeness.String() {
			completeness += x.Count
		} else {
			quality += x.Count
		}
	}
	h.Rules = i18n.Tf(lang, "%d findings about what is missing (completeness) and %d about what is written (quality).", completeness, quality)
	if len(r.Weakest) == 0 {
		h.Weakest = i18n.T(lang, "Every KPI scores 100 on both quality and completeness.")
	} else {
		h.Weakest = i18n.T(lang, "These KPIs need work first: lowest quality first, then lowest completeness.")
	}
	h.Metrics = i18n.Tf(lang, "%d supporting metrics (kind: metric) are counted apart: they are not scored, and not held to 3–5 per unit.", s.Metrics)
	if n := len(r.History); n > 0 {
		first, last := r.History[0], r.History[n-1]
		added, retired := 0, 0
		for _, p := range r.History {
			added += len(p.Added)
			retired += len(p.Retired)
		}
		h.History = i18n.Tf(lang, "Over the last %d commits, quality went from %.1f to %.1f and completeness from %.1f to %.1f; KPIs added: %d, retired: %d.",
			n, first.Quality, last.Quality, first.Completeness, last.Completeness, added, retired)
	}
	return h
}

// fieldName is what a completeness rule finds missing, in lang.
func fieldName(lang, rule string) string {
	return i18n.T(lang, completenessFields[rule])
}

// completenessFields name the field each completeness rule looks for.
var completenessFields = map[string]string{
	"goal-missing":        "a goal",
	"owner-missing":       "an owner",
	"formula-missing":     "a formula",
	"cadence-missing":     "a review cadence",
	"action-missing":      "actions",
	"indicator-missing":   "a leading or lagging classification",
	"description-missing": "a description",
	"target-missing":      "a target",
	"unit-missing":        "a unit of measure",
	"data-source-missing": "a data source",
}

// lacks says which fields a KPI's definition lacks, in lang ("" for none).
func lacks(lang string, missing []string) string {
	if len(missing) == 0 {
		return ""
	}
	names := make([]string, len(missing))
	for i, m := range missing {
		names[i] = fieldName(lang, m)
	}
	return i18n.Tf(lang, "lacks %s", strings.Join(names, ", "))
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

// firstFew is the first listShown ids, and how many more there are.
func firstFew(ids []string) ([]string, int) { return capped(ids, listShown) }

// capped is the first n of xs and how many more there are.
func capped[T any](xs []T, n int) ([]T, int) {
	if len(xs) <= n {
		return xs, 0
	}
	return xs[:n], len(xs) - n
}

// more is "and N more" in lang, or "" for none.
func more(lang string, n int) string {
	if n == 0 {
		return ""
	}
	return i18n.Tf(lang, "and %d more", n)
}

// idList is a short comma-separated list of ids: the first few and a count
// of the rest; none when empty.
func idList(lang string, ids []string) string {
	if len(ids) == 0 {
		return i18n.T(lang, "none")
	}
	shown, rest := firstFew(ids)
	out := strings.Join(shown, ", ")
	if rest > 0 {
		out += " " + more(lang, rest)
	}
	return out
}

func refIDs(rs []audit.KPIRef) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

// shownUnits are the units a table or chart lists: all of them in tree
// order when there are at most limit, else the limit units with most KPIs
// (then tree order), and how many were left out with their KPIs.
func shownUnits(us []audit.Unit, limit int) (shown []audit.Unit, others, otherKPIs int) {
	if len(us) <= limit {
		return us, 0, 0
	}
	idx := make([]int, len(us))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(us[b].ActiveKPIs, us[a].ActiveKPIs) })
	for _, i := range idx[limit:] {
		others++
		otherKPIs += us[i].ActiveKPIs
	}
	for _, i := range idx[:limit] {
		x := us[i]
		x.Depth = 0
		shown = append(shown, x)
	}
	return shown, others, otherKPIs
}

// pct formats a score out of 100.
func pct(x float64) string { return fmt.Sprintf("%.0f", x) }

// meanOf formats a unit's or level's mean score: "–" with no KPIs to
// average.
func meanOf(kpis int, x float64) string {
	if kpis == 0 {
		return "–"
	}
	return pct(x)
}
