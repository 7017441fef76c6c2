package report

import (
	"fmt"
	"strings"
	"unicode"
)

// Every output channel is neutral to catalogue text and file names
// (docs/security.md): a KPI name, a message quoting a value or a file's
// path is shown, never obeyed. These are the escapers, one per kind of
// reader; every format uses them for every string it did not write itself.

// Sanitize makes text safe for a terminal or a CI log: control characters
// (C0 and C1: ANSI escapes, carriage returns, newlines), the line and
// paragraph separators and the bidirectional overrides that reorder what a
// reader sees ("Trojan Source") are shown as \uXXXX escapes instead of being
// interpreted, and text cannot begin with "::", which a GitHub runner reads
// as a workflow command at the start of a line. Tabs are kept.
func Sanitize(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) && !strings.HasPrefix(strings.TrimLeft(s, " \t"), "::") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	out := b.String()
	if trimmed := strings.TrimLeft(out, " \t"); strings.HasPrefix(trimmed, "::") {
		out = out[:len(out)-len(trimmed)] + `\u003a` + trimmed[1:]
	}
	return out
}

// SanitizeLines is Sanitize for each line of a message kpilint wrote on
// several lines (an error and its notes): a path or value inside it that
// held a newline shows it escaped, and no line can begin a workflow command.
func SanitizeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Sanitize(l)
	}
	return strings.Join(lines, "\n")
}

// unsafeRune reports whether r changes how a terminal shows what follows.
func unsafeRune(r rune) bool {
	switch {
	case r == '\t':
		return false
	case unicode.IsControl(r), r == '\u2028', r == '\u2029':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u061c':
		return true // bidirectional embeddings, overrides, isolates and marks
	}
	return false
}

// mdInline are the characters Markdown or GitHub give a meaning to
// anywhere in running text: emphasis, links and images, code, tables,
// strikethrough, HTML and entities. Each is shown literally by a backslash
// before it (CommonMark lets any ASCII punctuation be escaped).
const mdInline = "\\`*_[]|~!<>&"

// mdBlock are the characters that start a block (a heading, a list, a quote,
// a setext underline) when they open a line; mdText escapes them there only.
const mdBlock = "#-+=>"

// mdText makes catalogue text safe in running Markdown and in a table cell:
// no HTML (an image, an unclosed <details>), link, image, table break,
// heading, list, code span, @mention or autolink can come of it, and it
// stays on one line.
func mdText(s string) string {
	s = strings.TrimSpace(Sanitize(s))
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\r' || r == '\n':
			b.WriteByte(' ')
		case r < 0x80 && strings.ContainsRune(mdInline, r),
			i == 0 && strings.ContainsRune(mdBlock, r),
			i > 0 && (r == '.' || r == ')') && allDigits(s[:i]): // "1." or "1)" opens an ordered list
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '@':
			b.WriteString("@\u200b") // no @team mention, no e-mail autolink
		case r == ':' && strings.HasPrefix(s[i:], "://"):
			b.WriteString(":\u200b") // no bare-URL autolink
		case (r == 'w' || r == 'W') && len(s) >= i+4 && strings.EqualFold(s[i:i+4], "www.") && (i == 0 || !isWordByte(s[i-1])):
			b.WriteString(string(r) + "\u200b") // nor a www. one
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// mdCode makes text safe inside a Markdown code span in a table: a
// backtick would end the span and a pipe the cell; inside the span nothing
// else is interpreted.
func mdCode(s string) string {
	return strings.TrimSpace(strings.NewReplacer("`", "'", "|", "\\|", "\r", " ", "\n", " ").Replace(Sanitize(s)))
}
