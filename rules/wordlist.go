package rules

import (
	"embed"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kpilint/kpilint/internal/catalogue"
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
	// byWord indexes the phrases that start with a word character by
	// their first word (the leading run of word characters): a whole-word
	// occurrence can only start where the text has exactly that word.
	byWord map[string][]int
	// starts[c] has bit n set when a key of byWord starts with byte c and
	// is n bytes long (63 for longer): most words of a text are no
	// phrase's first word, and this says so without hashing them.
	starts [256]uint64
	// loose are the phrases that start with another character ("%", "+"),
	// searched for anywhere.
	loose []int
}

// lists holds every concept's list, read once (at start-up, see
// startUp) and only read afterwards (rules run concurrently).
var lists = sync.OnceValue(loadLists)

// startUp makes what every run's rules read and what takes a while to
// make — the word lists (NFKC-folding every line), the regular
// expressions — on a goroutine of its own from start-up, beside the rest
// of the program's start; a rule that comes first waits for its part.
// Made serially before main, they were 0.4 ms of the start of every run
// (BENCHMARKS.md: a 1,000-KPI JSON lint takes about 20 ms).
var startUp = []func(){func() { lists() }}

func init() {
	go func() {
		for _, f := range startUp {
			f()
		}
	}()
}

// lazyRegexp is a regular expression compiled at start-up by startUp, or
// by the first rule that needs it. It is for package-level variables only:
// startUp's goroutine reads the list once the package is initialised.
func lazyRegexp(expr string) func() *regexp.Regexp {
	re := sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
	startUp = append(startUp, func() { re() })
	return re
}

func loadLists() map[string]*wordList {
	out := map[string]*wordList{}
	entries, err := wordFiles.ReadDir("words")
	if err != nil {
		panic(err) // embedded
	}
	for _, e := range entries {
		concept, _, _ := strings.Cut(e.Name(), ".")
		if out[concept] == nil {
			out[concept] = readList(concept)
		}
	}
	return out
}

// words returns the English and Swedish lists of a concept, merged.
func words(concept string) *wordList {
	l, ok := lists()[concept]
	if !ok {
		panic("no word list " + concept) // a missing list is caught by the tests
	}
	return l
}

func readList(concept string) *wordList {
	l := &wordList{byWord: map[string][]int{}}
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
			i := len(l.phrases)
			l.phrases = append(l.phrases, p)
			if w := leadingWord(p); w != "" {
				l.byWord[w] = append(l.byWord[w], i)
				l.starts[w[0]] |= lengthBit(w)
			} else {
				l.loose = append(l.loose, i)
			}
		}
	}
	return l
}

// lengthBit is the bit of a word's length in wordList.starts.
func lengthBit(w string) uint64 { return 1 << min(len(w), 63) }

// normalize is catalogue.Fold: NFKC, lower case, single spaces; text that
// is already so is returned as it is.
var normalize = catalogue.Fold

// asciiWord says which ASCII characters are word characters (isWordRune);
// bytes beyond ASCII are not looked up in it.
var asciiWord = func() (t [256]bool) {
	for c := range rune(utf8.RuneSelf) {
		t[c] = isWordRune(c)
	}
	return t
}()

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-'
}

// leadingWord is the run of word characters s starts with.
func leadingWord(s string) string {
	i := 0
	for i < len(s) && asciiWord[s[i]] {
		i++
	}
	if i == len(s) || s[i] < utf8.RuneSelf {
		return s[:i] // ASCII up to a character that is not a word's
	}
	for j, r := range s[i:] { // the rest, from the first character beyond ASCII
		if !isWordRune(r) {
			return s[:i+j]
		}
	}
	return s
}

// match is one occurrence of a phrase in a normalised text.
type match struct {
	phrase     string
	start, end int // byte offsets in the normalised text
	index      int // of the phrase in its list
}

// find returns the first phrase of the list that occurs in text as a whole
// word or phrase.
func (l *wordList) find(text string) (match, bool) {
	ms := l.all(normalize(text))
	if len(ms) == 0 {
		return match{}, false
	}
	return ms[0], true
}

// all returns every occurrence of every phrase in the normalised text t,
// in the order of the list, then of the text.
func (l *wordList) all(t string) []match {
	var out []match
	// Occurrences of word-initial phrases start at the start of a word.
	for start := 0; start < len(t); {
		if c := t[start]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				start++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(t[start:]); !isWordRune(r) {
			start += size
			continue
		}
		w := leadingWord(t[start:])
		if l.starts[w[0]]&lengthBit(w) == 0 {
			start += len(w)
			continue
		}
		for _, i := range l.byWord[w] {
			p := l.phrases[i]
			if m := (match{p, start, start + len(p), i}); strings.HasPrefix(t[start:], p) && bounded(t, m) {
				out = append(out, m)
			}
		}
		start += len(w)
	}
	for _, i := range l.loose {
		p := l.phrases[i]
		for m, ok := findPhrase(t, p, 0); ok; m, ok = findPhrase(t, p, m.start+1) {
			m.index = i
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b match) int {
		if a.index != b.index {
			return a.index - b.index
		}
		return a.start - b.start
	})
	return out
}

// prefix returns the phrase the text starts with, if any: of several, the
// first in the list (as all orders them). Only phrases that can start at
// the text's start are tried.
func (l *wordList) prefix(text string) (match, bool) {
	t := normalize(text)
	best := match{index: -1}
	try := func(i int) {
		p := l.phrases[i]
		if m := (match{p, 0, len(p), i}); (best.index < 0 || i < best.index) && strings.HasPrefix(t, p) && bounded(t, m) {
			best = m
		}
	}
	if w := leadingWord(t); w != "" {
		for _, i := range l.byWord[w] {
			try(i)
		}
	}
	for _, i := range l.loose {
		try(i)
	}
	if best.index < 0 {
		return match{}, false
	}
	return best, true
}

// findPhrase finds the first bounded occurrence of p in t at or after from.
func findPhrase(t, p string, from int) (match, bool) {
	for from < len(t) {
		i := strings.Index(t[from:], p)
		if i < 0 {
			return match{}, false
		}
		m := match{phrase: p, start: from + i, end: from + i + len(p)}
		if bounded(t, m) {
			return m, true
		}
		from = m.start + 1
	}
	return match{}, false
}

// bounded reports whether the match is not part of a longer word.
func bounded(t string, m match) bool {
	first, _ := utf8.DecodeRuneInString(m.phrase)
	last, _ := utf8.DecodeLastRuneInString(m.phrase)
	if isWordRune(first) && m.start > 0 {
		if before, _ := utf8.DecodeLastRuneInString(t[:m.start]); isWordRune(before) {
			return false
		}
	}
	if isWordRune(last) && m.end < len(t) {
		if after, _ := utf8.DecodeRuneInString(t[m.end:]); isWordRune(after) {
			return false
		}
	}
	return true
}
