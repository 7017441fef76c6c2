package formula

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// Aggregates are the functions that reduce a series input (a list of
// values in an example, a column in the data) to one number. min and max
// with one argument over a series are aggregates too. pNN, for NN from 1
// to 99, is percentile(x, NN).
var Aggregates = []string{"sum", "count", "count_distinct", "mean", "avg", "median", "percentile"}

// MaxSeries bounds the values of one series input in an example.
const MaxSeries = 100_000

// agg is an aggregate over the rows of its argument.
type agg struct {
	fn  string   // sum, count, count_distinct, mean, median, percentile, min, max
	arg node     // evaluated once per row
	q   *big.Rat // percentile's q, 0 to 100
}

// isFunction reports whether a formula may call name.
func isFunction(name string) bool {
	return slices.Contains(Functions, name) || slices.Contains(Aggregates, name) || percentileName(name) > 0
}

// percentileName reads pNN (p1 … p99); 0 when name is not one.
func percentileName(name string) int {
	digits, ok := strings.CutPrefix(name, "p")
	if !ok || digits == "" || len(digits) > 2 || digits[0] == '0' {
		return 0
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return 0
	}
	return n
}

// newCall checks a call's arguments and builds its node. Both parsers use
// it, so they accept and build the same calls.
func newCall(fn string, args []node) (node, error) {
	switch fn {
	case "abs":
		if len(args) != 1 {
			return nil, errors.New("abs takes one argument")
		}
		return call{fn: fn, args: args}, nil
	case "min", "max":
		if len(args) == 0 {
			return nil, fmt.Errorf("%s takes one or more arguments", fn)
		}
		if len(args) == 1 {
			if err := aggregateArg(fn, args[0]); err != nil {
				return nil, err
			}
		}
		return call{fn: fn, args: args}, nil
	case "percentile":
		if len(args) != 2 {
			return nil, errors.New("percentile takes two arguments: percentile(x, q) with q from 0 to 100")
		}
		q, ok := args[1].(num)
		if !ok || q.v.Sign() < 0 || q.v.Cmp(big.NewRat(100, 1)) > 0 {
			return nil, errors.New("percentile's q must be a number from 0 to 100, as in percentile(x, 90)")
		}
		if err := aggregateArg(fn, args[0]); err != nil {
			return nil, err
		}
		return agg{fn: fn, arg: args[0], q: q.v}, nil
	}
	if n := percentileName(fn); n > 0 {
		if len(args) != 1 {
			return nil, fmt.Errorf("%s takes one argument", fn)
		}
		if err := aggregateArg(fn, args[0]); err != nil {
			return nil, err
		}
		return agg{fn: "percentile", arg: args[0], q: big.NewRat(int64(n), 1)}, nil
	}
	if !slices.Contains(Aggregates, fn) {
		return nil, fmt.Errorf("%s is not a function a formula may call", fn)
	}
	if len(args) != 1 {
		return nil, fmt.Errorf("%s takes one argument", fn)
	}
	if err := aggregateArg(fn, args[0]); err != nil {
		return nil, err
	}
	if fn == "avg" {
		fn = "mean"
	}
	return agg{fn: fn, arg: args[0]}, nil
}

// aggregateArg checks what an aggregate runs over: an expression of one
// row that uses at least one input, and no aggregate of its own.
func aggregateArg(fn string, arg node) error {
	hasName, nested := false, false
	visit(arg, func(n node) {
		switch n := n.(type) {
		case name:
			hasName = true
		case agg:
			nested = true
		case call:
			if len(n.args) == 1 && (n.fn == "min" || n.fn == "max") {
				nested = nested || usesName(n.args[0])
			}
		}
	})
	if nested {
		return fmt.Errorf("%s's argument contains another aggregate: an aggregate runs over the values of one row", fn)
	}
	if !hasName {
		return fmt.Errorf("%s's argument uses no input: aggregate an input, as in %s(duration)", fn, fn)
	}
	return nil
}

func usesName(n node) bool {
	found := false
	visit(n, func(n node) {
		if _, ok := n.(name); ok {
			found = true
		}
	})
	return found
}

// HasAggregate reports whether the formula aggregates a series.
func (e *Expr) HasAggregate() bool {
	found := false
	visit(e.root, func(n node) {
		switch n := n.(type) {
		case agg:
			found = true
		case call:
			found = found || len(n.args) == 1 && (n.fn == "min" || n.fn == "max")
		}
	})
	return found
}

// SeriesInputError is a series input used where one number is needed.
type SeriesInputError struct{ Name string }

func (e *SeriesInputError) Error() string {
	return fmt.Sprintf("input %q is a list of values, but the formula uses it as one number (outside an aggregate such as sum or mean)", e.Name)
}

// NotSeriesError is an aggregate over inputs none of which is a series.
type NotSeriesError struct{ Fn string }

func (e *NotSeriesError) Error() string {
	return fmt.Sprintf("%s aggregates a series, but no input in its argument is given as a list of values", e.Fn)
}

// evalAggregate evaluates the aggregate's argument on every row of the
// series it uses, then reduces the values.
func evalAggregate(fn string, arg node, q *big.Rat, in *env) (*big.Rat, error) {
	rows := -1
	var first string
	var err error
	visit(arg, func(n node) {
		nm, ok := n.(name)
		if !ok || err != nil {
			return
		}
		s, isSeries := in.series[nm.id]
		switch {
		case !isSeries:
		case rows < 0:
			rows, first = len(s), nm.id
		case len(s) != rows:
			err = fmt.Errorf("the series %q has %d values and %q has %d: the rows do not line up", first, rows, nm.id, len(s))
		}
	})
	if err != nil {
		return nil, err
	}
	if rows < 0 {
		return nil, &NotSeriesError{fn}
	}
	if rows > MaxSeries {
		return nil, fmt.Errorf("the series %q has more than %d values", first, MaxSeries)
	}
	vals := make([]*big.Rat, rows)
	for i := range rows {
		if vals[i], err = eval(arg, &env{values: in.values, series: in.series, row: i}); err != nil {
			return nil, err
		}
	}
	return reduce(fn, vals, q)
}

func reduce(fn string, vals []*big.Rat, q *big.Rat) (*big.Rat, error) {
	switch fn {
	case "count":
		return big.NewRat(int64(len(vals)), 1), nil
	case "sum":
		sum := new(big.Rat)
		for _, v := range vals {
			if sum.Add(sum, v); bits(sum) > MaxBits {
				return nil, ErrTooLarge
			}
		}
		return sum, nil
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("%s of no values", fn)
	}
	sorted := slices.Clone(vals)
	slices.SortFunc(sorted, func(a, b *big.Rat) int { return a.Cmp(b) })
	switch fn {
	case "count_distinct":
		n := int64(1)
		for i := 1; i < len(sorted); i++ {
			if sorted[i].Cmp(sorted[i-1]) != 0 {
				n++
			}
		}
		return big.NewRat(n, 1), nil
	case "mean":
		sum, err := reduce("sum", vals, nil)
		if err != nil {
			return nil, err
		}
		return sum.Quo(sum, big.NewRat(int64(len(vals)), 1)), nil
	case "median":
		return percentile(sorted, big.NewRat(50, 1)), nil
	case "percentile":
		return percentile(sorted, q), nil
	case "min":
		return sorted[0], nil
	case "max":
		return sorted[len(sorted)-1], nil
	}
	return nil, fmt.Errorf("unknown aggregate %s", fn)
}

// percentile is the q-th percentile of sorted values by linear
// interpolation between the closest ranks (numpy's default): the rank is
// q/100·(n−1), and a rank between two values takes the point between them.
// The median of an even count is thus the mean of the middle two.
func percentile(sorted []*big.Rat, q *big.Rat) *big.Rat {
	rank := new(big.Rat).Mul(q, big.NewRat(int64(len(sorted)-1), 100))
	lo := new(big.Int).Quo(rank.Num(), rank.Denom()).Int64() // floor: rank ≥ 0
	frac := new(big.Rat).Sub(rank, new(big.Rat).SetInt64(lo))
	if frac.Sign() == 0 || int(lo)+1 >= len(sorted) {
		return sorted[lo]
	}
	step := new(big.Rat).Sub(sorted[lo+1], sorted[lo])
	return step.Add(sorted[lo], step.Mul(step, frac))
}
