package rules

import (
	"slices"
	"time"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/formula"
)

// Freqs are the frequencies of docs/format.md, from most to least frequent.
var Freqs = []string{"realtime", "daily", "weekly", "biweekly", "monthly", "quarterly", "semiannual", "annual"}

// freqRank orders frequencies: a lower rank is more frequent; -1 if unknown.
func freqRank(f string) int { return slices.Index(Freqs, f) }

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

// valueRange is the range of valid values of a KPI: measure.range if given,
// else the default of its unit (percent 0–100, ratio 0–1, counts and
// durations at least 0; scores, points and currencies unbounded).
func valueRange(m *catalogue.Measure) (lo, hi *float64) {
	if m == nil {
		return nil, nil
	}
	if m.Range != nil {
		return m.Range.Min, m.Range.Max
	}
	zero, one, hundred := 0.0, 1.0, 100.0
	switch m.Unit {
	case "percent":
		return &zero, &hundred
	case "ratio":
		return &zero, &one
	case "count", "seconds", "minutes", "hours", "days":
		return &zero, nil
	}
	return nil, nil
}

// parsedFormula parses the KPI's formula, or returns nil.
func parsedFormula(k *catalogue.KPI) *formula.Expr {
	if k.Measure == nil || k.Measure.Formula == "" {
		return nil
	}
	e, err := k.Measure.ParsedFormula()
	if err != nil {
		return nil
	}
	return e
}

func date(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

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
