package rules

import (
	"strconv"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// TargetDirection flags a target on the wrong side of the baseline.
var TargetDirection = &Rule{
	ID:       "target-direction",
	Severity: Error,
	Doc: Doc{
		Title:     "The target lies on the wrong side of the baseline",
		Principle: 6,
		Why: "If higher is better and the target is below today's value, reaching the target means getting " +
			"worse. Either the direction or the target is wrong.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n    baseline: {value: 78}\n    target: {value: 70}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n    baseline: {value: 78}\n    target: {value: 85}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		side := map[bool]string{true: "below", false: "above"}[k.Direction == "increase"]
		switch {
		case k.Target != nil && isBound(k.Target.Op):
			// A floor or ceiling says which way is good; a baseline that
			// already meets it is a service level being kept, not an error.
			floor := k.Target.Op == ">=" || k.Target.Op == ">"
			if floor && k.Direction == "decrease" || !floor && k.Direction == "increase" {
				p.ReportKPI(k, k.At("target", "op"), "a %s (%s) on a KPI that should %s: the comparator contradicts the direction",
					map[bool]string{true: "floor", false: "ceiling"}[floor], k.Target.Op, k.Direction)
			}
		case k.Target != nil:
			if wrongSide(k.Direction, k.Baseline, k.Target) {
				p.ReportKPI(k, k.At("target"), "the target %v is %s the baseline %v, but the KPI should %s",
					*k.Target.Value, side, *k.Baseline.Value, k.Direction)
			}
		case len(k.Steps) > 0:
			// Each step against the one before it, the first against the baseline.
			prev, what := k.Baseline, "the baseline"
			for i := range k.Steps {
				step := &k.Steps[i]
				if wrongSide(k.Direction, prev, step) {
					p.ReportKPI(k, k.At("target", strconv.Itoa(i)), "step %d of the target, %v, is %s %s %v, but the KPI should %s",
						i+1, *step.Value, side, what, *prev.Value, k.Direction)
				}
				prev, what = step, "the step before it,"
			}
		}
	},
}
