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

// RunKPIs runs the per-KPI rules (CheckKPI) on the given KPIs, after
// resolving what each inherits from its units (Org.Resolve). org must
// already hold every unit and goal; it is only read, so several RunKPIs
// may run at once on different KPIs. A rule that panics on one KPI becomes
// an internal-error finding naming the rule and the file, and every other
// KPI and rule is still checked. Severities are set later, by Apply.
//
// The completeness rules always run, even when configured off: each sets
// its bit in KPI.Missing when the KPI lacks its field, which is what the
// completeness score counts (docs/rules.md, "Scores"); an off rule's
// findings are then dropped.
func RunKPIs(org *catalogue.Org, kpis []*catalogue.KPI, s Settings, today time.Time) []finding.Finding {
	for _, k := range kpis {
		org.Resolve(k)
		k.Missing = 0
	}
	var out []finding.Finding
	for _, r := range All() {
		on := s.Severity(r.ID) != finding.Off
		bit := completenessBit(r)
		if r.CheckKPI == nil || !on && bit == 0 {
			continue
		}
		p := &KPIPass{pass: pass{Rule: r, Today: today, options: s.Options[r.ID]}, Org: org}
		var failures []finding.Finding
		for _, k := range kpis {
			if !k.IsActive() && !r.Retired || k.IsMetric() && r.KeyOnly {
				continue
			}
			before := len(p.findings)
			if f := contain(r, k.File.Path, k.ID, func() { r.CheckKPI(p, k) }); f != nil {
				failures = append(failures, *f)
			}
			if r.Absent != nil && r.Absent(k) || r.Absent == nil && len(p.findings) > before {
				k.Missing |= bit
			}
		}
		if on {
			out = append(append(out, p.collect()...), failures...)
		}
	}
	return out
}

// CompletenessRules are the rules that report a field a KPI lacks, in
// registry order: the i-th sets bit i of KPI.Missing.
func CompletenessRules() []*Rule {
	completenessOnce.Do(func() {
		for _, r := range All() {
			if r.Group == Completeness {
				completeness = append(completeness, r)
			}
		}
	})
	return completeness
}

var (
	completenessOnce sync.Once
	completeness     []*Rule
)

// IsCompleteness reports whether rule id is a completeness rule.
func IsCompleteness(id string) bool {
	r := Lookup(id)
	return r != nil && r.Group == Completeness
}

// completenessBit is r's bit in KPI.Missing, or 0 for a quality rule.
func completenessBit(r *Rule) uint16 {
	for i, c := range CompletenessRules() {
		if c == r {
			return 1 << i
		}
	}
	return 0
}

// RunCatalogue runs the rules that look at the catalogue as a whole
// (Check) on its outline: duplicate ids, references between units and
// goals, counts per unit and owner, coverage of goals. The rules only read
// the outline, so they run at once, as many as there are CPUs; their
// findings come back in the rules' order.
func RunCatalogue(o *catalogue.Outline, s Settings, today time.Time) []finding.Finding {
	rs := enabled(s, func(r *Rule) bool { return r.Check != nil })
	results := make([][]finding.Finding, len(rs))
	file := ""
	if len(o.Files) > 0 {
		file = o.Files[0].Path
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	lists := newKPILists(o)
	for i, r := range rs {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			p := &CataloguePass{pass: pass{Rule: r, Today: today, options: s.Options[r.ID]}, Catalogue: o, lists: lists}
			f := contain(r, file, "", func() { r.Check(p) })
			results[i] = p.collect()
			if f != nil {
				results[i] = append(results[i], *f)
			}
		})
	}
	wg.Wait()
	return slices.Concat(results...)
}

// Severity is the severity the settings give rule id: its configured one,
// else the rule's default (Off for an id no rule has).
func (s Settings) Severity(id string) finding.Severity {
	if sev, ok := s.Severities[id]; ok {
		return sev
	}
	if r := Lookup(id); r != nil {
		return r.Severity
	}
	return finding.Off
}

// Apply sets every finding's severity from its rule and the settings, and
// drops the findings of rules that are off. It is the one place severities
// are decided, for the loader's findings as for the rules'.
func (s Settings) Apply(fs []finding.Finding) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		if f.Severity = s.Severity(f.Rule); f.Severity != finding.Off {
			out = append(out, f)
		}
	}
	return out
}

func enabled(s Settings, want func(*Rule) bool) []*Rule {
	var out []*Rule
	for _, r := range All() {
		if want(r) && s.Severity(r.ID) != finding.Off {
			out = append(out, r)
		}
	}
	return out
}

// collect returns the pass's findings.
func (p *pass) collect() []finding.Finding {
	out := make([]finding.Finding, len(p.findings))
	for i, f := range p.findings {
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
			ie := finding.New(InternalError.ID, finding.Location{File: file, Line: 1, Column: 1, EndLine: 1, EndColumn: 2},
				i18n.Msg("rule %s failed on %s: %v; the other rules and files were checked (please report this bug)", r.ID, what, rec))
			ie.ID = id
			f = &ie
		}
	}()
	check()
	return nil
}
