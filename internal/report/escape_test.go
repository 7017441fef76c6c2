package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// gfm renders Markdown the way GitHub does for a job summary or a comment:
// tables, autolinks, strikethrough. goldmark is a CommonMark-compliant
// renderer with the GFM extensions, so the test sees what a reader would.
var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

func render(t testing.TB, md string) string {
	var buf bytes.Buffer
	require.NoError(t, gfm.Convert([]byte(md), &buf))
	return buf.String()
}

// payloads are catalogue text written to steer a report's reader.
var payloads = []string{
	`Increase <img src=https://example.org/t.png> [click](https://example.org)`,
	`![badge](https://example.org/passing.svg)`,
	`<details><summary>open me`,
	`a | b | c`,
	"# Heading\n## another",
	"- item\n1. item",
	"`code` ``more``",
	`@kpilint/owners please approve`,
	`https://example.org/phish and www.example.org`,
	`<script>alert(1)</script>`,
	`&lt;img src=x&gt; &#60;b&#62;`,
	`[x]: https://example.org "ref"` + "\n[x]",
	"line\r\nbreak",
	"**bold** _em_ ~~strike~~",
	`\<b\>escaped\`,
}

// Every payload, in a table cell or in running text, renders as its own
// text: no HTML element, link, image, heading, list or mention comes of it,
// and the table keeps its columns.
func TestMarkdownTextIsInert(t *testing.T) {
	for _, p := range payloads {
		for _, md := range []string{
			"| a | b |\n|---|---|\n| " + mdText(p) + " | x |\n",
			"- " + mdText(p) + "\n",
			mdText(p) + "\n",
		} {
			html := render(t, md)
			assertInert(t, p, html)
			if strings.HasPrefix(md, "|") {
				assert.Equal(t, 2, strings.Count(html, "<td"), "%q: the row keeps two cells:\n%s", p, html)
			}
		}
	}
}

var elements = regexp.MustCompile(`<(a|img|details|summary|script|h[1-6]|ol|strong|em|del|code|b)[\s>]`)

func assertInert(t testing.TB, payload, html string) {
	t.Helper()
	allowed := map[string]bool{"<ul>": true, "<li>": true, "<table>": true, "<p>": true}
	for _, m := range elements.FindAllString(html, -1) {
		if !allowed[m] {
			t.Errorf("%q renders an element %q:\n%s", payload, m, html)
		}
	}
	if strings.Contains(html, "@kpilint") {
		t.Errorf("%q keeps an @mention:\n%s", payload, html)
	}
	if strings.Count(html, "<li>") > 1 {
		t.Errorf("%q adds a list item:\n%s", payload, html)
	}
}

// FuzzMarkdownText: whatever the text, rendered it adds no element, and
// its letters and digits all survive in order.
func FuzzMarkdownText(f *testing.F) {
	for _, p := range payloads {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := mdText(s)
		if strings.ContainsAny(out, "\r\n") {
			t.Fatalf("%q: a line break survives", s)
		}
		assertInert(t, s, render(t, "| a |\n|---|\n| "+out+" |\n"))
	})
}

// FuzzAnnotation: a workflow command's message and properties, escaped as
// GitHub's toolkit does, unescape to what was escaped, and never hold a
// character that ends the command or the property.
func FuzzAnnotation(f *testing.F) {
	for _, p := range payloads {
		f.Add(p)
	}
	f.Add("::error file=README.md,line=1::INJECTED")
	f.Fuzz(func(t *testing.T, s string) {
		data, prop := escapeData(s), escapeProperty(s)
		if strings.ContainsAny(data, "\r\n") || strings.ContainsAny(prop, "\r\n:,") {
			t.Fatalf("%q: escaped to %q / %q", s, data, prop)
		}
		unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
		if unescape.Replace(data) != s || unescape.Replace(prop) != s {
			t.Fatalf("%q does not round-trip: %q / %q", s, data, prop)
		}
	})
}

// FuzzSanitize: sanitised text holds no control character, no bidi
// override and cannot begin a workflow command.
func FuzzSanitize(f *testing.F) {
	f.Add("\x1b[2J\x1b]0;title\x07")
	f.Add("::add-mask::secret")
	f.Add("  ::error::x")
	f.Add("access\u202e\u2066level")
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		if strings.ContainsFunc(out, unsafeRune) {
			t.Fatalf("%q → %q keeps an unsafe rune", s, out)
		}
		if strings.HasPrefix(strings.TrimLeft(out, " \t"), "::") {
			t.Fatalf("%q → %q starts a workflow command", s, out)
		}
	})
}
