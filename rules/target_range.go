package rules

import (
	"fmt"
	"strconv"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// TargetRange flags a baseline, target or threshold outside the measure's range.
var TargetRange = &Rule{
	ID:       "target-range",
	Severity: Error,
	Doc: Doc{
		Title:     "A baseline, target or threshold is outside the valid range",
		Principle: 6,
		Why: "A satisfaction rate of 110 % or a negative count cannot happen; a target there can never be " +
			"met and usually means a unit mix-up (percent written as a ratio, or the reverse). The range is " +
			"`measure.range`, or the default of the unit: percent 0–100, ratio 0–1, counts and durations ≥ 0.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {unit: share}\n    target: {value: 85}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {unit: share}\n    target: {value: 0.85}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		lo, hi := valueRange(k.Measure)
		if lo == nil && hi == nil {
			return
		}
		check := func(what string, v *float64, path ...string) {
			if v == nil {
				return
			}
			if lo != nil && *v < *lo || hi != nil && *v > *hi {
				p.ReportKPI(k, k.At(path...), "the %s %v is outside the valid range %s", what, *v, describeRange(lo, hi, k.Measure))
			}
		}
		if k.Baseline != nil {
			check("baseline", k.Baseline.Value, "baseline")
		}
		// A strict comparator at the end of the range is as unreachable as
		// a value past it: "below 0" open issues, "above 100" percent
		// (found on GitLab's Corrective Action SLO: a count "below 0").
		unreachable := func(t *catalogue.Point, path ...string) {
			if t == nil || t.Value == nil {
				return
			}
			switch {
			case t.Op == "<" && lo != nil && *t.Value <= *lo:
				p.ReportKPI(k, k.At(path...), "the target < %v can never be met: no value in the valid range %s is below %v",
					*t.Value, describeRange(lo, hi, k.Measure), *t.Value)
			case t.Op == ">" && hi != nil && *t.Value >= *hi:
				p.ReportKPI(k, k.At(path...), "the target > %v can never be met: no value in the valid range %s is above %v",
					*t.Value, describeRange(lo, hi, k.Measure), *t.Value)
			}
		}
		if k.Target != nil {
			check("target", k.Target.Value, "target")
			unreachable(k.Target, "target")
		}
		for i := range k.Steps {
			check("target", k.Steps[i].Value, "target", strconv.Itoa(i))
			unreachable(&k.Steps[i], "target", strconv.Itoa(i))
		}
		if k.Current != nil {
			check("current value", k.Current.Value, "current")
		}
		if k.Thresholds != nil {
			check("green threshold", k.Thresholds.Green, "thresholds", "green")
			check("red threshold", k.Thresholds.Red, "thresholds", "red")
		}
	},
}

func describeRange(lo, hi *float64, m *catalogue.Measure) string {
	var r string
	switch {
	case lo != nil && hi != nil:
		r = fmt.Sprintf("%v–%v", *lo, *hi)
	case lo != nil:
		r = fmt.Sprintf("≥ %v", *lo)
	default:
		r = fmt.Sprintf("≤ %v", *hi)
	}
	if m.Range == nil {
		r += " for unit " + m.Unit
	}
	return r
}
