package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/lint"
)

// GitHub writes workflow commands that GitHub turns into annotations on the
// pull request. GitHub shows only ten annotations of each kind per step, so
// the format is marked StepSummary: the command line also appends the
// Markdown report to the job summary.
func GitHub(w io.Writer, res *lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range res.Findings {
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubLevel(f.Severity), escapeProperty(opts.repoPath(f.File)), f.Line, f.Column, max(f.EndLine, f.Line), max(f.EndColumn, f.Column),
			escapeProperty("kpilint "+f.Rule), escapeData(opts.text(f.Message)))
	}
	return bw.Flush()
}

func githubLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message: a newline in it cannot
// start a second command.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
