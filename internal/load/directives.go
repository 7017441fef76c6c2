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

// findDirectives scans the comments of a file for directives and works out
// the span each one covers. marker starts a line comment in the file's
// format ("" for a format without comments: no directives).
func findDirectives(data []byte, marker string, docs []*tree.Node) []catalogue.Directive {
	if marker == "" || !bytes.Contains(data, []byte("kpilint:")) {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	var out []catalogue.Directive
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
			d.FromLine, d.ToLine = d.Line, spanEnd(docs, d.Line)
		default:
			target := nextCodeLine(lines, i+1, marker)
			d.FromLine, d.ToLine = target, spanEnd(docs, target)
		}
		out = append(out, d)
	}
	return out
}

func nextCodeLine(lines []string, from int, marker string) int {
	for j := from; j < len(lines); j++ {
		t := strings.TrimSpace(lines[j])
		if t != "" && !strings.HasPrefix(t, marker) {
			return j + 1
		}
	}
	return len(lines) + 1
}

// spanEnd is the last line of the largest node that starts on line.
func spanEnd(docs []*tree.Node, line int) int {
	end := line
	var walk func(n *tree.Node)
	walk = func(n *tree.Node) {
		if n == nil {
			return
		}
		switch n.Kind {
		case tree.Map:
			for _, e := range n.Entries {
				if e.KeyPos.Line == line {
					end = max(end, e.Value.EndLine)
				}
				walk(e.Value)
			}
		case tree.List:
			for _, it := range n.Items {
				if it.Anchor().Line == line || it.Pos.Line == line {
					end = max(end, it.EndLine)
				}
				walk(it)
			}
		}
	}
	for _, d := range docs {
		walk(d)
	}
	return end
}
