package document

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/kpilint/kpilint/internal/libyaml"
)

// sameCatalogue is one catalogue of about 5 MB written three ways: as
// YAML, and as the JSON and CUE of the same tree.
func sameCatalogue(tb testing.TB) map[string][]byte {
	tb.Helper()
	var y strings.Builder
	y.WriteString("kpis:\n")
	for i := 0; y.Len() < 5<<20; i++ {
		fmt.Fprintf(&y, `  - id: kpi-%d
    name: Kundnöjdhet för ärende %d
    scope: support
    goal: [loved-brand, fast-help]
    owner: {name: Åsa Öberg, role: Head of Support, unit: support}
    measure:
      formula: satisfied / responses * 100
      unit: percent
      inputs:
        satisfied: {description: svar med 4 eller 5, source: survey.responses}
        responses: {description: alla svar, source: survey.responses}
      examples:
        - {inputs: {satisfied: 45, responses: 50}, expect: 90}
    target: {value: 85, date: 2027-12-31}
    cadence: {measure: weekly, review: monthly, forum: Support leadership}
`, i, i)
	}
	docs, perr := parseYAML([]byte(y.String()), DefaultLimits)
	if perr != nil {
		tb.Fatal(perr)
	}
	kpis, err := json.MarshalIndent(docs[0].Get("kpis").Interface(), "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return map[string][]byte{
		"yaml": []byte(y.String()),
		"json": []byte(`{"kpis": ` + string(kpis) + "}\n"),
		"cue":  []byte("kpis: " + string(kpis) + "\n"),
	}
}

// BenchmarkParse5MB parses the same 5 MB catalogue as YAML, JSON and CUE.
// CUE positions come from the line index (before it, every token rescanned
// the file from the start and 5 MB took half a minute); JSON has a scanner
// of its own that counts lines as it goes, five times faster than
// encoding/json's Decoder.Token was (BENCHMARKS.md has the figures).
func BenchmarkParse5MB(b *testing.B) {
	files := sameCatalogue(b)
	lim := DefaultLimits
	lim.MaxNodes = 1 << 24
	for _, name := range []string{"yaml", "json", "cue"} {
		b.Run(name, func(b *testing.B) {
			data := files[name]
			f := Named(name)
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, perr := f.Parse("bench."+name, data, lim, nil); perr != nil {
					b.Fatal(perr)
				}
			}
		})
	}
	// The YAML without the fast path (yaml_fast.go): libyaml's events.
	b.Run("yaml-libyaml", func(b *testing.B) {
		data := files["yaml"]
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, perr := compose(libyaml.NewParser(data), lim); perr != nil {
				b.Fatal(perr)
			}
		}
	})
}

// The three renderings are the same catalogue: the same tree, key for key.
func TestSameCatalogueParsesAlikeInEveryFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("5 MB catalogue")
	}
	files := sameCatalogue(t)
	lim := DefaultLimits
	lim.MaxNodes = 1 << 24
	var first string
	for _, name := range []string{"yaml", "json", "cue"} {
		docs, perr := Named(name).Parse("x."+name, files[name], lim, nil)
		if perr != nil {
			t.Fatalf("%s: %v", name, perr)
		}
		got, err := json.Marshal(docs[0].Interface())
		if err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = string(got)
		} else if string(got) != first {
			t.Errorf("%s parses to a different tree than yaml", name)
		}
	}
}
