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
	File      string
	Line      int
	Column    int
	EndLine   int
	EndColumn int
}

// Start is where the location begins: the key by which a finding is
// matched to the KPI it concerns (Subject) and a KPI to its findings.
func (l Location) Start() Location { return Location{File: l.File, Line: l.Line, Column: l.Column} }

// Related is a second place a finding points at, with what it is.
type Related struct {
	Location
	Message i18n.Message
}

// Finding is one problem: a rule, where, and why. Its message is kept
// unformatted until a report renders it in the reader's language
// (Message.Render), so nothing about a finding depends on the language it
// will be shown in.
type Finding struct {
	Rule string // the rule's ID; every ID is declared in rules/
	// Severity is set once, by the engine, from the rule's default and the
	// configuration (rules.Settings.Apply).
	Severity Severity
	Message  i18n.Message
	Location
	Related []Related
	// ID of the unit, goal or KPI the finding concerns, if any.
	ID string
	// KPI is set when ID names a KPI (for its quality score), and Subject
	// is where that KPI begins (its first key): two KPIs that share an id
	// keep their findings apart.
	KPI     bool
	Subject Location
}

// New is a finding of rule at loc.
func New(rule string, loc Location, msg i18n.Message) Finding {
	return Finding{Rule: rule, Location: loc, Message: msg}
}

// Relate adds a related location to f.
func (f *Finding) Relate(loc Location, msg i18n.Message) {
	f.Related = append(f.Related, Related{Location: loc, Message: msg})
}

// Compare orders findings by file, line, column, rule, then message.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message.String(), b.Message.String()),
		cmp.Compare(a.ID, b.ID),
	)
}

// Sort sorts findings into report order.
func Sort(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// Fingerprint identifies a finding across edits that move lines and across
// languages: it hashes the rule, the file, the id of the element and the
// English message, never a line, a column or a translation. Baselines and
// SARIF's partialFingerprints use it.
func (f Finding) Fingerprint() string {
	h := sha256.New()
	for _, part := range []string{f.Rule, f.File, f.ID, f.Message.String()} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
