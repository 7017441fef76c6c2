package rules

import (
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/suggest"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// UnitUnknown flags a unit of measure that is almost a known one: a typo or
// a spelling that loses the known unit's range checks.
var UnitUnknown = &Rule{
	ID:       "unit-unknown",
	Severity: Warning,
	Doc: Doc{
		Title:     "The unit looks like a misspelt known unit",
		Principle: 3,
		Why: "kpilint knows the valid range of its known units (a percentage lies between 0 and 100, a count " +
			"is never negative) and checks baselines, targets and thresholds against it. A unit written " +
			"`percnt`, `Percent` or `%` is a unit of the organisation's own, with no range, so those checks " +
			"silently stop. Write the known name; a unit that really is your own (`MWh`, `visits per 1000 " +
			"inhabitants`) is not reported.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses * 100, unit: percnt}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses * 100, unit: percent}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Measure == nil || k.Measure.Unit == "" {
			return
		}
		if known, ok := misspeltUnit(k.Measure.Unit); ok {
			p.ReportKPI(k, k.At("measure", "unit"), "the unit %q is not a known unit; did you mean %q? A known unit keeps its range checks", k.Measure.Unit, known)
		}
	},
}

var currency = lazyRegexp(`^[A-Z]{3}$`)

// unitAliases are common spellings of known units that are not within two
// edits of the name.
var unitAliases = map[string]string{
	"%": "percent", "pct": "percent", "per cent": "percent", "percentage": "percent", "procent": "percent",
	"s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds",
	"min": "minutes", "mins": "minutes", "minute": "minutes",
	"h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "timmar": "hours",
	"day": "days", "dagar": "days", "week": "weeks", "month": "months", "year": "years", "år": "years",
	"millisecond": "ms", "milliseconds": "ms", "msec": "ms",
	"antal": "count", "number": "count", "andel": "share",
}

// misspeltUnit returns the known unit a unit of measure is almost, if any.
func misspeltUnit(unit string) (string, bool) {
	if currency().MatchString(unit) || slices.ContainsFunc(MeasureUnits, func(u MeasureUnit) bool { return u.Name == unit }) {
		return "", false
	}
	lower := strings.ToLower(strings.TrimSpace(unit))
	if known, ok := unitAliases[lower]; ok {
		return known, true
	}
	for _, u := range MeasureUnits {
		if lower == u.Name || len([]rune(lower)) >= 4 && withinEdits(lower, u.Name, 2) {
			return u.Name, true
		}
	}
	return "", false
}

// withinEdits reports whether a and b are at most n edits apart.
func withinEdits(a, b string, n int) bool {
	if d := len([]rune(a)) - len([]rune(b)); d > n || -d > n {
		return false
	}
	return suggest.Distance(a, b) <= n
}
