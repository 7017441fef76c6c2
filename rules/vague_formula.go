package rules

import (
	"strings"
	"unicode"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// VagueFormula flags a formula that is prose or contains vague words.
var VagueFormula = &Rule{
	ID:       "vague-formula",
	Severity: Warning,
	Doc: Doc{
		Title:     "The formula is prose or vague",
		Principle: 3,
		Why: "A formula is a definition: input names, numbers, + - * /, parentheses, min, max, abs and " +
			"aggregates such as sum, mean, median or p90 — or a query in a declared language (`language: sql`). " +
			"Prose (\"sum of all invoices, roughly\") or vague words (\"improve\", \"approximately\", \"TBD\", " +
			"\"ungefär\") mean two people will compute two different numbers.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: share of happy customers, roughly}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses * 100}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Measure == nil || !k.Has("measure", "formula") {
			return
		}
		f := k.Measure.Formula
		if m, ok := words("vague").find(f); ok {
			p.ReportKPI(k, k.At("measure", "formula"), "the formula contains the vague word %q: define exactly what is counted", m.phrase)
			return
		}
		// A formula in another language (SQL, MetricFlow, …) is kept as
		// written; in kpilint's own, one that does not parse and reads as
		// words is prose. One that does not parse otherwise is a syntax
		// error (formula-syntax).
		if k.Measure.InKpilint() && readsAsProse(f) {
			if _, err := k.Measure.ParsedFormula(); err != nil {
				p.ReportKPI(k, k.At("measure", "formula"), "the formula reads as prose, not as a definition: write it with input names, numbers, + - * / and functions (sum, mean, min, …), or declare its `language`")
			}
		}
	},
}

// FormulaSyntax flags a formula in kpilint's language that does not parse
// and is not prose: a typo in an otherwise precise definition.
var FormulaSyntax = &Rule{
	ID:       "formula-syntax",
	Severity: Error,
	Doc: Doc{
		Title:     "The formula does not parse",
		Principle: 3,
		Why: "A formula that does not parse cannot be computed or checked: an unbalanced parenthesis, a " +
			"function kpilint's language does not have, or a query written in SQL without saying so. The " +
			"message gives the reason; a formula in SQL, MetricFlow or DAX declares its `language` and is " +
			"then kept as written.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: (satisfied / responses * 100}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure: {formula: satisfied / responses * 100}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Measure == nil || !k.Has("measure", "formula") || !k.Measure.InKpilint() {
			return
		}
		f := k.Measure.Formula
		if _, vague := words("vague").find(f); vague || strings.TrimSpace(f) == "" {
			return // vague-formula
		}
		_, err := k.Measure.ParsedFormula()
		switch {
		case err == nil:
		case looksLikeSQL(f):
			p.ReportKPI(k, k.At("measure", "formula"), "the formula is SQL, which kpilint's formula language is not: add `language: sql` to the measure")
		case !readsAsProse(f):
			p.ReportKPI(k, k.At("measure", "formula"), "the formula does not parse: %v", err)
		}
	},
}

var sqlStart = lazyRegexp(`(?is)^\s*(select|with)\b.*\bfrom\b|^\s*select\b`)

// readsAsProse reports whether a formula that does not parse reads as
// words rather than as an expression with a slip in it.
func readsAsProse(f string) bool { return !looksLikeSQL(f) && wordPair(f) }

// looksLikeSQL reports whether f is a query. The prefix test spares the
// regular expression every formula that does not start like one.
func looksLikeSQL(f string) bool {
	f = strings.TrimLeft(f, " \t\n\f\r")
	if !hasPrefixFold(f, "select") && !hasPrefixFold(f, "with") {
		return false
	}
	return sqlStart().MatchString(f)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// wordPair reports whether s has two words with only white space between
// them: "sum of", "all invoices"; no arithmetic formula has that. It is
// the regular expression [\p{L}_][\p{L}\p{N}_']*\s+[\p{L}_] written out
// (vague_formula_test.go checks the two agree), at a fifth of its cost.
func wordPair(s string) bool {
	word := false  // the run of word characters up to here holds a letter or _
	after := false // a word and then white space: a letter or _ now matches
	for _, r := range s {
		letter := unicode.IsLetter(r) || r == '_'
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r':
			after = after || word
			word = false
			continue
		case letter && after:
			return true
		case letter:
			word = true
		case unicode.IsNumber(r) || r == '\'':
		default:
			word = false
		}
		after = false
	}
	return false
}
