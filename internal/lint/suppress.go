package lint

import (
	"slices"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/tree"
	"github.com/kpilint/kpilint/rules"
)

// suppress drops findings covered by a `kpilint:ignore` directive, returning
// them apart, and reports directives that are malformed or suppressed nothing.
func suppress(cat *catalogue.Catalogue, fs []finding.Finding, s rules.Settings) (kept, suppressed []finding.Finding) {
	type key struct {
		file string
		i    int
	}
	used := map[key]bool{}
	byFile := map[string]*catalogue.File{}
	for _, f := range cat.Files {
		if len(f.Directives) > 0 {
			byFile[f.Path] = f
		}
	}
	out := make([]finding.Finding, 0, len(fs))
	for _, f := range fs {
		file := byFile[f.File]
		hit := false
		if file != nil && f.Rule != "syntax" {
			for i, d := range file.Directives {
				if d.Problem == "" && f.Line >= d.FromLine && f.Line <= d.ToLine && slices.Contains(d.Rules, f.Rule) {
					used[key{f.File, i}] = true
					hit = true
				}
			}
		}
		if hit {
			suppressed = append(suppressed, f)
			continue
		}
		out = append(out, f)
	}
	for _, file := range cat.Files {
		for i, d := range file.Directives {
			loc := catalogue.Loc(file, tree.Pos{Line: d.Line, Col: d.Col}, d.Width)
			if problem := directiveProblem(d); problem.Format != "" {
				out = appendDirectiveFinding(out, directiveFinding(s, "suppression-malformed", loc, problem))
				continue
			}
			if !used[key{file.Path, i}] {
				out = appendDirectiveFinding(out, directiveFinding(s, "suppression-unused", loc,
					i18n.Msg("this kpilint directive suppresses nothing: no %s finding here; remove it", joinRules(d.Rules))))
			}
		}
	}
	return out, suppressed
}

func directiveProblem(d catalogue.Directive) i18n.Message {
	switch d.Problem {
	case "names no rule":
		return i18n.Msg("this kpilint directive names no rule")
	case "":
	default:
		return i18n.Msg("this kpilint directive gives no reason (write `-- why this is acceptable`)")
	}
	for _, r := range d.Rules {
		if rules.Lookup(r) == nil {
			return i18n.Msg("this kpilint directive names the unknown rule %q (see `kpilint rules`)", r)
		}
	}
	return i18n.Message{}
}

func directiveFinding(s rules.Settings, rule string, loc finding.Location, text i18n.Message) finding.Finding {
	sev := rules.Lookup(rule).Severity
	if v, ok := s.Severity[rule]; ok {
		sev = v
	}
	return finding.Finding{Rule: rule, Severity: sev, Location: loc, Message: text.String(), Text: text}
}

// appendDirectiveFinding adds a directive finding unless its rule is off.
func appendDirectiveFinding(out []finding.Finding, f finding.Finding) []finding.Finding {
	if f.Severity == finding.Off {
		return out
	}
	return append(out, f)
}

func joinRules(rs []string) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += " or "
		}
		out += r
	}
	return out
}
