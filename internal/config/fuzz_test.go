package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func FuzzConfig(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/fuzz/config/*")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("/fuzz/kpilint.yaml", data)
		if err == nil {
			if c == nil || c.Root != "/fuzz" {
				t.Fatalf("valid configuration without a root: %+v", c)
			}
			return
		}
		var ce *Error
		if errors.As(err, &ce) && (ce.Pos.Line < 1 || ce.Pos.Col < 1) {
			t.Fatalf("configuration error without a position: %v", err)
		}
	})
}
