package formula

import (
	"math/big"
	mbits "math/bits"
)

// Small is an exact rational whose numerator and denominator are below
// 2⁶², reduced, with a positive denominator: what nearly every formula
// example computes with (45 / 50 * 100). EvalSmall computes in it without
// allocating, where Eval's big.Rat arithmetic was a fifth of everything a
// lint of a million KPIs allocated.
type Small struct{ n, d int64 }

// smallLimit bounds a Small's parts, so a sum of two products fits in an
// int64 before it is checked.
const smallLimit = 1 << 62

// SmallLiteral reads a literal of a sign, at most 18 digits and a point
// as a Small; ok is false for any other literal. It is smallDecimal's
// reader, held to the general one by FuzzSmallDecimal.
func SmallLiteral(lit string) (Small, bool) {
	i, neg := 0, false
	if i < len(lit) && (lit[i] == '-' || lit[i] == '+') {
		neg, i = lit[i] == '-', i+1
	}
	var mant, den int64 = 0, 1
	digits, point := 0, false
	for ; i < len(lit); i++ {
		switch c := lit[i]; {
		case '0' <= c && c <= '9':
			if digits == 18 {
				return Small{}, false
			}
			mant = mant*10 + int64(c-'0')
			digits++
			if point {
				den *= 10
			}
		case c == '.' && !point:
			point = true
		default:
			return Small{}, false
		}
	}
	if digits == 0 {
		return Small{}, false
	}
	if neg {
		mant = -mant
	}
	return lowest(mant, den), true
}

// newNum is the node of a number literal, with its Small when it has one.
func newNum(r *big.Rat) num {
	s, ok := smallOf(r)
	return num{v: r, s: s, small: ok}
}

// smallOf is r as a Small, if its parts are small enough.
func smallOf(r *big.Rat) (Small, bool) {
	n, d := r.Num(), r.Denom()
	if !n.IsInt64() || !d.IsInt64() {
		return Small{}, false
	}
	s := Small{n.Int64(), d.Int64()}
	return s, inRange(s.n) && s.d < smallLimit
}

// Rat is s as a big.Rat.
func (s Small) Rat() *big.Rat { return big.NewRat(s.n, s.d) }

// EvalSmall evaluates the formula in Small rationals, reading each input
// through input. ok is false wherever it cannot give the value EvalSeries
// would give: an input it has no Small for, a part past 2⁶², a division
// by zero, an aggregate; then EvalSeries decides (and says what is wrong).
// Where ok is true the value is the one EvalSeries gives (exactly), which
// FuzzEvalSmallAgrees holds it to.
func (e *Expr) EvalSmall(input func(name string) (Small, bool)) (Small, bool) {
	return evalSmall(e.root, input)
}

func evalSmall(n node, input func(string) (Small, bool)) (Small, bool) {
	switch n := n.(type) {
	case num:
		return n.s, n.small
	case name:
		return input(n.id)
	case unary:
		v, ok := evalSmall(n.x, input)
		return Small{-v.n, v.d}, ok
	case binary:
		x, ok := evalSmall(n.x, input)
		if !ok {
			return Small{}, false
		}
		y, ok := evalSmall(n.y, input)
		if !ok {
			return Small{}, false
		}
		switch n.op {
		case '+':
			return x.add(y)
		case '-':
			return x.add(Small{-y.n, y.d})
		case '*':
			return x.mul(y)
		}
		if y.n == 0 {
			return Small{}, false
		}
		return x.mul(Small{y.d, y.n}.normal())
	case call:
		var out Small
		for i, a := range n.args {
			v, ok := evalSmall(a, input)
			if !ok {
				return Small{}, false
			}
			if i == 0 {
				out = v
				continue
			}
			c, ok := v.cmp(out)
			if !ok {
				return Small{}, false
			}
			if n.fn == "min" && c < 0 || n.fn == "max" && c > 0 {
				out = v
			}
		}
		if n.fn == "abs" {
			if len(n.args) != 1 {
				return Small{}, false
			}
			out.n = max(out.n, -out.n)
		}
		return out, len(n.args) > 0
	}
	return Small{}, false // an aggregate: series are not Small
}

// normal gives s a positive denominator (after a reciprocal).
func (s Small) normal() Small {
	if s.d < 0 {
		return Small{-s.n, -s.d}
	}
	return s
}

func (s Small) add(t Small) (Small, bool) {
	a, ok1 := mul(s.n, t.d)
	b, ok2 := mul(t.n, s.d)
	d, ok3 := mul(s.d, t.d)
	if !ok1 || !ok2 || !ok3 || !inRange(a+b) {
		return Small{}, false
	}
	return lowest(a+b, d), true
}

func (s Small) mul(t Small) (Small, bool) {
	// Cross-reduce first, so 45/50 · 100 stays small.
	g1, g2 := gcd(s.n, t.d), gcd(t.n, s.d)
	n, ok1 := mul(s.n/g1, t.n/g2)
	d, ok2 := mul(s.d/g2, t.d/g1)
	if !ok1 || !ok2 {
		return Small{}, false
	}
	return lowest(n, d), true
}

// cmp compares s with t: -1, 0 or 1.
func (s Small) cmp(t Small) (int, bool) {
	a, ok1 := mul(s.n, t.d)
	b, ok2 := mul(t.n, s.d)
	switch {
	case !ok1 || !ok2:
		return 0, false
	case a < b:
		return -1, true
	case a > b:
		return 1, true
	}
	return 0, true
}

// mul is a·b if its magnitude is below 2⁶².
func mul(a, b int64) (int64, bool) {
	hi, lo := mbits.Mul64(abs64(a), abs64(b))
	if hi != 0 || lo >= smallLimit {
		return 0, false
	}
	p := int64(lo) //nolint:gosec // below 2⁶², checked above
	if (a < 0) != (b < 0) {
		p = -p
	}
	return p, true
}

func inRange(n int64) bool { return n > -smallLimit && n < smallLimit }

// abs64 is |n| for the parts of a Small (never the smallest int64).
func abs64(n int64) uint64 {
	if n < 0 {
		return uint64(-n)
	}
	return uint64(n)
}

// lowest is n/d in lowest terms, d > 0 given.
func lowest(n, d int64) Small {
	if g := gcd(n, d); g > 1 {
		n, d = n/g, d/g
	}
	return Small{n, d}
}

// gcd is the greatest common divisor of |a| and |b| (1 when both are 0,
// so it always divides).
func gcd(a, b int64) int64 {
	x, y := abs64(a), abs64(b)
	for y != 0 {
		x, y = y, x%y
	}
	if x == 0 {
		return 1
	}
	return int64(x) //nolint:gosec // at most |a| or |b|
}
