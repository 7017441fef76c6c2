package report

import (
	"io"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// jsonReport is the documented shape of `--format json`. Field order is
// the struct's order, so the output is stable.
type jsonReport struct {
	Tool     string       `json:"tool"`
	Version  string       `json:"version"`
	Summary  lint.Summary `json:"summary"`
	Findings jsonFindings `json:"findings"`
}

// jsonFindings are the findings as writeObject writes them: each made a
// jsonFinding as it is written, not all of them first (a list of 43,000
// and their help links were 10 MB more at the end of a million KPIs' run,
// where its live heap peaked).
type jsonFindings struct {
	fs   []finding.Finding
	opts Options
}

func (j jsonFindings) Len() int     { return len(j.fs) }
func (j jsonFindings) At(i int) any { return toJSON(j.fs[i], j.opts) }

type jsonFinding struct {
	Rule      string        `json:"rule"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"end_line"`
	EndColumn int           `json:"end_column"`
	ID        string        `json:"id"`
	Related   []jsonRelated `json:"related"`
	Help      string        `json:"help"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// JSON writes the result as one indented JSON object, a finding at a
// time (writeObject): the encoder made the whole document before writing
// a byte, 19 MB more at the end of a million KPIs' run, and twice that
// while its buffer grew.
func JSON(w io.Writer, res *lint.Result, opts Options) error {
	out := jsonReport{Tool: "kpilint", Version: opts.Version, Summary: res.Summary, Findings: jsonFindings{res.Findings, opts}}
	return writeObject(w, &out)
}

func toJSON(f finding.Finding, opts Options) jsonFinding {
	j := jsonFinding{Rule: f.Rule, Severity: f.Severity.String(), Message: opts.text(f.Message),
		File: f.File, Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
		ID: f.ID, Related: []jsonRelated{}, Help: rules.HelpBase + "#" + f.Rule}
	for _, r := range f.Related {
		j.Related = append(j.Related, jsonRelated{File: r.File, Line: r.Line, Column: r.Column, Message: opts.text(r.Message)})
	}
	return j
}
