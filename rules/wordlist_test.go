package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func normalizeNFKC(s string) string { return norm.NFKC.String(s) }

// The straightforward matcher the indexed one replaced: each phrase of the
// list searched for in turn. It is the reference for the tests below.
func refAll(l *wordList, t string) []match {
	var out []match
	for i, p := range l.phrases {
		for m, ok := findPhrase(t, p, 0); ok; m, ok = findPhrase(t, p, m.start+1) {
			m.index = i
			out = append(out, m)
		}
	}
	return out
}

func refPrefix(l *wordList, t string) (match, bool) {
	for i, p := range l.phrases {
		if m := (match{p, 0, len(p), i}); strings.HasPrefix(t, p) && bounded(t, m) {
			return m, true
		}
	}
	return match{}, false
}

// wordListTexts puts every phrase of every list into contexts that make it
// a whole word or not: other words around it, letters glued on either
// side, punctuation, capitals, non-ASCII letters, two phrases together.
func wordListTexts() []string {
	var phrases []string
	for _, l := range lists() {
		phrases = append(phrases, l.phrases...)
	}
	var out []string
	for i, p := range phrases {
		next := phrases[(i*7+3)%len(phrases)]
		for _, f := range []string{"%s", "x%s", "%sx", "the %s of it", "é%s", "%s-", "(%s)", "%s, %s",
			"Q3 %s 2027", "%s %s", "%s above 85 %%", "  %s\t%s  ", "ÅR %s"} {
			t := strings.ReplaceAll(f, "%%", "%")
			t = strings.Replace(t, "%s", p, 1)
			t = strings.Replace(t, "%s", next, 1)
			out = append(out, t, strings.ToUpper(t))
		}
	}
	return append(out, "", " ", "-", "n/a", "Increase in revenue", "Customer satisfaction (CSAT)", "Öka försäljningen till 2027")
}

func TestWordListMatchesReference(t *testing.T) {
	texts := wordListTexts()
	require.Greater(t, len(texts), 5000)
	found := 0
	for concept, l := range lists() {
		for _, text := range texts {
			n := normalize(text)
			want := refAll(l, n)
			got := l.all(n)
			if len(want) == 0 {
				assert.Empty(t, got, "%s: %q", concept, text)
			} else {
				assert.Equal(t, want, got, "%s: %q", concept, text)
				found++
			}
			wm, wok := refPrefix(l, n)
			gm, gok := l.prefix(text)
			assert.Equal(t, wok, gok, "%s prefix: %q", concept, text)
			assert.Equal(t, wm, gm, "%s prefix: %q", concept, text)
		}
	}
	assert.Greater(t, found, 1000, "too few texts with a match: the test would not notice a matcher that finds nothing")
}

func TestNormalizeFastPath(t *testing.T) {
	for _, s := range []string{"plain text", "Plain", " lead", "trail ", "two  spaces", "tab\there", "é", "ﬁ ligature",
		"x\u00a0y", "", "a", "100 % sure", "line\nbreak", "del\x7f"} {
		assert.Equal(t, strings.Join(strings.Fields(strings.ToLower(normalizeNFKC(s))), " "), normalize(s), "%q", s)
	}
}

// Word lists are data written by hand: every entry is already in the form
// it is matched in (lower case, NFKC, single spaces, no stray white space)
// and appears once, and a test failure names the file and line.
func TestWordListLinesAreWellFormed(t *testing.T) {
	entries, err := wordFiles.ReadDir("words")
	require.NoError(t, err)
	for _, e := range entries {
		data, err := wordFiles.ReadFile("words/" + e.Name())
		require.NoError(t, err)
		seen := map[string]int{}
		for i, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			where := fmt.Sprintf("words/%s:%d", e.Name(), i+1)
			assert.Equal(t, normalize(line), line, "%s: write the entry lower case, NFKC, single-spaced, without leading or trailing space", where)
			if first, dup := seen[line]; dup {
				t.Errorf("%s: %q is already on line %d", where, line, first)
			}
			seen[line] = i + 1
		}
	}
}

// BenchmarkFindInLongText matches the word lists against names and
// descriptions of 10 KB and 100 KB (a pull request can make them that
// long): the 100 KB case takes about ten times the 10 KB one, linear.
func BenchmarkFindInLongText(b *testing.B) {
	for _, size := range []int{10 << 10, 100 << 10} {
		text := strings.Repeat("kundnöjdhet för ärenden i kundtjänst ", size/38)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				for _, concept := range []string{"vague", "vanity", "no-influence", "target-phrases"} {
					words(concept).all(normalize(text))
				}
				goalLike(text)
			}
		})
	}
}
