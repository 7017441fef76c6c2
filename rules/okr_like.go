package rules

import "github.com/kpilint/kpilint/internal/catalogue"

// OKRLike notes a time-boxed target: a key result rather than a KPI.
var OKRLike = &Rule{
	ID:       "okr-like",
	Severity: Info,
	Doc: Doc{
		Title:     "The target is time-boxed like an OKR key result",
		Principle: 9,
		Why: "KPIs monitor the ongoing health of an area and rarely change; OKR key results are stretch " +
			"goals replaced every quarter. A target dated at most 92 days after its baseline is a key result: " +
			"keep it in the OKR process, or give the KPI a lasting target.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    baseline: {value: 78, date: 2026-06-30}\n    target: {value: 85, date: 2026-09-30}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    baseline: {value: 78, date: 2026-06-30}\n    target: {value: 85, date: 2027-06-30}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Baseline == nil || k.Target == nil {
			return
		}
		b, ok1 := date(k.Baseline.Date)
		t, ok2 := date(k.Target.Date)
		if !ok1 || !ok2 {
			return
		}
		if days := int(t.Sub(b).Hours() / 24); days >= 0 && days <= 92 {
			p.ReportKPI(k, k.At("target"), "the target is due %d days after the baseline: a time-boxed key result (OKR), not a KPI", days)
		}
	},
}
