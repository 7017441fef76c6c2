package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// ThresholdOrder flags thresholds that contradict the direction, and
// targets inside the red zone.
var ThresholdOrder = &Rule{
	ID:       "threshold-order",
	Severity: Error,
	Doc: Doc{
		Title:     "Thresholds contradict the direction, or the target is red",
		Principle: 6,
		Why: "If higher is better, green must be above red; if lower is better, below. Thresholds the other " +
			"way round colour good results red. A target inside the red zone means success is reported as failure.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n    thresholds: {green: 75, red: 85}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n    thresholds: {green: 85, red: 75}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		th := k.Thresholds
		if th == nil || th.Green == nil || th.Red == nil {
			return
		}
		g, r := *th.Green, *th.Red
		switch k.Direction {
		case "increase":
			if g <= r {
				p.ReportKPI(k, k.At("thresholds"), "higher is better, so green (%v) must be above red (%v)", g, r)
				return
			}
		case "decrease":
			if g >= r {
				p.ReportKPI(k, k.At("thresholds"), "lower is better, so green (%v) must be below red (%v)", g, r)
				return
			}
		default:
			return
		}
		if k.Target == nil || k.Target.Value == nil {
			return
		}
		t := *k.Target.Value
		if k.Direction == "increase" && t < r || k.Direction == "decrease" && t > r {
			p.ReportKPI(k, k.At("thresholds"), "the target %v lies in the red zone (red at %v)", t, r)
		}
	},
}
