package rules

import (
	"fmt"
	"strings"

	"github.com/kpilint/kpilint/internal/i18n"
)

// Principles are the principles of docs/principles.md, cited by rules.
var Principles = map[int]string{
	1: "A KPI is tied directly to a strategic goal: the goal is what we want to achieve, the KPI how we measure progress toward it.",
	2: "The team measured can influence the KPI, and one person is accountable for it.",
	3: "A KPI is clearly defined and measurable: a formula two people would compute the same way, from named data that exists.",
	4: "A KPI creates value only when it is followed up on a regular rhythm and used to decide and act.",
	5: "Few KPIs: 3–5 at organisation level and 3–5 per department or team, so that something is prioritised.",
	6: "Targets are challenging but realistic.",
	7: "A vanity metric looks good on paper but drives no action.",
	8: "Mix leading indicators (predict outcomes, easier to influence) with lagging ones (confirm results).",
	9: "KPIs monitor the ongoing health of an area; OKRs are time-boxed stretch goals. Don't mix them.",
}

// Explain renders a rule's documentation as Markdown-flavoured text, for
// `kpilint explain` and docs/rules.md.
func Explain(r *Rule) string { return ExplainIn(i18n.English, r) }

// ExplainIn is Explain in a language.
func ExplainIn(lang string, r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n**%s** (%s · %s)\n\n", r.ID, Title(lang, r), i18n.Tf(lang, "default severity: %s", r.Severity.String()),
		i18n.Tf(lang, "group: %s", i18n.T(lang, r.Group.String())))
	if p, ok := Principles[r.Doc.Principle]; ok {
		fmt.Fprintf(&b, "%s\n\n", i18n.Tf(lang, "Principle %d: %s", r.Doc.Principle, i18n.T(lang, p)))
	}
	fmt.Fprintf(&b, "%s\n\n", i18n.T(lang, r.Doc.Why))
	if r.Retired {
		fmt.Fprintf(&b, "%s\n\n", i18n.T(lang, "Also checks retired KPIs."))
	}
	if r.Doc.Bad != "" {
		fmt.Fprintf(&b, "%s\n\n```yaml\n%s```\n\n%s\n\n```yaml\n%s```\n\n", i18n.T(lang, "Bad:"), r.Doc.Bad, i18n.T(lang, "Good:"), r.Doc.Good)
	}
	if len(r.Options) > 0 {
		fmt.Fprintf(&b, "%s\n\n", i18n.Tf(lang, "Options (in kpilint.yaml, under `rules: {%s: {…}}`):", r.ID))
		for _, o := range r.Options {
			fmt.Fprintf(&b, "- `%s` (%s): %s\n", o.Name, i18n.Tf(lang, "default `%v`", o.Default), i18n.T(lang, o.Doc))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Title is a rule's title in a language.
func Title(lang string, r *Rule) string { return i18n.T(lang, r.Doc.Title) }
