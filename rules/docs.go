package rules

import (
	"fmt"
	"strings"
)

// Markdown renders docs/rules.md: an index table, then every rule's
// explanation.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# kpilint rules\n\n<!-- Generated from the rule registry by `go test ./rules -update`. Do not edit. -->\n\n")
	b.WriteString(Table())
	b.WriteString("\n")
	for _, r := range All() {
		b.WriteString(Explain(r))
	}
	return b.String()
}

// Table is the rule list as a Markdown table, for docs/rules.md and the README.
func Table() string {
	var b strings.Builder
	b.WriteString("| rule | default | group | what it flags |\n|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [`%s`](%s#%s) | %s | %s | %s |\n", r.ID, "docs/rules.md", r.ID, r.Severity, r.Group, r.Doc.Title)
	}
	return b.String()
}

// PrincipleTable lists, for each principle, the rules that cite it, for
// docs/principles.md.
func PrincipleTable() string {
	var b strings.Builder
	b.WriteString("| principle | rules |\n|---|---|\n")
	for n := 0; n <= len(Principles); n++ {
		var ids []string
		for _, r := range All() {
			if r.Doc.Principle == n {
				ids = append(ids, "[`"+r.ID+"`](rules.md#"+r.ID+")")
			}
		}
		label := "technical"
		if n > 0 {
			label = fmt.Sprintf("%d. %s", n, Principles[n])
		}
		fmt.Fprintf(&b, "| %s | %s |\n", label, strings.Join(ids, ", "))
	}
	return b.String()
}
