// Package formula parses and evaluates KPI formulas in kpilint's language
// (docs/format.md): arithmetic over input names with numbers, + - * /,
// parentheses and the functions min, max and abs, and aggregates over
// series inputs (sum, count, count_distinct, mean/avg, median, p1…p99,
// percentile, one-argument min and max). Parsing reuses CUE's expression
// parser, whose grammar is a superset; anything outside the language is
// rejected, so prose is caught. Evaluation is exact, in rational numbers.
package formula

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/literal"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"
)

// MaxLength bounds the formulas kpilint parses; longer text is prose.
const MaxLength = 2000

// Expr is a parsed formula.
type Expr struct {
	root node
}

type node interface{}

type (
	num struct {
		v     *big.Rat
		s     Small // v, when small (EvalSmall)
		small bool
	}
	name   struct{ id string }
	unary  struct{ x node }
	binary struct {
		op   byte
		x, y node
	}
	call struct {
		fn   string
		args []node
	}
)

// Functions are the functions a formula may call.
var Functions = []string{"min", "max", "abs"}

// Parse parses an arithmetic formula. The error says why the text is not one.
func Parse(src string) (*Expr, error) {
	if strings.TrimSpace(src) == "" {
		return nil, errors.New("the formula is empty")
	}
	if len(src) > MaxLength {
		return nil, fmt.Errorf("the formula is longer than %d characters", MaxLength)
	}
	if e, ok := parseFast(src); ok {
		return e, nil
	}
	return parseCUE(src)
}

// parseCUE parses with CUE's expression parser, restricted to arithmetic.
func parseCUE(src string) (*Expr, error) {
	x, err := parser.ParseExpr("formula", src)
	if err != nil {
		return nil, errors.New("it does not parse as arithmetic")
	}
	root, err := convert(x, 0)
	if err != nil {
		return nil, err
	}
	return &Expr{root: root}, nil
}

const maxDepth = 100

func convert(x ast.Expr, depth int) (node, error) {
	if depth > maxDepth {
		return nil, errors.New("the formula is nested too deeply")
	}
	switch x := x.(type) {
	case *ast.BasicLit:
		if x.Kind != token.INT && x.Kind != token.FLOAT {
			return nil, fmt.Errorf("%s is not a number or an input name", x.Value)
		}
		r, ok := Rat(x.Value)
		if !ok {
			return nil, fmt.Errorf("%s is not a plain number", x.Value)
		}
		return newNum(r), nil
	case *ast.Ident:
		if strings.HasPrefix(x.Name, "#") || strings.HasPrefix(x.Name, "_") || strings.HasPrefix(x.Name, "$") {
			return nil, fmt.Errorf("%s is not an input name", x.Name)
		}
		return name{x.Name}, nil
	case *ast.ParenExpr:
		return convert(x.X, depth+1)
	case *ast.UnaryExpr:
		if x.Op != token.SUB && x.Op != token.ADD {
			return nil, fmt.Errorf("%s is not an arithmetic operator", x.Op)
		}
		inner, err := convert(x.X, depth+1)
		if err != nil || x.Op == token.ADD {
			return inner, err
		}
		return unary{inner}, nil
	case *ast.BinaryExpr:
		var op byte
		switch x.Op {
		case token.ADD:
			op = '+'
		case token.SUB:
			op = '-'
		case token.MUL:
			op = '*'
		case token.QUO:
			op = '/'
		default:
			return nil, fmt.Errorf("%s is not one of + - * /", x.Op)
		}
		l, err := convert(x.X, depth+1)
		if err != nil {
			return nil, err
		}
		r, err := convert(x.Y, depth+1)
		if err != nil {
			return nil, err
		}
		return binary{op, l, r}, nil
	case *ast.CallExpr:
		fn, ok := x.Fun.(*ast.Ident)
		if !ok || !isFunction(fn.Name) {
			return nil, errors.New("only min, max, abs and the aggregates (sum, count, count_distinct, mean, avg, median, p50…p99, percentile) may be called")
		}
		var args []node
		for _, a := range x.Args {
			n, err := convert(a, depth+1)
			if err != nil {
				return nil, err
			}
			args = append(args, n)
		}
		return newCall(fn.Name, args)
	}
	return nil, errors.New("it does not parse as arithmetic")
}

// Rat reads a number literal (CUE, YAML or JSON syntax) exactly.
func Rat(lit string) (*big.Rat, bool) {
	if r, ok := smallDecimal(lit); ok {
		return r, true
	}
	return ratLiteral(lit)
}

// smallDecimal reads the literal most examples are written in — a sign,
// at most 18 digits and a point — without big.Rat's general parser (a
// tenth of a lint's formula checking), through SmallLiteral; ok is false
// for anything else. FuzzSmallDecimal holds it to ratLiteral.
func smallDecimal(lit string) (*big.Rat, bool) {
	s, ok := SmallLiteral(lit)
	if !ok {
		return nil, false
	}
	return s.Rat(), true
}

// ratLiteral is Rat for any literal.
func ratLiteral(lit string) (*big.Rat, bool) {
	clean := strings.ReplaceAll(lit, "_", "")
	if len(clean) > MaxBits/3 || hugeExponent(clean) {
		return nil, false // past the bound of exact arithmetic: not a number kpilint computes with
	}
	if r, ok := new(big.Rat).SetString(clean); ok {
		return r, true
	}
	var info literal.NumInfo
	if err := literal.ParseNum(lit, &info); err == nil {
		if r, ok := new(big.Rat).SetString(info.String()); ok {
			return r, true
		}
	}
	return nil, false
}

// hugeExponent reports whether a decimal literal's exponent is past
// MaxExponent.
func hugeExponent(lit string) bool {
	i := strings.IndexAny(lit, "eE")
	if i < 0 || strings.HasPrefix(lit, "0x") || strings.HasPrefix(lit, "0X") {
		return false
	}
	exp := strings.TrimLeft(lit[i+1:], "+-")
	exp = strings.TrimLeft(exp, "0")
	return len(exp) > 3 || len(exp) == 3 && exp > "300"
}

// visit calls f on every node of the expression, parents first.
func visit(n node, f func(node)) {
	f(n)
	switch n := n.(type) {
	case unary:
		visit(n.x, f)
	case binary:
		visit(n.x, f)
		visit(n.y, f)
	case call:
		for _, a := range n.args {
			visit(a, f)
		}
	case agg:
		visit(n.arg, f)
	}
}

// Names returns the input names the formula uses, in order of first use.
func (e *Expr) Names() []string {
	var out []string
	visit(e.root, func(n node) {
		if n, ok := n.(name); ok && !slices.Contains(out, n.id) {
			out = append(out, n.id)
		}
	})
	return out
}

// HasDivision reports whether the formula divides.
func (e *Expr) HasDivision() bool {
	found := false
	visit(e.root, func(n node) {
		if b, ok := n.(binary); ok && b.op == '/' {
			found = true
		}
	})
	return found
}

// MaxBits bounds the size of every number exact arithmetic makes
// (numerator and denominator together): a formula example computes in
// exact rationals, and a crafted one (an input of 1e-999999, a chain of
// products) would otherwise take minutes per example (docs/security.md).
// 4096 bits is over a thousand decimal digits.
const MaxBits = 4096

// MaxExponent bounds the decimal exponent of a number literal an example
// may give (1e-999999 is refused before it is built).
const MaxExponent = 300

// ErrTooLarge is returned when exact arithmetic would pass MaxBits.
var ErrTooLarge = fmt.Errorf("the computation needs numbers of more than %d bits, kpilint's bound for exact arithmetic", MaxBits)

func bits(r *big.Rat) int { return r.Num().BitLen() + r.Denom().BitLen() }

// ErrDivisionByZero is returned when a formula divides by zero.
var ErrDivisionByZero = errors.New("division by zero")

// MissingInputError names an input the formula needs and was not given.
type MissingInputError struct{ Name string }

func (e *MissingInputError) Error() string { return fmt.Sprintf("input %q has no value", e.Name) }

// Eval evaluates the formula exactly with the given input values.
func (e *Expr) Eval(inputs map[string]*big.Rat) (*big.Rat, error) {
	return e.EvalSeries(inputs, nil)
}

// EvalSeries evaluates the formula exactly with plain inputs and series
// inputs (one value per row). An aggregate evaluates its argument on every
// row of the series it uses; a series used outside an aggregate, or an
// aggregate over no series, is an error that says which.
func (e *Expr) EvalSeries(values map[string]*big.Rat, series map[string][]*big.Rat) (*big.Rat, error) {
	return eval(e.root, &env{values: values, series: series, row: -1})
}

// env is what a formula is evaluated in: the inputs, and the row of the
// series when inside an aggregate (-1 outside).
type env struct {
	values map[string]*big.Rat
	series map[string][]*big.Rat
	row    int
}

func eval(n node, in *env) (*big.Rat, error) {
	switch n := n.(type) {
	case num:
		return n.v, nil
	case name:
		if s, ok := in.series[n.id]; ok {
			if in.row < 0 {
				return nil, &SeriesInputError{n.id}
			}
			return s[in.row], nil
		}
		v, ok := in.values[n.id]
		if !ok {
			return nil, &MissingInputError{n.id}
		}
		return v, nil
	case unary:
		v, err := eval(n.x, in)
		if err != nil {
			return nil, err
		}
		return new(big.Rat).Neg(v), nil
	case binary:
		x, err := eval(n.x, in)
		if err != nil {
			return nil, err
		}
		y, err := eval(n.y, in)
		if err != nil {
			return nil, err
		}
		r := new(big.Rat)
		switch n.op {
		case '+':
			r.Add(x, y)
		case '-':
			r.Sub(x, y)
		case '*':
			r.Mul(x, y)
		default:
			if y.Sign() == 0 {
				return nil, ErrDivisionByZero
			}
			r.Quo(x, y)
		}
		if bits(r) > MaxBits {
			return nil, ErrTooLarge
		}
		return r, nil
	case agg:
		if in.row >= 0 {
			return nil, errors.New("an aggregate inside an aggregate")
		}
		return evalAggregate(n.fn, n.arg, n.q, in)
	case call:
		if len(n.args) == 1 && n.fn != "abs" && in.row < 0 && usesSeries(n.args[0], in) {
			return evalAggregate(n.fn, n.args[0], nil, in)
		}
		vals := make([]*big.Rat, len(n.args))
		for i, a := range n.args {
			v, err := eval(a, in)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
		switch n.fn {
		case "abs":
			return new(big.Rat).Abs(vals[0]), nil
		case "min":
			return slices.MinFunc(vals, func(a, b *big.Rat) int { return a.Cmp(b) }), nil
		}
		return slices.MaxFunc(vals, func(a, b *big.Rat) int { return a.Cmp(b) }), nil
	}
	return nil, errors.New("unknown formula node")
}

// usesSeries reports whether n uses an input given as a series.
func usesSeries(n node, in *env) bool {
	found := false
	visit(n, func(n node) {
		if nm, ok := n.(name); ok {
			_, isSeries := in.series[nm.id]
			found = found || isSeries
		}
	})
	return found
}

// Close reports whether got equals want within a relative tolerance of
// 1e-9 (exactly, for zero).
func Close(got, want *big.Rat) bool {
	if got.Cmp(want) == 0 {
		return true
	}
	diff := new(big.Rat).Sub(got, want)
	diff.Abs(diff)
	scale := new(big.Rat).Abs(want)
	if g := new(big.Rat).Abs(got); g.Cmp(scale) > 0 {
		scale = g
	}
	tol := new(big.Rat).Mul(scale, big.NewRat(1, 1_000_000_000))
	return diff.Cmp(tol) <= 0
}

// IsQuotient reports whether the formula's outermost operation is a
// division: the formula computes a share of something.
func (e *Expr) IsQuotient() bool {
	b, ok := e.root.(binary)
	return ok && b.op == '/'
}

// ScalesBy100 reports whether the formula's outermost operation multiplies
// by 100 (or divides by 0.01): it turns a share into a percentage. A
// quotient whose numerator is scaled counts: 100 * a / b parses as
// (100 * a) / b, and is a percentage.
func (e *Expr) ScalesBy100() bool { return scalesBy100(e.root) }

func scalesBy100(n node) bool {
	b, ok := n.(binary)
	if !ok {
		return false
	}
	isNum := func(n node, v *big.Rat) bool {
		x, ok := n.(num)
		return ok && x.v.Cmp(v) == 0
	}
	hundred, hundredth := big.NewRat(100, 1), big.NewRat(1, 100)
	switch b.op {
	case '*':
		return isNum(b.x, hundred) || isNum(b.y, hundred)
	case '/':
		return isNum(b.y, hundredth) || scalesBy100(b.x)
	}
	return false
}
