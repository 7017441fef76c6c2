package rules

import (
	"fmt"
	"time"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
)

// Run runs every enabled rule over the catalogue. A rule that panics
// becomes an internal-error finding naming the rule, and the others still
// run.
func Run(c *catalogue.Catalogue, s Settings, today time.Time) []finding.Finding {
	var out []finding.Finding
	for _, r := range All() {
		if r.Check == nil && r.CheckKPI == nil {
			continue
		}
		sev := r.Severity
		if v, ok := s.Severity[r.ID]; ok {
			sev = v
		}
		if sev == finding.Off {
			continue
		}
		out = append(out, runOne(c, r, sev, s.Options[r.ID], today)...)
	}
	return out
}

func runOne(c *catalogue.Catalogue, r *Rule, sev finding.Severity, opts map[string]any, today time.Time) []finding.Finding {
	p := &Pass{Catalogue: c, Rule: r, Today: today, options: opts}
	var failures []finding.Finding
	if r.CheckKPI != nil {
		for _, k := range p.KPIs() {
			if f := contain(r, k.File.Path, k.ID, func() { r.CheckKPI(p, k) }); f != nil {
				failures = append(failures, *f)
			}
		}
	}
	if r.Check != nil {
		file := ""
		if len(c.Files) > 0 {
			file = c.Files[0].Path
		}
		if f := contain(r, file, "", func() { r.Check(p) }); f != nil {
			failures = append(failures, *f)
		}
	}
	out := make([]finding.Finding, 0, len(p.findings)+len(failures))
	for _, f := range p.findings {
		f.Severity = sev
		out = append(out, *f)
	}
	return append(out, failures...)
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
			f = &finding.Finding{Rule: "internal-error", Severity: finding.Error, ID: id,
				Message:  fmt.Sprintf("rule %s failed on %s: %v; the other rules and files were checked (please report this bug)", r.ID, what, rec),
				Location: finding.Location{File: file, Line: 1, Column: 1, EndLine: 1, EndColumn: 2}}
		}
	}()
	check()
	return nil
}
