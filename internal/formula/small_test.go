package formula

import (
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// EvalSmall answers the examples as they are usually written, and
// declines (ok false) where Eval has an error to give or numbers past
// its parts.
func TestEvalSmall(t *testing.T) {
	in := map[string]string{"on_time": "45", "delivered": "50", "a": "0.1", "b": "0.2", "zero": "0", "big": "123456789012345678"}
	input := func(name string) (Small, bool) {
		lit, ok := in[name]
		if !ok {
			return Small{}, false
		}
		return SmallLiteral(lit)
	}
	for src, want := range map[string]string{
		"on_time / delivered * 100":       "90",
		"100 * on_time / delivered":       "90",
		"a + b":                           "3/10",
		"(delivered - on_time) / on_time": "1/9",
		"-a + 1.5":                        "7/5",
		"min(on_time, delivered, 3)":      "3",
		"max(a, b)":                       "1/5",
		"abs(a - b)":                      "1/10",
		"big / big":                       "1",
	} {
		e, err := Parse(src)
		require.NoError(t, err, src)
		got, ok := e.EvalSmall(input)
		require.True(t, ok, src)
		assert.Equal(t, want, got.Rat().RatString(), src)
	}
	for _, src := range []string{
		"on_time / zero",  // Eval's ErrDivisionByZero
		"missing + 1",     // Eval's MissingInputError
		"big * big",       // past 2⁶²
		"sum(on_time)",    // an aggregate
		"on_time * 1e400", // a literal with no Small
	} {
		e, err := Parse(src)
		if err != nil {
			continue // refused before evaluation: nothing to decline
		}
		_, ok := e.EvalSmall(input)
		assert.False(t, ok, src)
	}
}

// Wherever EvalSmall answers, Eval gives the same value and no error.
func FuzzEvalSmallAgrees(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/fuzz/formula/*")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		f.Add(string(data), int64(45), int64(50), int64(7))
	}
	f.Add("a / b * 100", int64(45), int64(50), int64(1))
	f.Add("(a - b) / c + min(a, b, c) - abs(c)", int64(-3), int64(1<<40), int64(1<<21))
	f.Fuzz(func(t *testing.T, src string, a, b, c int64) {
		e, err := Parse(src)
		if err != nil {
			return
		}
		values := map[string]*big.Rat{}
		smalls := map[string]Small{}
		for i, name := range e.Names() {
			v := big.NewRat([]int64{a, b, c}[i%3], int64(i%4+1))
			if i%5 == 4 {
				continue // now and then an input is missing
			}
			values[name] = v
			if s, ok := smallOf(v); ok {
				smalls[name] = s
			}
		}
		got, ok := e.EvalSmall(func(name string) (Small, bool) {
			s, ok := smalls[name]
			return s, ok
		})
		if !ok {
			return
		}
		want, err := e.Eval(values)
		if err != nil || want.Cmp(got.Rat()) != 0 {
			t.Fatalf("%q: EvalSmall %v, Eval %v (%v)", src, got.Rat(), want, err)
		}
	})
}
