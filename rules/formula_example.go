package rules

import (
	"errors"
	"math/big"

	"github.com/kpilint/kpilint/internal/catalogue"

	"github.com/kpilint/kpilint/internal/formula"
	"github.com/kpilint/kpilint/internal/tree"
)

// FormulaExample evaluates the formula on its test vectors.
var FormulaExample = &Rule{
	ID:       "formula-example",
	Severity: Error,
	Doc: Doc{
		Title:     "A formula example does not compute",
		Principle: 3,
		Why: "Examples are test vectors for the definition: given these inputs, the KPI is this number. An " +
			"example that disagrees with the formula means the formula or the understanding of it is wrong. " +
			"kpilint evaluates exactly, in rational numbers, with a relative tolerance of 1e-9.",
		Bad: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure:\n" +
			"      formula: satisfied / responses * 100\n      examples:\n        - {inputs: {satisfied: 45, responses: 50}, expect: 0.9}\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    measure:\n" +
			"      formula: satisfied / responses * 100\n      examples:\n        - {inputs: {satisfied: 45, responses: 50}, expect: 90}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		e := parsedFormula(k)
		if e == nil {
			return
		}
		for i, ex := range k.Measure.Examples {
			loc := k.File.NodeLoc(ex.Node)
			inputs := exactInputs(ex.Node.Get("inputs"))
			want, ok := exact(ex.Node.Get("expect"))
			if !ok {
				continue // schema
			}
			got, err := e.Eval(inputs)
			var missing *formula.MissingInputError
			switch {
			case errors.As(err, &missing):
				p.ReportKPI(k, loc, "example %d gives no value for input %q", i+1, missing.Name)
			case errors.Is(err, formula.ErrDivisionByZero):
				p.ReportKPI(k, loc, "example %d divides by zero", i+1)
			case err != nil:
				p.ReportKPI(k, loc, "example %d cannot be evaluated: %v", i+1, err)
			case !formula.Close(got, want):
				p.ReportKPI(k, loc, "example %d: the formula gives %s, not the expected %s", i+1, show(got), show(want))
			}
		}
	},
}

// exact reads a number node from its literal text, so 0.1 is one tenth.
func exact(n *tree.Node) (*big.Rat, bool) {
	if n == nil || n.Kind != tree.Number {
		return nil, false
	}
	if r, ok := formula.Rat(n.Str); ok {
		return r, true
	}
	r := new(big.Rat)
	if r.SetFloat64(n.Num) == nil {
		return nil, false
	}
	return r, true
}

func exactInputs(n *tree.Node) map[string]*big.Rat {
	out := map[string]*big.Rat{}
	if n == nil {
		return out
	}
	for _, e := range n.Entries {
		if r, ok := exact(e.Value); ok {
			out[e.Key] = r
		}
	}
	return out
}

func show(r *big.Rat) string {
	if r.IsInt() {
		return r.RatString()
	}
	f, _ := r.Float64()
	return big.NewFloat(f).Text('g', 10)
}
