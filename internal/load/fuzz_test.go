package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/testtool"
	"github.com/kpilint/kpilint/schema"
)

// smallLimits keep each fuzz execution fast while exercising every limit.
var smallLimits = document.Limits{MaxFileBytes: 1 << 20, MaxNodes: 20_000, MaxDepth: 32, MaxMessage: 200}

func fuzzParse(f *testing.F, name string) {
	f.Fuzz(func(t *testing.T, data []byte) {
		file, fs := Parse(name, data, smallLimits)
		if file == nil {
			t.Fatal("Parse returned no file")
		}
		for _, x := range fs {
			if x.Rule == "internal-error" {
				t.Fatalf("loader failed: %s", x.Message)
			}
			if x.Line < 1 || x.Column < 1 {
				t.Fatalf("finding without a position: %+v", x)
			}
			if x.Rule != "syntax" && x.Rule != "schema" {
				t.Fatalf("unexpected rule %s", x.Rule)
			}
		}
	})
}

func FuzzParseYAML(f *testing.F) {
	testtool.SeedFiles(f, "../..", ".yaml")
	fuzzParse(f, "fuzz.kpi.yaml")
}

func FuzzParseJSON(f *testing.F) {
	testtool.SeedFiles(f, "../..", ".json")
	fuzzParse(f, "fuzz.kpi.json")
}

func FuzzParseCUE(f *testing.F) {
	testtool.SeedFiles(f, "../..", ".cue")
	fuzzParse(f, "fuzz.kpi.cue")
}

func FuzzDirective(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/fuzz/directive/*")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, comment string) {
		d, ok := ParseDirective(comment)
		if !ok {
			return
		}
		if d.Problem == "" && (len(d.Rules) == 0 || d.Reason == "") {
			t.Fatalf("a directive without rules or reason must be malformed: %+v", d)
		}
	})
}

// FuzzValidatorAgreesWithCUE: for any file that parses, the validator
// derived from the schema (the fast path) says valid exactly when CUE's
// own evaluation does.
func FuzzValidatorAgreesWithCUE(f *testing.F) {
	testtool.SeedFiles(f, "../..", ".yaml")
	s := schema.MustLoad()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 8<<10 {
			return // CUE's evaluation, the reference, is slow on big inputs
		}
		file, _ := Parse("fuzz.kpi.yaml", data, smallLimits)
		for _, doc := range file.Docs {
			if !finite(doc) {
				continue
			}
			fast := len(s.File.Validate(doc)) == 0
			if err := cueValid(s, doc); fast != (err == nil) {
				t.Fatalf("fast path says valid=%v, CUE says %v", fast, err)
			}
			if full := len(s.File.Check(doc, "file", doc.Anchor(), doc.AnchorWidth())) == 0; full != fast {
				t.Fatalf("the validator's quick verdict (%v) and its full check (%v) differ", fast, full)
			}
		}
	})
}
