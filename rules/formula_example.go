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
			if agreesExactly(e, ex.Node) {
				continue
			}
			loc := k.File.NodeLoc(ex.Node)
			values, series := exactInputs(ex.Node.Get("inputs"))
			want, ok := exact(ex.Node.Get("expect"))
			if !ok {
				continue // schema
			}
			got, err := e.EvalSeries(values, series)
			var missing *formula.MissingInputError
			var listed *formula.SeriesInputError
			var notSeries *formula.NotSeriesError
			switch {
			case errors.As(err, &missing):
				p.ReportKPI(k, loc, "example %d gives no value for input %q", i+1, missing.Name)
			case errors.As(err, &listed):
				p.ReportKPI(k, loc, "example %d gives a list of values for input %q, which the formula uses as one number: give one number, or aggregate it (sum, mean, …)", i+1, listed.Name)
			case errors.As(err, &notSeries):
				p.ReportKPI(k, loc, "example %d gives single numbers to %s, which aggregates a series: give its input a list of values", i+1, notSeries.Fn)
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

// agreesExactly reports whether the example expects exactly what the
// formula gives, computed in small rationals (formula.EvalSmall), which
// is how nearly every example is written. False when that cannot tell:
// the exact path below decides, and says what is wrong.
func agreesExactly(e *formula.Expr, ex *tree.Node) bool {
	want, ok := small(ex.Get("expect"))
	if !ok {
		return false
	}
	inputs := ex.Get("inputs")
	if inputs == nil || inputs.Kind != tree.Map {
		return false
	}
	got, ok := e.EvalSmall(func(name string) (formula.Small, bool) {
		var value *tree.Node
		for _, ent := range inputs.Entries {
			if ent.Key == name {
				if value != nil {
					return formula.Small{}, false // given twice: the exact path decides
				}
				value = ent.Value
			}
		}
		return small(value)
	})
	return ok && got == want
}

// small reads a number node as a formula.Small, if it is one.
func small(n *tree.Node) (formula.Small, bool) {
	if n == nil || n.Kind != tree.Number {
		return formula.Small{}, false
	}
	return formula.SmallLiteral(n.Str)
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

// exactInputs reads an example's inputs: a number each, or a list of
// numbers for a series input.
func exactInputs(n *tree.Node) (values map[string]*big.Rat, series map[string][]*big.Rat) {
	values, series = map[string]*big.Rat{}, map[string][]*big.Rat{}
	if n == nil {
		return values, series
	}
	for _, e := range n.Entries {
		if r, ok := exact(e.Value); ok {
			values[e.Key] = r
			continue
		}
		if e.Value.Kind != tree.List {
			continue
		}
		list := make([]*big.Rat, 0, len(e.Value.Items))
		for _, item := range e.Value.Items {
			if r, ok := exact(item); ok {
				list = append(list, r)
			}
		}
		series[e.Key] = list
	}
	return values, series
}

func show(r *big.Rat) string {
	if r.IsInt() {
		return r.RatString()
	}
	f, _ := r.Float64()
	return big.NewFloat(f).Text('g', 10)
}
