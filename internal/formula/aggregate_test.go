package formula

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func series(vals ...string) []*big.Rat {
	out := make([]*big.Rat, len(vals))
	for i, v := range vals {
		out[i], _ = Rat(v)
	}
	return out
}

// Aggregates against values computed by hand (and, for the percentiles,
// checked against numpy.percentile's default, linear interpolation).
func TestAggregatesAgainstHandComputedValues(t *testing.T) {
	one := func(vals ...string) map[string][]*big.Rat { return map[string][]*big.Rat{"x": series(vals...)} }
	ten := one("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")
	cases := []struct {
		formula string
		series  map[string][]*big.Rat
		want    string
	}{
		{"sum(x)", one("1", "2", "3"), "6"},
		{"sum(x)", one(), "0"},
		{"count(x)", one("5", "5", "7"), "3"},
		{"count_distinct(x)", one("5", "5", "7", "0.50", "0.5"), "3"},
		{"mean(x)", one("1", "2", "3", "4"), "5/2"},
		{"avg(x)", one("0.1", "0.2"), "3/20"},
		{"median(x)", one("3", "1", "2"), "2"},
		{"median(x)", one("4", "1", "3", "2"), "5/2"}, // the mean of the middle two
		{"median(x)", one("7"), "7"},
		{"p90(x)", ten, "91/10"},                                       // rank 8.1: 9 + 0.1·(10 − 9)
		{"percentile(x, 40)", one("15", "20", "35", "40", "50"), "29"}, // rank 1.6: 20 + 0.6·15
		{"percentile(x, 0)", ten, "1"},
		{"percentile(x, 100)", ten, "10"},
		{"p50(x)", one("1", "2", "3", "4"), "5/2"},
		{"p99(x)", one("0", "100"), "99"},
		{"min(x)", one("3", "-1", "2"), "-1"},
		{"max(x) - min(x)", one("3", "-1", "2"), "4"},
		{"sum(satisfied) / count(satisfied) * 100", map[string][]*big.Rat{"satisfied": series("1", "0", "1", "1")}, "75"},
		{"mean(deployed_at - merged_at)", map[string][]*big.Rat{"deployed_at": series("10", "20"), "merged_at": series("4", "18")}, "4"},
		{"sum(x * weight) / sum(x)", map[string][]*big.Rat{"x": series("1", "3")}, "2"}, // weight is a plain input, the same on every row
	}
	for _, c := range cases {
		e, err := Parse(c.formula)
		require.NoError(t, err, c.formula)
		got, err := e.EvalSeries(map[string]*big.Rat{"weight": big.NewRat(2, 1)}, c.series)
		require.NoError(t, err, c.formula)
		assert.Equal(t, c.want, got.RatString(), c.formula)
		assert.True(t, e.HasAggregate(), c.formula)
	}
}

func TestAggregatesRejectWhatIsNotAnAggregate(t *testing.T) {
	for src, why := range map[string]string{
		"sum(5)":             "uses no input",
		"percentile(x, 101)": "from 0 to 100",
		"percentile(x, -1)":  "from 0 to 100",
		"percentile(x, q)":   "from 0 to 100",
		"percentile(x)":      "two arguments",
		"sum(x, y)":          "one argument",
		"mean(sum(x))":       "another aggregate",
		"sum(max(x))":        "another aggregate",
		"p100(x)":            "only min, max, abs",
		"p05(x)":             "only min, max, abs",
		"stddev(x)":          "only min, max, abs",
	} {
		_, err := Parse(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), why, src)
	}
}

// A list where a number is expected, or a number where a list is, is an
// error that names the input.
func TestSeriesAndPlainInputsAreNotMixedUp(t *testing.T) {
	e, err := Parse("a / b * 100")
	require.NoError(t, err)
	_, err = e.EvalSeries(map[string]*big.Rat{"b": big.NewRat(2, 1)}, map[string][]*big.Rat{"a": series("1", "2")})
	var se *SeriesInputError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "a", se.Name)

	e, err = Parse("mean(duration)")
	require.NoError(t, err)
	_, err = e.Eval(map[string]*big.Rat{"duration": big.NewRat(3, 1)})
	var ns *NotSeriesError
	require.ErrorAs(t, err, &ns)

	e, err = Parse("sum(a - b)")
	require.NoError(t, err)
	_, err = e.EvalSeries(nil, map[string][]*big.Rat{"a": series("1", "2"), "b": series("1")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "do not line up")

	e, err = Parse("median(x)")
	require.NoError(t, err)
	_, err = e.EvalSeries(nil, map[string][]*big.Rat{"x": {}})
	assert.ErrorContains(t, err, "no values")
	_, err = e.EvalSeries(nil, map[string][]*big.Rat{"x": make([]*big.Rat, MaxSeries+1)})
	assert.ErrorContains(t, err, "more than")

	// With one argument over a plain input, min and max are that input.
	e, err = Parse("max(a)")
	require.NoError(t, err)
	got, err := e.Eval(map[string]*big.Rat{"a": big.NewRat(4, 1)})
	require.NoError(t, err)
	assert.Equal(t, "4", got.RatString())
}

func TestUnicodeInputNames(t *testing.T) {
	e, err := Parse("elever_åk9_behöriga / elever_åk9 * 100")
	require.NoError(t, err)
	assert.Equal(t, []string{"elever_åk9_behöriga", "elever_åk9"}, e.Names())
	got, err := e.Eval(map[string]*big.Rat{"elever_åk9_behöriga": big.NewRat(73, 1), "elever_åk9": big.NewRat(100, 1)})
	require.NoError(t, err)
	assert.Equal(t, "73", got.RatString())
}
