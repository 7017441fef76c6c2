package rules

import (
	"embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The word lists are data: one entry per line, # starts a comment. Each
// concept has an English (.en) and a Swedish (.sv) list.
//
//go:embed words/*.txt
var wordFiles embed.FS

// wordList matches whole words and phrases, case-insensitively, after NFKC
// normalisation.
type wordList struct {
	phrases []string
}

var (
	listsMu sync.Mutex
	lists   = map[string]*wordList{}
)

// words returns the English and Swedish lists of a concept, merged.
func words(concept string) *wordList {
	listsMu.Lock()
	defer listsMu.Unlock()
	if l, ok := lists[concept]; ok {
		return l
	}
	l := &wordList{}
	seen := map[string]bool{}
	for _, lang := range []string{"en", "sv"} {
		data, err := wordFiles.ReadFile("words/" + concept + "." + lang + ".txt")
		if err != nil {
			panic(err) // embedded; a missing list is caught by the tests
		}
		for _, line := range strings.Split(string(data), "\n") {
			p := normalize(line)
			if p == "" || strings.HasPrefix(p, "#") || seen[p] {
				continue
			}
			seen[p] = true
			l.phrases = append(l.phrases, p)
		}
	}
	lists[concept] = l
	return l
}

// normalize applies NFKC, lower-cases and collapses white space.
func normalize(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFKC.String(s))), " ")
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-'
}

// match is one occurrence of a phrase in a normalised text.
type match struct {
	phrase     string
	start, end int // byte offsets in the normalised text
}

// find returns the first phrase of the list that occurs in text as a whole
// word or phrase.
func (l *wordList) find(text string) (match, bool) {
	t := normalize(text)
	for _, p := range l.phrases {
		if m, ok := findPhrase(t, p, 0); ok {
			return m, true
		}
	}
	return match{}, false
}

// all returns every occurrence of every phrase in the normalised text t.
func (l *wordList) all(t string) []match {
	var out []match
	for _, p := range l.phrases {
		for m, ok := findPhrase(t, p, 0); ok; m, ok = findPhrase(t, p, m.start+1) {
			out = append(out, m)
		}
	}
	return out
}

// prefix returns the phrase the text starts with, if any.
func (l *wordList) prefix(text string) (match, bool) {
	t := normalize(text)
	for _, p := range l.phrases {
		if !strings.HasPrefix(t, p) {
			continue
		}
		if m := (match{p, 0, len(p)}); bounded(t, m) {
			return m, true
		}
	}
	return match{}, false
}

// findPhrase finds the first bounded occurrence of p in t at or after from.
func findPhrase(t, p string, from int) (match, bool) {
	for from < len(t) {
		i := strings.Index(t[from:], p)
		if i < 0 {
			return match{}, false
		}
		m := match{p, from + i, from + i + len(p)}
		if bounded(t, m) {
			return m, true
		}
		from = m.start + 1
	}
	return match{}, false
}

// bounded reports whether the match is not part of a longer word.
func bounded(t string, m match) bool {
	first, last := []rune(m.phrase)[0], []rune(m.phrase)[len([]rune(m.phrase))-1]
	if isWordRune(first) && m.start > 0 {
		before := []rune(t[:m.start])
		if isWordRune(before[len(before)-1]) {
			return false
		}
	}
	if isWordRune(last) && m.end < len(t) {
		after := []rune(t[m.end:])
		if isWordRune(after[0]) {
			return false
		}
	}
	return true
}
