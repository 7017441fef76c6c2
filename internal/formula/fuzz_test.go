package formula

import (
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func FuzzFormula(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/fuzz/formula/*")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		f.Add(string(data), int64(3), int64(7))
	}
	f.Fuzz(func(t *testing.T, src string, a, b int64) {
		e, err := Parse(src)
		if err != nil {
			return
		}
		in := map[string]*big.Rat{}
		for i, name := range e.Names() {
			in[name] = big.NewRat(a+int64(i), b|1)
		}
		got, err := e.Eval(in)
		if err == nil && got == nil {
			t.Fatal("no value and no error")
		}
		// Every name the formula uses was given, so no input is missing.
		var missing *MissingInputError
		if errors.As(err, &missing) {
			t.Fatalf("missing input although all names were given: %v", err)
		}
	})
}

// Wherever the fast parser answers, it agrees with the CUE-based one: the
// same names, and the same value on the same inputs.
func FuzzFastParserAgrees(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/fuzz/formula/*")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, src string) {
		fast, ok := parseFast(src)
		if !ok {
			return
		}
		ref, err := parseCUE(src)
		if err != nil {
			t.Fatalf("fast parser accepts %q, CUE rejects it: %v", src, err)
		}
		if !slices.Equal(fast.Names(), ref.Names()) {
			t.Fatalf("%q: names %v vs %v", src, fast.Names(), ref.Names())
		}
		in := map[string]*big.Rat{}
		for i, n := range fast.Names() {
			in[n] = big.NewRat(int64(i+2), 3)
		}
		a, errA := fast.Eval(in)
		b, errB := ref.Eval(in)
		if (errA == nil) != (errB == nil) || errA == nil && a.Cmp(b) != 0 {
			t.Fatalf("%q: fast %v (%v), CUE %v (%v)", src, a, errA, b, errB)
		}
	})
}

// smallDecimal reads a literal only if ratLiteral reads it too, to the
// same value.
func FuzzSmallDecimal(f *testing.F) {
	for _, s := range []string{"0", "45", "-3", "+7", "0.5", ".5", "5.", "007", "-0", "-.5", "123456789012345678",
		"1234567890123456789", "1e3", "1_000", "0x1F", ".", "-", "", "1.2.3", "99.999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lit string) {
		fast, ok := smallDecimal(lit)
		if !ok {
			return
		}
		slow, sok := ratLiteral(lit)
		if !sok || fast.Cmp(slow) != 0 {
			t.Fatalf("%q: smallDecimal %v, ratLiteral %v (%v)", lit, fast, slow, sok)
		}
	})
}

// BenchmarkRat: the literals examples are written in, through smallDecimal
// and through the general reader.
func BenchmarkRat(b *testing.B) {
	lits := []string{"45", "0.5", "-12.25"}
	b.Run("small", func(b *testing.B) {
		for b.Loop() {
			for _, l := range lits {
				Rat(l)
			}
		}
	})
	b.Run("general", func(b *testing.B) {
		for b.Loop() {
			for _, l := range lits {
				ratLiteral(l)
			}
		}
	})
}
