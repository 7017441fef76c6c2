package rules

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
)

// Run runs every enabled rule over the catalogue: RunKPIs on every KPI,
// then RunCatalogue.
func Run(c *catalogue.Catalogue, s Settings, today time.Time) []finding.Finding {
	return append(RunKPIs(c, c.KPIs, s, today), RunCatalogue(c, s, today)...)
}

// RunKPIs runs the per-KPI rules (CheckKPI) on the given KPIs of c. c must
// already hold every unit and goal; it is only read, so several RunKPIs
// may run at once on different KPIs. A rule that panics on one KPI becomes
// an internal-error finding naming the rule and the file, and every other
// KPI and rule is still checked.
func RunKPIs(c *catalogue.Catalogue, kpis []*catalogue.KPI, s Settings, today time.Time) []finding.Finding {
	var out []finding.Finding
	for _, r := range enabled(s, func(r *Rule) bool { return r.CheckKPI != nil }) {
		p := &Pass{Catalogue: c, Rule: r.rule, Today: today, options: s.Options[r.rule.ID]}
		var failures []finding.Finding
		for _, k := range kpis {
			if !k.IsActive() && !r.rule.Retired {
				continue
			}
			if f := contain(r.rule, k.File.Path, k.ID, func() { r.rule.CheckKPI(p, k) }); f != nil {
				failures = append(failures, *f)
			}
		}
		out = append(append(out, p.collect(r.severity)...), failures...)
	}
	return out
}

// RunCatalogue runs the rules that look at the catalogue as a whole
// (Check): duplicate ids, references between units and goals, counts per
// unit and owner, coverage of goals. The rules only read the catalogue, so
// they run at once, as many as there are CPUs; their findings come back in
// the rules' order.
func RunCatalogue(c *catalogue.Catalogue, s Settings, today time.Time) []finding.Finding {
	rs := enabled(s, func(r *Rule) bool { return r.Check != nil })
	results := make([][]finding.Finding, len(rs))
	file := ""
	if len(c.Files) > 0 {
		file = c.Files[0].Path
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, r := range rs {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			p := &Pass{Catalogue: c, Rule: r.rule, Today: today, options: s.Options[r.rule.ID]}
			f := contain(r.rule, file, "", func() { r.rule.Check(p) })
			results[i] = p.collect(r.severity)
			if f != nil {
				results[i] = append(results[i], *f)
			}
		})
	}
	wg.Wait()
	return slices.Concat(results...)
}

type enabledRule struct {
	rule     *Rule
	severity finding.Severity
}

func enabled(s Settings, want func(*Rule) bool) []enabledRule {
	var out []enabledRule
	for _, r := range All() {
		if !want(r) {
			continue
		}
		sev := r.Severity
		if v, ok := s.Severity[r.ID]; ok {
			sev = v
		}
		if sev != finding.Off {
			out = append(out, enabledRule{r, sev})
		}
	}
	return out
}

// collect returns the pass's findings with the configured severity.
func (p *Pass) collect(sev finding.Severity) []finding.Finding {
	out := make([]finding.Finding, len(p.findings))
	for i, f := range p.findings {
		f.Severity = sev
		out[i] = *f
	}
	return out
}

// contain runs check, turning a panic into an internal-error finding that
// names the rule and the file being checked.
func contain(r *Rule, file, id string, check func()) (f *finding.Finding) {
	defer func() {
		if rec := recover(); rec != nil {
			what := file
			if id != "" {
				what = fmt.Sprintf("%s (KPI %q)", file, id)
			}
			text := i18n.Msg("rule %s failed on %s: %v; the other rules and files were checked (please report this bug)", r.ID, what, rec)
			f = &finding.Finding{Rule: "internal-error", Severity: finding.Error, ID: id, Message: text.String(), Text: text,
				Location: finding.Location{File: file, Line: 1, Column: 1, EndLine: 1, EndColumn: 2}}
		}
	}()
	check()
	return nil
}
