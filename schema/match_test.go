package schema

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaPatterns are the regular expressions written in the schemas.
func schemaPatterns(t testing.TB) []string {
	var out []string
	for _, src := range []string{kpiSource, configSource} {
		for _, m := range regexp.MustCompile(`=~("(?:[^"\\]|\\.)*")`).FindAllStringSubmatch(src, -1) {
			p, err := strconv.Unquote(m[1])
			require.NoError(t, err, m[1])
			out = append(out, p)
		}
	}
	require.NotEmpty(t, out)
	return out
}

// morePatterns try what the schemas do not use: unanchored searches, $
// inside, alternations, classes beyond ASCII, and what the DFA declines.
var morePatterns = []string{
	`x-`, `^x-`, `a|b$`, `(a|ab)(c|bcd)$`, `^$`, `$`, `^`, `a*`, `^(?i)Kpi-[0-9]+$`,
	`^\p{Lu}\w+$`, `\bword\b`, `(?m)^a$`, `^[^a-z]{2,3}`, `\S+@\S+\.\S+`, `.`, `^.{1,5}$`, `$^`, `a$|^b`,
}

func TestSchemaPatternsHaveADFA(t *testing.T) {
	for _, p := range schemaPatterns(t) {
		assert.NotNil(t, buildDFA(p), "%s: the schema's patterns are matched without the regexp package", p)
	}
	assert.Nil(t, buildDFA(`\bword\b`), "\\b is not modelled")
	assert.Nil(t, buildDFA(`(?m)^a$`), "multi-line anchors are not modelled")
}

var patternTexts = []string{
	"", "a", "b", "x-", "ax-", "x", "kpi-1", "Kpi-12", "KPI-1", "kpi_1.a", "-a", "a-", "a--b", "2026-01-31", "2026-13-01",
	"2026-Q4", "2026-02", "2026", "per cent", " percent", "percent ", "a\nb", "\n", "ab", "abcd", "abc", "bcd",
	"Åsa", "é", "日本", "Ölvon", "naïve-id", "no-reply@acme.se", "x@y", "a b@c.d", "aaaaa", "aaaaaa", "Zebra", "Z",
	"0123456789012345678901234567890123456789012345678901234567890123", "a0123456789012345678901234567890123456789012345678901234567890123",
	"\x7f", "\x00", "AB", "ab\x80",
}

func TestPatternAgreesWithRegexp(t *testing.T) {
	for _, expr := range append(schemaPatterns(t), morePatterns...) {
		p, err := compilePattern(expr)
		require.NoError(t, err)
		re := regexp.MustCompile(expr)
		for _, s := range patternTexts {
			assert.Equal(t, re.MatchString(s), p.MatchString(s), "%q on %q", expr, s)
		}
	}
}

func FuzzPatternAgreesWithRegexp(f *testing.F) {
	patterns := append(schemaPatterns(f), morePatterns...)
	for i := range patterns {
		for _, s := range patternTexts {
			f.Add(uint8(i), s)
		}
	}
	compiled := make([]*pattern, len(patterns))
	for i, expr := range patterns {
		compiled[i] = must(compilePattern(expr))
	}
	f.Fuzz(func(t *testing.T, i uint8, s string) {
		p := compiled[int(i)%len(compiled)]
		if got, want := p.MatchString(s), p.regexp().MatchString(s); got != want {
			t.Fatalf("%q on %q: %v, regexp says %v", p.expr, s, got, want)
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func BenchmarkPattern(b *testing.B) {
	for _, expr := range schemaPatterns(b)[:3] {
		p := must(compilePattern(expr))
		for _, s := range []string{"kpi-delivery-on-time-368", "2026-01-31"} {
			b.Run("dfa/"+s, func(b *testing.B) {
				for b.Loop() {
					p.MatchString(s)
				}
			})
			b.Run("regexp/"+s, func(b *testing.B) {
				for b.Loop() {
					p.regexp().MatchString(s)
				}
			})
		}
	}
}

// The snapshot's patterns carry their DFAs encoded (encodeDFA): each
// decodes to the automaton buildDFA makes from its expression, and
// matches every text as the regexp package does.
func TestSnapshotPatternsCarryTheirDFAs(t *testing.T) {
	var found []*pattern
	seen := map[*Type]bool{}
	var walk func(*Type)
	walk = func(typ *Type) {
		if typ == nil || seen[typ] {
			return
		}
		seen[typ] = true
		if typ.re != nil {
			found = append(found, typ.re)
		}
		found = append(found, typ.patternREs...)
		for _, f := range typ.fields {
			walk(f.typ)
		}
		for _, group := range [][]*Type{typ.and, typ.or, typ.patternTypes} {
			for _, x := range group {
				walk(x)
			}
		}
		walk(typ.elem)
	}
	snap := snapshotted()
	walk(snap.file)
	walk(snap.config)
	require.NotEmpty(t, found)
	for _, p := range found {
		require.True(t, p.snapshot, p.expr)
		assert.Equal(t, buildDFA(p.expr), p.automaton(), p.expr)
		for _, s := range patternTexts {
			assert.Equal(t, regexp.MustCompile(p.expr).MatchString(s), p.MatchString(s), "%q on %q", p.expr, s)
		}
	}
	assert.Nil(t, decodeDFA(""))
	assert.Nil(t, decodeDFA("not base64!"))
	assert.Nil(t, decodeDFA(encodeDFA(buildDFA("^a$"))[:8]))
}
