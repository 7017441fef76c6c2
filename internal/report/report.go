// Package report renders a lint result in one of kpilint's output formats,
// one file per format.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// Options are what every format may need besides the result.
type Options struct {
	Version string
	Color   bool
	// Source returns the text of a reported file, for the text format's
	// code excerpts; nil or a missing file shows no excerpt.
	Source func(file string) []byte
	// StepSummary is the file GitHub Actions shows as the job summary
	// ($GITHUB_STEP_SUMMARY); the github format appends to it.
	StepSummary string
	// Lang is the language of headings (findings arrive translated).
	Lang string
}

// Formats lists the output formats of `kpilint lint --format`.
var Formats = []string{"text", "json", "sarif", "github", "junit", "checkstyle", "markdown"}

// Write renders res in format.
func Write(w io.Writer, format string, res *lint.Result, opts Options) error {
	switch format {
	case "text":
		return Text(w, res, opts)
	case "json":
		return JSON(w, res, opts)
	case "sarif":
		return SARIF(w, res, opts)
	case "github":
		return GitHub(w, res, opts)
	case "junit":
		return JUnit(w, res, opts)
	case "checkstyle":
		return Checkstyle(w, res, opts)
	case "markdown":
		return Markdown(w, res, opts)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// IsFormat reports whether name is a known format.
func IsFormat(name string) bool { return slices.Contains(Formats, name) }

func init() {
	// Labels that are data: severities, levels, review frequencies.
	i18n.RegisterDocs("error", "warning", "info", "organisation", "department", "team", "none",
		"file", "files", "KPI", "KPIs", "problem", "problems", "errors", "warnings", "infos")
	i18n.RegisterDocs(rules.Freqs...)
}
