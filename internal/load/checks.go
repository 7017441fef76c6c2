package load

import (
	"math"
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/tree"
	"github.com/kpilint/kpilint/rules"
)

// goChecks are the schema's rules that CUE cannot say, or cannot say
// with a clear message: a unit's level is one of the organisation's levels
// and a unit below the top one names its parent; a stepped target dates
// every step, in time order; a deliberate absence of a target says why.
// They are `schema` findings, at the key that is wrong.
func goChecks(f *catalogue.File, doc *tree.Node, levels []string) []finding.Finding {
	if len(levels) == 0 {
		levels = catalogue.DefaultLevels
	}
	var out []finding.Finding
	report := func(id string, loc finding.Location, msg i18n.Message) {
		sf := finding.New(rules.Schema.ID, loc, msg)
		sf.ID = id
		out = append(out, sf)
	}
	reportKPI := func(k *tree.Node, loc finding.Location, msg i18n.Message) {
		sf := finding.New(rules.Schema.ID, loc, msg)
		sf.ID, sf.KPI, sf.Subject = text(k, "id"), true, catalogue.Loc(f, k.Anchor(), k.AnchorWidth())
		out = append(out, sf)
	}
	for _, u := range items(doc.Get("units")) {
		id, level := text(u, "id"), text(u, "level")
		switch {
		case level == "":
		case !slices.Contains(levels, level):
			report(id, f.KeyLoc(u.Entry("level")), i18n.Msg("level %q is not one of the organisation's levels (%s): use one, or list your levels under `levels:` in kpilint.yaml",
				level, strings.Join(levels, ", ")))
		case level != levels[0] && u.Get("parent") == nil:
			report(id, catalogue.Loc(f, u.Anchor(), u.AnchorWidth()), i18n.Msg("a %s unit must name its parent unit (`parent:`)", level))
		}
	}
	reportNonFinite(f, doc, report)
	for _, k := range items(doc.Get("kpis")) {
		target := k.Get("target")
		switch {
		case target == nil:
		case target.Kind == tree.List:
			stepChecks(f, k, target, reportKPI)
		case target.Kind == tree.Map && target.Get("none") != nil:
			if reason, ok := target.Get("none").StringValue(); ok && strings.TrimSpace(reason) == "" {
				reportKPI(k, f.KeyLoc(target.Entry("none")), i18n.Msg("say why there is no target: `none: the reason`"))
			}
		}
	}
	return out
}

// reportNonFinite reports every number that is not finite (YAML's .nan, .inf and
// -.inf, or a literal too large for a float): the checks of targets,
// thresholds and examples compare numbers and would silently skip them.
func reportNonFinite(f *catalogue.File, n *tree.Node, report func(id string, loc finding.Location, msg i18n.Message)) {
	if n == nil {
		return
	}
	switch n.Kind {
	case tree.Number:
		if math.IsNaN(n.Num) || math.IsInf(n.Num, 0) {
			report("", catalogue.Loc(f, n.Pos, max(1, len([]rune(n.Str)))), i18n.Msg("%s is not a finite number: write a number such as 85 or 0.85", n.Str))
		}
	case tree.Map:
		for _, e := range n.Entries {
			reportNonFinite(f, e.Value, report)
		}
	case tree.List:
		for _, it := range n.Items {
			reportNonFinite(f, it, report)
		}
	}
}

// stepChecks checks a stepped target of KPI k: every step has a date, and
// each date is later than the one before.
func stepChecks(f *catalogue.File, k, steps *tree.Node, report func(k *tree.Node, loc finding.Location, msg i18n.Message)) {
	prevDate := ""
	for i, step := range steps.Items {
		if step.Kind != tree.Map {
			continue // the schema reports it
		}
		d, ok := step.Get("date").StringValue()
		if !ok {
			report(k, catalogue.Loc(f, step.Anchor(), step.AnchorWidth()),
				i18n.Msg("step %d of the target has no date: a stepped target says by when each value is due", i+1))
			continue
		}
		t, ok := catalogue.ParseDate(d)
		if !ok {
			continue // the schema reports it
		}
		if prev, ok := catalogue.ParseDate(prevDate); ok && !t.After(prev) {
			report(k, f.KeyLoc(step.Entry("date")),
				i18n.Msg("step %d's date %s is not after %s, the date of an earlier step: list the steps in time order", i+1, d, prevDate))
		}
		prevDate = d
	}
}
