package rules

import (
	"fmt"
	"slices"

	"github.com/kpilint/kpilint/internal/catalogue"
)

func isFreq(v any) error {
	if s, _ := v.(string); !slices.Contains(Freqs, s) {
		return fmt.Errorf("must be one of %v", Freqs)
	}
	return nil
}

// CadenceTooRare flags KPIs reviewed less often than their level needs.
var CadenceTooRare = &Rule{
	ID:       "cadence-too-rare",
	Severity: Warning,
	PerLevel: true,
	Options: []Option{
		{Name: "team", Default: "monthly", Doc: "rarest review allowed for a team KPI", Check: isFreq},
		{Name: "department", Default: "quarterly", Doc: "rarest review allowed for a department KPI", Check: isFreq},
		{Name: "organisation", Default: "quarterly", Doc: "rarest review allowed for an organisation KPI", Check: isFreq},
	},
	Doc: Doc{
		Title:     "The KPI is reviewed too rarely for its level",
		Principle: 4,
		Why: "A KPI steers only if someone looks at it while there is still time to act. A team that reviews " +
			"its KPI once a year has eleven months in which nothing can be corrected. The closer to daily " +
			"work, the more often the review.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support-nordics\n    cadence: {measure: monthly, review: annual}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support-nordics\n    cadence: {measure: monthly, review: monthly}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		review := k.Effective.Review // its own, or inherited from its units
		if freqRank(review) < 0 {
			return
		}
		level := p.Org.Level(k.Scope)
		limit, ok := p.LevelOption(level)
		if !ok {
			return // a level with no limit configured
		}
		if freqRank(review) > freqRank(limit) {
			p.ReportKPI(k, k.At("cadence", "review"), "reviewed %s, too rarely for a %s KPI: review it at least %s", review, level, limit)
		}
	},
}
