// Package finding is what every rule produces and every report consumes.
package finding

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/i18n"
)

// Severity orders findings; Off disables a rule.
type Severity int

// Severities, from least to most severe.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads off, info, warning or error.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "off", "never":
		return Off, nil
	case "info":
		return Info, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
}

// Location is a range in a file. Lines and columns are 1-based; columns
// count characters. File is relative to the catalogue root, with forward
// slashes.
type Location struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line,omitempty"`
	EndColumn int    `json:"end_column,omitempty"`
	Message   string `json:"message,omitempty"`
	// Text is Message before formatting, for translation.
	Text i18n.Message `json:"-"`
}

// Finding is one problem: a rule, where, and why.
type Finding struct {
	Rule     string
	Severity Severity
	Message  string
	// Text is Message before formatting, for translation.
	Text i18n.Message
	Location
	Related []Location
	// ID of the unit, goal or KPI the finding concerns, if any.
	ID string
	// KPI is set when ID names a KPI (for the quality score).
	KPI bool
}

// Localize sets the messages of a finding in lang.
func (f *Finding) Localize(lang string) {
	if f.Text.Format != "" {
		f.Message = f.Text.In(lang)
	}
	for i := range f.Related {
		if r := &f.Related[i]; r.Text.Format != "" {
			r.Message = r.Text.In(lang)
		}
	}
}

// Compare orders findings by file, line, column, rule, then message.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.ID, b.ID),
	)
}

// Sort sorts findings into report order.
func Sort(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// Fingerprint identifies a finding across edits that move lines: it hashes
// the rule, the file, the id of the element and the message, never a line
// or column. Baselines and SARIF's partialFingerprints use it.
func (f Finding) Fingerprint() string {
	h := sha256.New()
	for _, part := range []string{f.Rule, f.File, f.ID, f.Message} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
