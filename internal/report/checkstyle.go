package report

import (
	"encoding/xml"
	"io"

	"github.com/kpilint/kpilint/internal/lint"
)

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Checkstyle writes the Checkstyle XML format that many CI dashboards read.
// Every reported file appears, with or without errors.
func Checkstyle(w io.Writer, res *lint.Result, opts Options) error {
	out := checkstyleReport{Version: "4.3"}
	byFile := map[string]int{}
	for _, name := range res.Files {
		byFile[name] = len(out.Files)
		out.Files = append(out.Files, checkstyleFile{Name: name})
	}
	for _, f := range res.Findings {
		i, ok := byFile[f.File]
		if !ok {
			i = len(out.Files)
			byFile[f.File] = i
			out.Files = append(out.Files, checkstyleFile{Name: f.File})
		}
		sev := f.Severity.String()
		out.Files[i].Errors = append(out.Files[i].Errors, checkstyleError{Line: f.Line, Column: f.Column,
			Severity: sev, Message: xmlSafe(opts.text(f.Message)), Source: "kpilint." + f.Rule})
	}
	return writeXML(w, out)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// xmlSafe drops characters XML 1.0 cannot carry at all (most C0 controls);
// encoding/xml escapes the rest.
func xmlSafe(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			out = append(out, r)
		} else {
			out = append(out, '\uFFFD')
		}
	}
	return string(out)
}
