// Package i18n gives kpilint's messages, rule documentation and report
// headings in English and Swedish.
//
// A plain table, not golang.org/x/text/message catalogs: kpilint has two
// languages and a few hundred sentences; the English text is the key, so a
// message reads the same in the code as on the screen, the table is one Go
// file a translator can edit, and a test (extract_test.go) walks the
// sources and fails when a message has no translation or a translation no
// longer has a message. Catalogs would add a code generator and plural
// machinery kpilint does not need (it formats counts itself).
package i18n

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Languages kpilint speaks.
const (
	English = "en"
	Swedish = "sv"
)

// Supported reports whether lang is a language kpilint speaks.
func Supported(lang string) bool { return lang == English || lang == Swedish }

var tables = map[string]map[string]string{Swedish: swedish}

// Plural is one when n is 1, else many (English words, translated by the
// caller where they are shown).
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// T translates a fixed text; English, or a text without translation, is
// returned as it is.
func T(lang, text string) string {
	if t, ok := tables[lang][text]; ok {
		return t
	}
	return text
}

// Tf translates a format and formats it, translating the arguments that
// are themselves known texts.
func Tf(lang, format string, args ...any) string {
	return Msg(format, args...).In(lang)
}

// Message is a message to show later, in a language chosen later.
type Message struct {
	Format string
	Args   []any
}

// Msg makes a Message from an English format and its arguments.
func Msg(format string, args ...any) Message { return Message{Format: format, Args: args} }

// Verbatim is a message that reads the same in every language: text kpilint
// repeats from elsewhere (a CUE error about the user's own policy).
func Verbatim(s string) Message { return Message{Format: "%s", Args: []any{s}} }

// String is the message in English.
func (m Message) String() string { return fmt.Sprintf(m.Format, m.Args...) }

// Render is the message as a report shows it: in lang, and at most max
// characters (0: no bound), since messages quote values from files kpilint
// does not control.
func (m Message) Render(lang string, max int) string {
	s := m.In(lang)
	if max > 0 {
		s = Truncate(s, max)
	}
	return s
}

// Truncate shortens s to at most n characters, marking the cut.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// In is the message in lang.
func (m Message) In(lang string) string {
	table, ok := tables[lang]
	if !ok || m.Format == "" {
		return m.String()
	}
	format, ok := table[m.Format]
	if !ok {
		format = m.Format
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = translateArg(table, a)
	}
	return fmt.Sprintf(format, args...)
}

// translateArg translates an argument that is a known text, such as "a
// string" or the description of an id, or a list of allowed values.
func translateArg(table map[string]string, a any) any {
	s, ok := a.(string)
	if !ok {
		return a
	}
	if t, ok := table[s]; ok {
		return t
	}
	if rest, ok := strings.CutPrefix(s, "one of "); ok {
		return table["one of "] + rest
	}
	return s
}

// verbs lists the formatting verbs of a format, in order.
func verbs(format string) string {
	var out []string
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 >= len(format) {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-#0123456789.", format[j]) >= 0 {
			j++
		}
		if j < len(format) {
			out = append(out, format[i:j+1])
		}
		i = j
	}
	return strings.Join(out, " ")
}
