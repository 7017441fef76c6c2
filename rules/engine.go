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
		if r.Check == nil {
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

func runOne(c *catalogue.Catalogue, r *Rule, sev finding.Severity, opts map[string]any, today time.Time) (out []finding.Finding) {
	p := &Pass{Catalogue: c, Rule: r, Today: today, options: opts}
	defer func() {
		if rec := recover(); rec != nil {
			file := ""
			if len(c.Files) > 0 {
				file = c.Files[0].Path
			}
			out = []finding.Finding{{Rule: "internal-error", Severity: finding.Error,
				Message:  fmt.Sprintf("rule %s failed: %v (please report this bug)", r.ID, rec),
				Location: finding.Location{File: file, Line: 1, Column: 1, EndLine: 1, EndColumn: 2}}}
		}
	}()
	r.Check(p)
	out = make([]finding.Finding, len(p.findings))
	for i, f := range p.findings {
		f.Severity = sev
		out[i] = *f
	}
	return out
}
