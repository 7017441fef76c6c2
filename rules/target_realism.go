package rules

import (
	"errors"
	"math"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// TargetRealism flags targets that are not challenging or not realistic.
var TargetRealism = &Rule{
	ID:       "target-realism",
	Severity: Warning,
	Options: []Option{
		{Name: "max_change", Default: 1.0, Doc: "largest change from the baseline, as a share of the baseline's magnitude (1.0 = 100 %)",
			Check: func(v any) error {
				if f, _ := v.(float64); f <= 0 {
					return errors.New("must be more than 0")
				}
				return nil
			}},
	},
	Doc: Doc{
		Title:     "The target is not challenging, or not realistic",
		Principle: 6,
		Why: "A target equal to the baseline asks for nothing. A target that more than doubles (by default) " +
			"the baseline, or one at the perfect end of the scale — 100 % satisfaction, zero defects — is one " +
			"nobody believes in, and an unbelievable target is ignored. Applies to KPIs that should increase " +
			"or decrease; for `maintain`, a target equal to the baseline is the point.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n    measure: {unit: percent}\n    baseline: {value: 78}\n    target: {value: 100}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    direction: increase\n    measure: {unit: percent}\n    baseline: {value: 78}\n    target: {value: 85}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		maxChange := p.Float("max_change")
		// Point targets only: a floor or ceiling is a service level, met
		// or not, and steps are a path the owner chose.
		if k.Direction != "increase" && k.Direction != "decrease" || k.Target == nil || k.Target.Value == nil || isBound(k.Target.Op) {
			return
		}
		t := *k.Target.Value
		// 100 % satisfaction is not believable; zero overdue actions or
		// breaches, the perfect end of a count, is a fair aim.
		if k.Direction == "increase" && k.Measure != nil && (k.Measure.Unit == "percent" || k.Measure.Unit == "share") {
			if _, hi := valueRange(k.Measure); hi != nil && t == *hi {
				p.ReportKPI(k, k.At("target"), "the target %v is the perfect end of the scale: nobody believes in a flawless target; aim for a realistic step", t)
				return
			}
		}
		if k.Baseline == nil || k.Baseline.Value == nil || wrongSide(k.Direction, k.Baseline, k.Target) {
			return
		}
		b := *k.Baseline.Value
		switch {
		case t == b:
			p.ReportKPI(k, k.At("target"), "the target equals the baseline %v: it asks for no change although the KPI should %s", b, k.Direction)
		case b != 0 && math.Abs(t-b) > maxChange*math.Abs(b):
			p.ReportKPI(k, k.At("target"), "the target %v changes the baseline %v by %.0f %%, more than %.0f %%: is it realistic?",
				t, b, 100*math.Abs(t-b)/math.Abs(b), 100*maxChange)
		}
	},
}
