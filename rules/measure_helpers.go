package rules

import (
	"slices"
	"time"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/formula"
)

// Freqs are the frequencies of docs/format.md, from most to least frequent,
// then release: per release or milestone, which is irregular.
var Freqs = []string{"realtime", "daily", "weekly", "biweekly", "monthly", "quarterly", "semiannual", "annual", "release"}

// freqRank orders frequencies: a lower rank is more frequent; -1 if unknown
// or irregular (release), which the rules that compare frequencies leave
// alone.
func freqRank(f string) int {
	if f == "release" {
		return -1
	}
	return slices.Index(Freqs, f)
}

// minusPeriods returns t moved back n periods of frequency f.
func minusPeriods(t time.Time, f string, n int) time.Time {
	switch f {
	case "realtime", "daily":
		return t.AddDate(0, 0, -n)
	case "weekly":
		return t.AddDate(0, 0, -7*n)
	case "biweekly":
		return t.AddDate(0, 0, -14*n)
	case "monthly":
		return t.AddDate(0, -n, 0)
	case "quarterly":
		return t.AddDate(0, -3*n, 0)
	case "semiannual":
		return t.AddDate(0, -6*n, 0)
	}
	return t.AddDate(-n, 0, 0)
}

// MeasureUnit is a known unit of measure and its default range of valid
// values (nil: unbounded).
type MeasureUnit struct {
	Name     string
	Min, Max *float64
}

func bound(v float64) *float64 { return &v }

// MeasureUnits are the known units of docs/format.md. Any other unit is a
// custom one, with no default range; an ISO 4217 currency code (three
// capitals) is unbounded too.
var MeasureUnits = []MeasureUnit{
	{Name: "percent", Min: bound(0), Max: bound(100)},
	{Name: "share", Min: bound(0), Max: bound(1)},
	{Name: "ratio", Min: bound(0)}, // "10:1" is 10
	{Name: "count", Min: bound(0)},
	{Name: "score"}, {Name: "points"}, {Name: "index"},
	{Name: "boolean", Min: bound(0), Max: bound(1)},
	{Name: "ms", Min: bound(0)}, {Name: "seconds", Min: bound(0)}, {Name: "minutes", Min: bound(0)},
	{Name: "hours", Min: bound(0)}, {Name: "days", Min: bound(0)}, {Name: "weeks", Min: bound(0)},
	{Name: "months", Min: bound(0)}, {Name: "years", Min: bound(0)},
}

// valueRange is the range of valid values of a KPI: measure.range if given,
// else the default of its unit (MeasureUnits).
func valueRange(m *catalogue.Measure) (lo, hi *float64) {
	if m == nil {
		return nil, nil
	}
	if m.Range != nil {
		return m.Range.Min, m.Range.Max
	}
	for _, u := range MeasureUnits {
		if u.Name == m.Unit {
			return u.Min, u.Max
		}
	}
	return nil, nil
}

// parsedFormula parses the KPI's formula, or returns nil: also for a
// formula in a language other than kpilint's, which is kept as written.
func parsedFormula(k *catalogue.KPI) *formula.Expr {
	if k.Measure == nil || k.Measure.Formula == "" || !k.Measure.InKpilint() {
		return nil
	}
	e, err := k.Measure.ParsedFormula()
	if err != nil {
		return nil
	}
	return e
}

func date(s string) (time.Time, bool) { return catalogue.ParseDate(s) }

// isBound reports whether a target comparator makes a floor or a ceiling.
func isBound(op string) bool { return op != "" && op != "=" }

// wrongSide reports whether baseline and target are both set and the target
// lies on the wrong side of the baseline for the direction.
func wrongSide(direction string, baseline, target *catalogue.Point) bool {
	if baseline == nil || target == nil || baseline.Value == nil || target.Value == nil {
		return false
	}
	switch direction {
	case "increase":
		return *target.Value < *baseline.Value
	case "decrease":
		return *target.Value > *baseline.Value
	}
	return false
}
