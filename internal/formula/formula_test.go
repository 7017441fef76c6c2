package formula

import (
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rats(kv map[string]string) map[string]*big.Rat {
	out := map[string]*big.Rat{}
	for k, v := range kv {
		r, _ := Rat(v)
		out[k] = r
	}
	return out
}

func TestParseAcceptsArithmetic(t *testing.T) {
	for _, src := range []string{
		"satisfied / responses * 100",
		"(promoters - detractors) / answers * 100",
		"min(a, b) + max(c, 1, 2) - abs(d)",
		"-a + 2.5e3",
		"total_wait / answered",
	} {
		_, err := Parse(src)
		assert.NoError(t, err, src)
	}
}

func TestParseRejectsProse(t *testing.T) {
	for _, src := range []string{
		"sum of all invoices, roughly",
		"revenue?",
		"a % b",
		"a && b",
		`"text"`,
		"sqrt(a)",
		"a.b",
		"a[0]",
		"{a: 1}",
		"",
		"abs(a, b)",
		"if x",
	} {
		_, err := Parse(src)
		assert.Error(t, err, src)
	}
}

func TestNamesAndDivision(t *testing.T) {
	e, err := Parse("(a - b) / a * 100 + min(c, a)")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c"}, e.Names())
	assert.True(t, e.HasDivision())
	e, _ = Parse("a + b * 2")
	assert.False(t, e.HasDivision())
}

func TestEvalIsExact(t *testing.T) {
	e, err := Parse("a + b - c")
	require.NoError(t, err)
	got, err := e.Eval(rats(map[string]string{"a": "0.1", "b": "0.2", "c": "0.3"}))
	require.NoError(t, err)
	assert.Equal(t, 0, got.Sign(), "0.1 + 0.2 - 0.3 is exactly zero in rationals")

	e, _ = Parse("satisfied / responses * 100")
	got, err = e.Eval(rats(map[string]string{"satisfied": "45", "responses": "50"}))
	require.NoError(t, err)
	assert.Equal(t, "90", got.RatString())

	_, err = e.Eval(rats(map[string]string{"satisfied": "45", "responses": "0"}))
	assert.ErrorIs(t, err, ErrDivisionByZero)

	_, err = e.Eval(rats(map[string]string{"satisfied": "45"}))
	var missing *MissingInputError
	require.ErrorAs(t, err, &missing)
	assert.Equal(t, "responses", missing.Name)

	e, _ = Parse("max(a, b) - min(a, b) + abs(-3)")
	got, _ = e.Eval(rats(map[string]string{"a": "2", "b": "7"}))
	assert.Equal(t, "8", got.RatString())
}

func TestClose(t *testing.T) {
	third := big.NewRat(1, 3)
	approx, _ := Rat("0.3333333333333")
	assert.True(t, Close(third, approx))
	rough, _ := Rat("0.3333")
	assert.False(t, Close(third, rough))
	assert.True(t, Close(new(big.Rat), new(big.Rat)))
	assert.False(t, Close(big.NewRat(1, 1_000_000_000_000), new(big.Rat)))
}

// A formula scaled by 100 is a percentage wherever the 100 stands in the
// product: found on GitLab's availability KPI, written 100 * good / total.
func TestScalesBy100(t *testing.T) {
	for src, want := range map[string]bool{
		"good / total * 100":         true,
		"100 * good / total":         true,
		"(100 * good) / total":       true,
		"good / (total * 0.01)":      false,
		"good / total / 0.01":        true,
		"good / total":               false,
		"100 - good / total":         false,
		"2 * good / total":           false,
		"(good - bad) / total * 100": true,
	} {
		e, err := Parse(src)
		require.NoError(t, err, src)
		assert.Equal(t, want, e.ScalesBy100(), src)
	}
}

// Exact arithmetic is bounded: a literal with a huge exponent is not a
// number kpilint computes with, and a chain of products stops at MaxBits
// with ErrTooLarge instead of running for minutes.
func TestExactArithmeticIsBounded(t *testing.T) {
	_, ok := Rat("1e-999999")
	assert.False(t, ok)
	_, ok = Rat("1e300")
	assert.True(t, ok)
	_, ok = Rat(strings.Repeat("9", 5000))
	assert.False(t, ok)

	src := "a" + strings.Repeat(" * a", 200)
	e, err := Parse(src)
	require.NoError(t, err)
	big1, _ := Rat("123456789.987654321")
	_, err = e.Eval(map[string]*big.Rat{"a": big1})
	assert.ErrorIs(t, err, ErrTooLarge)

	e, err = Parse("sum(x)")
	require.NoError(t, err)
	var series []*big.Rat
	for i := range 2000 {
		series = append(series, big.NewRat(1, int64(2*i+3)))
	}
	_, err = e.EvalSeries(nil, map[string][]*big.Rat{"x": series})
	assert.ErrorIs(t, err, ErrTooLarge)
}

// BenchmarkWorstFormulaExample is the attack review's case: a 2 KB product
// of inputs near the exponent bound. Bounded, one evaluation is
// microseconds to milliseconds, not minutes.
func BenchmarkWorstFormulaExample(b *testing.B) {
	src := "a" + strings.Repeat(" * a / b", 130)
	e, err := Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	a, _ := Rat("1e-300")
	c, _ := Rat("3e299")
	for b.Loop() {
		_, _ = e.Eval(map[string]*big.Rat{"a": a, "b": c})
	}
}
