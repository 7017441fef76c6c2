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
// them apart, and the findings about directives that are malformed or
// suppressed nothing (without severity: the caller applies the settings).
func suppress(files []*catalogue.File, fs []finding.Finding) (kept, suppressed, directives []finding.Finding) {
	type key struct {
		file string
		i    int
	}
	used := map[key]bool{}
	byFile := map[string]*catalogue.File{}
	for _, f := range files {
		if len(f.Directives) > 0 {
			byFile[f.Path] = f
		}
	}
	if len(byFile) == 0 {
		kept = fs // no file has a directive: nothing to take out, and no copy of a million KPIs' findings
	} else {
		kept = make([]finding.Finding, 0, len(fs))
		for _, f := range fs {
			file := byFile[f.File]
			hit := false
			if file != nil && f.Rule != rules.Syntax.ID {
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
			kept = append(kept, f)
		}
	}
	for _, file := range files {
		for i, d := range file.Directives {
			loc := catalogue.Loc(file, tree.Pos{Line: d.Line, Col: d.Col}, d.Width)
			if problem := directiveProblem(d); problem.Format != "" {
				directives = append(directives, finding.New(rules.SuppressionMalformed.ID, loc, problem))
				continue
			}
			if !used[key{file.Path, i}] {
				directives = append(directives, finding.New(rules.SuppressionUnused.ID, loc,
					i18n.Msg("this kpilint directive suppresses nothing: no %s finding here; remove it", joinRules(d.Rules))))
			}
		}
	}
	return kept, suppressed, directives
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
