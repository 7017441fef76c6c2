package rules

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// FormulaInputs checks names used in the formula against declared inputs.
var FormulaInputs = &Rule{
	ID:       "formula-inputs",
	Severity: Error,
	Doc: Doc{
		Title:     "The formula and its declared inputs do not match",
		Principle: 3,
		Why: "Every name in a formula is data someone must fetch. A name that is not a declared input has no " +
			"description and no source; an input the formula never uses is a leftover that misleads the reader.",
		Bad: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure:\n" +
			"      formula: satisfied / responses * 100\n      inputs:\n        satisfied: {source: survey}\n        surveys: {source: survey}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure:\n" +
			"      formula: satisfied / responses * 100\n      inputs:\n        satisfied: {source: survey}\n        responses: {source: survey}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if k.Measure != nil && k.Measure.Formula != "" && !k.Measure.InKpilint() {
			// Kept as written: each declared input must at least occur in it.
			for _, in := range k.Measure.Inputs {
				if !mentions(k.Measure.Formula, in.Name) {
					p.ReportKPI(k, k.File.KeyLoc(in.Node), "input %q is declared but the %s formula does not mention it", in.Name, k.Measure.Language)
				}
			}
			return
		}
		e := parsedFormula(k)
		if e == nil {
			return
		}
		used := e.Names()
		var declared []string
		for _, in := range k.Measure.Inputs {
			declared = append(declared, in.Name)
		}
		for _, name := range used {
			if !slices.Contains(declared, name) {
				p.ReportKPI(k, k.At("measure", "formula"), "the formula uses %q, which is not a declared input (`measure.inputs`)", name)
			}
		}
		for _, in := range k.Measure.Inputs {
			if !slices.Contains(used, in.Name) {
				p.ReportKPI(k, k.File.KeyLoc(in.Node), "input %q is declared but the formula does not use it", in.Name)
			}
		}
	},
}

// mentions reports whether name occurs in text as a word of its own.
func mentions(text, name string) bool {
	isWord := func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWord(before)) && (end == len(text) || !isWord(after)) {
			return true
		}
		i = start + 1
	}
}
