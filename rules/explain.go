package rules

import (
	"fmt"
	"strings"
)

// Principles are SPEC §1's principles, in kpilint's words, cited by rules.
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
func Explain(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n**%s** (default severity: %s)\n\n", r.ID, r.Doc.Title, r.Severity)
	if p, ok := Principles[r.Doc.Principle]; ok {
		fmt.Fprintf(&b, "Principle %d: %s\n\n", r.Doc.Principle, p)
	}
	fmt.Fprintf(&b, "%s\n\n", r.Doc.Why)
	if r.Retired {
		b.WriteString("Also checks retired KPIs.\n\n")
	}
	fmt.Fprintf(&b, "Bad:\n\n```yaml\n%s```\n\nGood:\n\n```yaml\n%s```\n\n", r.Doc.Bad, r.Doc.Good)
	if len(r.Options) > 0 {
		b.WriteString("Options (in kpilint.yaml, under `rules: {" + r.ID + ": {…}}`):\n\n")
		for _, o := range r.Options {
			fmt.Fprintf(&b, "- `%s` (default `%v`): %s\n", o.Name, o.Default, o.Doc)
		}
		b.WriteString("\n")
	}
	return b.String()
}
