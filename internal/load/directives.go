package load

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/tree"
)

// ParseDirective reads the text of one comment (without its # or //). It
// returns ok=false when the comment is not a kpilint directive at all.
func ParseDirective(comment string) (d catalogue.Directive, ok bool) {
	body := strings.TrimSpace(comment)
	switch {
	case strings.HasPrefix(body, "kpilint:file-ignore"):
		d.FileWide = true
		body = strings.TrimPrefix(body, "kpilint:file-ignore")
	case strings.HasPrefix(body, "kpilint:ignore"):
		body = strings.TrimPrefix(body, "kpilint:ignore")
	default:
		return d, false
	}
	if body != "" && body[0] != ' ' && body[0] != '\t' {
		return d, false // kpilint:ignored, kpilint:ignore-foo: not ours
	}
	rules, reason, hasReason := strings.Cut(body, "--")
	for _, r := range strings.Split(rules, ",") {
		if r = strings.TrimSpace(r); r != "" {
			d.Rules = append(d.Rules, r)
		}
	}
	d.Reason = strings.TrimSpace(reason)
	switch {
	case len(d.Rules) == 0:
		d.Problem = "names no rule"
	case !hasReason || d.Reason == "":
		d.Problem = "gives no reason (write `-- why this is acceptable`)"
	}
	return d, true
}

// mayHaveDirectives reports whether the text could hold a directive: none
// can without "kpilint:".
func mayHaveDirectives(data []byte) bool { return bytes.Contains(data, []byte("kpilint:")) }

// findDirectives scans the comments of a file for directives and works out
// the span each one covers. marker starts a line comment in the file's
// format ("" for a format without comments: no directives).
func findDirectives(data []byte, marker string, docs []*tree.Node) []catalogue.Directive {
	if marker == "" || !mayHaveDirectives(data) {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	var out []catalogue.Directive
	// Both tables are built once, on the first directive that needs them:
	// a directive per line for thousands of lines stays linear.
	var span map[int]int
	spanEnd := func(line int) int {
		if span == nil {
			span = spans(docs)
		}
		return max(line, span[line])
	}
	var next []int
	nextCodeLine := func(from int) int {
		if next == nil {
			next = codeLines(lines, marker)
		}
		return next[from]
	}
	for i, line := range lines {
		at := strings.Index(line, marker+" kpilint:")
		if at < 0 {
			at = strings.Index(line, marker+"kpilint:")
		}
		if at < 0 {
			continue
		}
		d, ok := ParseDirective(line[at+len(marker):])
		if !ok {
			continue
		}
		d.Line = i + 1
		d.Col = 1 + utf8.RuneCountInString(line[:at])
		d.Width = utf8.RuneCountInString(strings.TrimRight(line[at:], "\r "))
		switch {
		case d.FileWide:
			d.FromLine, d.ToLine = 1, len(lines)
		case strings.TrimSpace(line[:at]) != "":
			d.FromLine, d.ToLine = d.Line, spanEnd(d.Line)
		default:
			target := nextCodeLine(i + 1)
			d.FromLine, d.ToLine = target, spanEnd(target)
		}
		out = append(out, d)
	}
	return out
}

// codeLines gives, for each line index i, the number of the first line
// from i on that holds code (not blank, not a comment); len(lines)+1 if
// none.
func codeLines(lines []string, marker string) []int {
	next := make([]int, len(lines)+1)
	next[len(lines)] = len(lines) + 1
	for j := len(lines) - 1; j >= 0; j-- {
		t := strings.TrimSpace(lines[j])
		if t != "" && !strings.HasPrefix(t, marker) {
			next[j] = j + 1
		} else {
			next[j] = next[j+1]
		}
	}
	return next
}

// spans maps each line to the last line of the largest value that starts
// on it (a key's value, or a list item), in one walk of the documents.
func spans(docs []*tree.Node) map[int]int {
	out := map[int]int{}
	note := func(line, end int) { out[line] = max(out[line], end) }
	var walk func(n *tree.Node)
	walk = func(n *tree.Node) {
		if n == nil {
			return
		}
		switch n.Kind {
		case tree.Map:
			for _, e := range n.Entries {
				note(e.KeyPos.Line, e.Value.EndLine)
				walk(e.Value)
			}
		case tree.List:
			for _, it := range n.Items {
				note(it.Anchor().Line, it.EndLine)
				note(it.Pos.Line, it.EndLine)
				walk(it)
			}
		}
	}
	for _, d := range docs {
		walk(d)
	}
	return out
}
