package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// HealthInconsistent flags a stated health that the KPI's own numbers
// contradict.
var HealthInconsistent = &Rule{
	ID:       "health-inconsistent",
	Severity: Warning,
	Doc: Doc{
		Title:     "The stated health contradicts the numbers",
		Principle: 4,
		Why: "The owner's stated health (green, amber, red) is what a management team reads first. When the " +
			"current value sits in the red zone of the thresholds, or misses a floor or ceiling target, a " +
			"green status hides a problem; a red status on a value in the green zone, or on a service level " +
			"that is met, cries wolf. Either the status or the numbers are out of date.",
		Bad: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n" +
			"    thresholds: {green: 85, red: 75}\n    current: {value: 70}\n    health: {status: green}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n" +
			"    thresholds: {green: 85, red: 75}\n    current: {value: 70}\n    health: {status: red, note: Staffing gap in October}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Health == nil || k.Current == nil || k.Current.Value == nil {
			return
		}
		v := *k.Current.Value
		zone := thresholdZone(k, v) // "green", "red" or ""
		met, bounded := meetsBound(k.Target, v)
		switch k.Health.Status {
		case "green":
			switch {
			case zone == "red":
				p.ReportKPI(k, k.At("health"), "the health is green, but the current value %v is in the red zone (red beyond %v)", v, *k.Thresholds.Red)
			case bounded && !met:
				p.ReportKPI(k, k.At("health"), "the health is green, but the current value %v misses the target %s %v", v, k.Target.Op, *k.Target.Value)
			}
		case "red":
			switch {
			case zone == "green":
				p.ReportKPI(k, k.At("health"), "the health is red, but the current value %v is in the green zone (green from %v)", v, *k.Thresholds.Green)
			case bounded && met && zone != "red":
				p.ReportKPI(k, k.At("health"), "the health is red, but the current value %v meets the target %s %v", v, k.Target.Op, *k.Target.Value)
			}
		}
	},
}

// thresholdZone is the zone of value v by the KPI's thresholds and
// direction: green, red, or "" (amber, or no thresholds or direction).
func thresholdZone(k *catalogue.KPI, v float64) string {
	th := k.Thresholds
	if th == nil || th.Green == nil || th.Red == nil {
		return ""
	}
	switch k.Direction {
	case "increase":
		if v >= *th.Green {
			return "green"
		}
		if v < *th.Red {
			return "red"
		}
	case "decrease":
		if v <= *th.Green {
			return "green"
		}
		if v > *th.Red {
			return "red"
		}
	}
	return ""
}

// meetsBound reports whether v meets a floor or ceiling target; bounded is
// false for any other target.
func meetsBound(t *catalogue.Point, v float64) (met, bounded bool) {
	if t == nil || t.Value == nil || !isBound(t.Op) {
		return false, false
	}
	x := *t.Value
	switch t.Op {
	case ">=":
		return v >= x, true
	case ">":
		return v > x, true
	case "<=":
		return v <= x, true
	}
	return v < x, true
}
