package formula

import (
	"errors"
	"math/big"
	"os"
	"path/filepath"
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
