package rules

import (
	"fmt"
	"sync"

	"github.com/kpilint/kpilint/internal/suggest"
)

// registry lists every rule in the order docs/rules.md shows them. The loader's rules
// (syntax, schema, policy) and the suppression rules are listed for
// documentation and configuration; they have no Check of their own here.
func registry() []*Rule {
	return []*Rule{
		Syntax, Schema, DuplicateID, UnknownReference,
		GoalMissing, OwnerMissing, OwnerInfluence, LeversMissing,
		FormulaMissing, VagueFormula, FormulaSyntax, FormulaInputs, FormulaExample,
		UnitMissing, UnitUnknown, UnitFormulaMismatch, DataSourceMissing,
		CadenceMissing, CadenceMismatch, CadenceTooRare, ReviewOverdue,
		TargetMissing, TargetDirection, TargetRealism, TargetRange, ThresholdOrder,
		KPIIsGoal, ActionMissing, VanityMetric, IndicatorMissing, HealthInconsistent,
		LeadLagMix, GoalUncovered, KPICount, OwnerOverload,
		OKRLike, DescriptionMissing,
		SuppressionUnused, SuppressionMalformed, Policy, InternalError,
	}
}

var (
	allOnce sync.Once
	all     []*Rule
	byID    map[string]*Rule
)

// All returns every rule.
func All() []*Rule {
	allOnce.Do(func() {
		all = registry()
		byID = make(map[string]*Rule, len(all))
		for _, r := range all {
			byID[r.ID] = r
		}
	})
	return all
}

// DocTexts are the texts of the rules that are data, not calls: titles,
// rationales, option docs, the principles, the words rules pass as
// arguments to their messages and the labels of `explain`. The
// translation test holds each to a Swedish translation.
func DocTexts() []string {
	var out []string
	for _, r := range All() {
		out = append(out, r.Doc.Title, r.Doc.Why)
		for _, o := range r.Options {
			out = append(out, o.Doc)
		}
	}
	for _, p := range Principles {
		out = append(out, p)
	}
	out = append(out, "baseline", "target", "green threshold", "red threshold", "current value", "below", "above",
		"increase", "decrease", "leading", "lagging", "floor", "ceiling", "the baseline", "the step before it,")
	return append(out, "Bad:", "Good:", "Also checks retired KPIs.", "default severity: %s", "group: %s", "completeness", "quality", "Principle %d: %s",
		"Options (in kpilint.yaml, under `rules: {%s: {…}}`):", "default `%v`")
}

// Lookup returns the rule with that ID, or nil.
func Lookup(id string) *Rule {
	All()
	return byID[id]
}

// Unknown is the message for a rule id that is not one: "unknown rule
// "x"", with a did-you-mean hint when an id is close.
func Unknown(id string) string {
	var ids []string
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	return fmt.Sprintf("unknown rule %q%s (see `kpilint rules`)", id, suggest.Hint(id, ids))
}

// Context is prepended (as a YAML document of its own) to every rule's Bad
// and Good example when they are run in tests, so examples can stay short:
// an organisation with a department and a team, and two strategic goals.
const Context = `units:
  - {id: acme, name: Acme AB, level: organisation}
  - {id: support, name: Customer Support, level: department, parent: acme}
  - {id: support-nordics, name: Support Nordics, level: team, parent: support}
goals:
  - {id: loved-brand, statement: Become the most customer-loved brand in our industry, scope: acme}
  - {id: fast-help, statement: Customers get help fast, scope: support, parent: loved-brand}
`
