package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
)

type textStyles struct {
	file, pos, err, warn, info, rule, caret, gutter, ok lipgloss.Style
}

func newTextStyles(w io.Writer, color bool) textStyles {
	r := lipgloss.NewRenderer(w)
	if color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	s := r.NewStyle()
	return textStyles{
		file:   s.Bold(true).Underline(true),
		pos:    s.Faint(true),
		err:    s.Foreground(lipgloss.Color("9")).Bold(true),
		warn:   s.Foreground(lipgloss.Color("11")),
		info:   s.Foreground(lipgloss.Color("12")),
		rule:   s.Faint(true),
		caret:  s.Foreground(lipgloss.Color("9")),
		gutter: s.Faint(true),
		ok:     s.Foreground(lipgloss.Color("10")).Bold(true),
	}
}

// Text writes findings grouped by file, each with the source line and a
// caret under the column, then a summary line.
func Text(w io.Writer, res *lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	st := newTextStyles(w, opts.Color)
	file, sheet := "", ""
	var lines [][]byte
	for _, f := range res.Findings {
		if f.File != file {
			if file != "" {
				fmt.Fprintln(bw)
			}
			file = f.File
			fmt.Fprintln(bw, st.file.Render(Sanitize(file)))
			lines, sheet = nil, ""
			if opts.Source != nil && document.ForName(file).Binary {
				sheet = document.SheetName(opts.Source(file))
			}
			// A spreadsheet's positions are cells, not characters of a line:
			// no excerpt.
			if opts.Source != nil && !document.ForName(file).Cells {
				lines = bytes.Split(opts.Source(file), []byte("\n"))
			}
		}
		sev := st.severity(f.Severity)
		fmt.Fprintf(bw, "  %s  %s  %s  %s\n", st.pos.Render(place(f.File, sheet, f.Line, f.Column)),
			sev.Render(fmt.Sprintf("%-7s", i18n.T(opts.Lang, f.Severity.String()))), Sanitize(opts.text(f.Message)), st.rule.Render(f.Rule))
		if f.Line >= 1 && f.Line <= len(lines) {
			excerpt(bw, st, string(lines[f.Line-1]), f)
		}
		for _, r := range f.Related {
			fmt.Fprintf(bw, "      %s %s\n", st.pos.Render(Sanitize(r.File)+":"+place(r.File, "", r.Line, r.Column)), Sanitize(opts.text(r.Message)))
		}
	}
	if file != "" {
		fmt.Fprintln(bw)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(bw, st.info.Render(i18n.T(opts.Lang, "note: "))+Sanitize(n))
	}
	fmt.Fprintln(bw, summaryLine(st, res.Summary, opts.Lang))
	return bw.Flush()
}

// place is where in a file a finding is, as its reader names it: line:col,
// or a spreadsheet's cell (C12: column 3, row 12), after its sheet's name
// when known (KPIer!C12).
func place(file, sheet string, line, col int) string {
	if document.ForName(file).Cells {
		if sheet != "" {
			return Sanitize(sheet) + "!" + document.CellName(line, col)
		}
		return document.CellName(line, col)
	}
	return fmt.Sprintf("%d:%d", line, col)
}

// excerptWidth bounds the source shown under a finding: a window around
// its column, so a one-line file of megabytes prints a line, not the file,
// per finding.
const excerptWidth = 120

func excerpt(w io.Writer, st textStyles, line string, f finding.Finding) {
	runes := []rune(strings.TrimRight(line, "\r"))
	col := min(max(f.Column-1, 0), len(runes))
	width := 1
	if f.EndLine == f.Line && f.EndColumn > f.Column {
		width = f.EndColumn - f.Column
	}
	start, end := 0, len(runes)
	if len(runes) > excerptWidth {
		end = min(len(runes), max(col-excerptWidth/2, 0)+excerptWidth)
		start = max(0, end-excerptWidth)
	}
	var text, pad strings.Builder
	if start > 0 {
		text.WriteString("…")
		pad.WriteByte(' ')
	}
	for i := start; i < end; i++ {
		shown := Sanitize(string(runes[i])) // a control character shows as \uXXXX
		text.WriteString(shown)
		switch {
		case i >= col:
		case runes[i] == '\t':
			pad.WriteByte('\t')
		default:
			pad.WriteString(strings.Repeat(" ", len([]rune(shown))))
		}
	}
	if end < len(runes) {
		text.WriteString("…")
	}
	width = max(1, min(width, end-col))
	fmt.Fprintf(w, "%s%s\n", st.gutter.Render(fmt.Sprintf("%5d | ", f.Line)), text.String())
	fmt.Fprintf(w, "%s%s%s\n", st.gutter.Render("      | "), pad.String(), st.caret.Render(strings.Repeat("^", width)))
}

func (st textStyles) severity(s finding.Severity) lipgloss.Style {
	switch s {
	case finding.Error:
		return st.err
	case finding.Warning:
		return st.warn
	}
	return st.info
}

func summaryLine(st textStyles, s lint.Summary, lang string) string {
	pl := func(n int, one, many string) string { return i18n.T(lang, i18n.Plural(n, one, many)) }
	total := s.Errors + s.Warnings + s.Infos
	tail := i18n.Tf(lang, " in %d %s · %d %s · quality %.1f · completeness %.1f", s.Files, pl(s.Files, "file", "files"), s.KPIs, pl(s.KPIs, "KPI", "KPIs"), s.Score, s.Completeness)
	if s.Suppressed > 0 {
		tail += i18n.Tf(lang, " · %d suppressed", s.Suppressed)
	}
	if s.Baselined > 0 {
		tail += i18n.Tf(lang, " · %d baselined", s.Baselined)
	}
	if total == 0 {
		return st.ok.Render(i18n.T(lang, "✔ no problems")) + tail
	}
	head := i18n.Tf(lang, "✖ %d %s (%d %s, %d %s, %d %s)", total, pl(total, "problem", "problems"),
		s.Errors, pl(s.Errors, "error", "errors"), s.Warnings, pl(s.Warnings, "warning", "warnings"),
		s.Infos, pl(s.Infos, "info", "infos"))
	style := st.warn
	if s.Errors > 0 {
		style = st.err
	}
	return style.Render(head) + tail
}
