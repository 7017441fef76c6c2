// Package report renders a lint result, or an audit, in one of kpilint's
// output formats: one file per format, one row per format in Formats or
// AuditFormats (see docs/architecture.md for adding one).
package report

import (
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/suggest"
	"github.com/kpilint/kpilint/rules"
)

// Options are what every format may need besides the result.
type Options struct {
	Version string
	Color   bool
	// Source returns the text of a reported file, for the text format's
	// code excerpts; nil or a missing file shows no excerpt.
	Source func(file string) []byte
	// Lang is the language of messages and headings.
	Lang string
	// MaxMessage bounds the characters of a rendered message (0: none):
	// messages quote values from files kpilint does not control.
	MaxMessage int
	// MaxBytes bounds the Markdown report (0: none): the rows that do not
	// fit are counted in a closing line instead. GitHub refuses a job
	// summary over 1 MiB.
	MaxBytes int
	// RepoPrefix is the catalogue root's folder relative to the
	// repository's top (forward slashes; "" when they are the same):
	// the sarif and github formats prefix it to every path, so GitHub can
	// place the findings of a catalogue kept in a subfolder.
	RepoPrefix string
	// RepoTop is the repository's top folder, absolute ("" unknown): the
	// SARIF log names it as the base of every path.
	RepoTop string
}

// repoPath is file (relative to the catalogue root) relative to the
// repository's top.
func (o Options) repoPath(file string) string {
	if o.RepoPrefix == "" || file == "" {
		return file
	}
	return path.Join(o.RepoPrefix, file)
}

// Labels are the words reports translate as data (severities, levels,
// review frequencies, counted nouns), not through a call the translation
// test can see.
var Labels = slices.Concat([]string{"error", "warning", "info", "organisation", "department", "team", "none",
	"file", "files", "finding", "findings", "KPI", "KPIs", "problem", "problems", "errors", "warnings", "infos",
	"quality", "completeness"}, rules.Freqs, slices.Sorted(maps.Values(completenessFields)))

// text renders a finding's message for the reader.
func (o Options) text(m i18n.Message) string { return m.Render(o.Lang, o.MaxMessage) }

// Format is one output format of `kpilint lint --format`.
type Format struct {
	Name string
	// Doc says in a line what the format is for (help text, README, docs).
	Doc   string
	Write func(w io.Writer, res *lint.Result, opts Options) error
	// StepSummary: when $GITHUB_STEP_SUMMARY is set, the command line also
	// appends the Markdown report to it (GitHub shows only ten annotations
	// of each kind per step).
	StepSummary bool
	// Ext is the file extension that picks the format when -o names a
	// file and --format is not given ("" none; two formats may share one,
	// and then --format must choose).
	Ext string
}

// Formats are the output formats of `kpilint lint`, in the order the docs
// list them; the first is the default.
var Formats = []Format{
	{Name: "text", Doc: "for people at a terminal: findings grouped by file, with the line they point at", Write: Text},
	{Name: "line", Doc: "one finding per line, `file:line:col: severity: message (rule)`: for grep, editors' quickfix lists and reviewdog", Write: Line},
	{Name: "json", Ext: ".json", Doc: "stable, documented JSON for scripts and dashboards", Write: JSON},
	{Name: "sarif", Ext: ".sarif", Doc: "SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`)", Write: SARIF},
	{Name: "github", Doc: "GitHub Actions workflow commands (annotations on the pull request), and the job summary", Write: GitHub, StepSummary: true},
	{Name: "junit", Ext: ".xml", Doc: "JUnit XML: one test suite per file, one test case per KPI, for CI test reports; errors and warnings fail a case, infos pass it with a note in system-out", Write: JUnit},
	{Name: "checkstyle", Ext: ".xml", Doc: "Checkstyle XML, for tools that read it (Jenkins, reviewdog)", Write: Checkstyle},
	{Name: "markdown", Ext: ".md", Doc: "a Markdown table, for pull-request comments and job summaries", Write: Markdown},
}

// AuditFormat is one output format of `kpilint audit --format`.
type AuditFormat struct {
	Name  string
	Ext   string // as Format.Ext
	Doc   string
	Write func(w io.Writer, r *audit.Report, opts Options) error
}

// AuditFormats are the formats of `kpilint audit`; the first is the default.
var AuditFormats = []AuditFormat{
	{Name: "text", Doc: "for people at a terminal", Write: AuditText},
	{Name: "markdown", Ext: ".md", Doc: "for a wiki page or a pull-request comment", Write: AuditMarkdown},
	{Name: "json", Ext: ".json", Doc: "every figure of the report, for scripts and dashboards", Write: AuditJSON},
	{Name: "html", Ext: ".html", Doc: "one self-contained page with charts, for strategy leads", Write: AuditHTML},
}

// Lookup is the lint format called name.
func Lookup(name string) (Format, error) {
	for _, f := range Formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q%s (want %s)", name, suggest.Hint(name, Names()), strings.Join(Names(), ", "))
}

// LookupAudit is the audit format called name.
func LookupAudit(name string) (AuditFormat, error) {
	for _, f := range AuditFormats {
		if f.Name == name {
			return f, nil
		}
	}
	return AuditFormat{}, fmt.Errorf("unknown audit format %q%s (want %s)", name, suggest.Hint(name, AuditNames()), strings.Join(AuditNames(), ", "))
}

// ForFile is the name of the format that file's extension picks, "" when
// none does; an extension two formats share is an error naming them.
func ForFile[F interface{ nameExt() (string, string) }](formats []F, file string) (string, error) {
	ext := strings.ToLower(path.Ext(file))
	var names []string
	for _, f := range formats {
		if name, fext := f.nameExt(); ext != "" && fext == ext {
			names = append(names, name)
		}
	}
	switch len(names) {
	case 0:
		return "", nil
	case 1:
		return names[0], nil
	}
	return "", fmt.Errorf("-o %s: say which format with --format %s", file, strings.Join(names, " or --format "))
}

func (f Format) nameExt() (string, string)      { return f.Name, f.Ext }
func (f AuditFormat) nameExt() (string, string) { return f.Name, f.Ext }

// Names are the lint formats' names.
func Names() []string {
	out := make([]string, len(Formats))
	for i, f := range Formats {
		out[i] = f.Name
	}
	return out
}

// AuditNames are the audit formats' names.
func AuditNames() []string {
	out := make([]string, len(AuditFormats))
	for i, f := range AuditFormats {
		out[i] = f.Name
	}
	return out
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}

// FormatTable is the output formats as a Markdown table, for the README
// and docs/output.md (a test keeps both current).
func FormatTable() string {
	var b strings.Builder
	b.WriteString("| `lint --format` | `-o` extension | for |\n|---|---|---|\n")
	for _, f := range Formats {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", f.Name, code(f.Ext), f.Doc)
	}
	b.WriteString("\n| `audit --format` | `-o` extension | for |\n|---|---|---|\n")
	for _, f := range AuditFormats {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", f.Name, code(f.Ext), f.Doc)
	}
	return b.String()
}
