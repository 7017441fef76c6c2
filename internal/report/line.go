package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
)

// Line writes one finding per line, `file:line:col: severity: message
// (rule)`, the form grep, editors' quickfix lists (Vim's errorformat,
// Emacs' compilation mode) and reviewdog's `-efm` read. Nothing else is
// written: no summary, no colour. Paths and messages are sanitised like
// the text format's, so a catalogue value cannot start a line of its own.
func Line(w io.Writer, res *lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range res.Findings {
		fmt.Fprintf(bw, "%s:%d:%d: %s: %s (%s)\n", Sanitize(f.File), f.Line, f.Column,
			i18n.T(opts.Lang, f.Severity.String()), Sanitize(opts.text(f.Message)), f.Rule)
	}
	return bw.Flush()
}
