package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
)

// User content cannot clear the reviewer's screen or forge log lines.
func TestTextEscapesControlCharacters(t *testing.T) {
	evil := "\x1b[2J\x1b[31mFAKE\r\n::error::forged\u2028x"
	res := &lint.Result{Findings: []finding.Finding{{Rule: "kpi-is-goal", Severity: finding.Warning,
		Message:  i18n.Verbatim("the name " + evil + " reads like a goal"),
		Location: finding.Location{File: "a\x1b[0m.kpi.yaml", Line: 1, Column: 1, EndLine: 1, EndColumn: 3}}}}
	var out bytes.Buffer
	require.NoError(t, Text(&out, res, Options{Source: func(string) []byte { return []byte("name: " + evil + "\n") }}))
	s := out.String()
	assert.NotContains(t, s, "\x1b")
	assert.NotContains(t, s, "\r")
	assert.NotContains(t, s, "\u2028")
	for _, line := range strings.Split(s, "\n") {
		assert.False(t, strings.HasPrefix(line, "::error"), "no forged workflow command: %q", line)
	}
	assert.Contains(t, s, `\u001b[2J`)
}

// A one-line file of 23 KB with a finding every few columns printed the
// whole line under each finding (155 MB of output for one file): the
// excerpt is a window around the column, so the output grows with the
// findings, not with findings × line length.
func TestTextExcerptIsAWindow(t *testing.T) {
	line := strings.Repeat(`{"k": 1}, `, 2300)
	var fs []finding.Finding
	for col := 1; col < len(line); col += 10 {
		fs = append(fs, finding.Finding{Rule: "schema", Severity: finding.Error, Message: i18n.Verbatim("unknown key"),
			Location: finding.Location{File: "a.kpi.json", Line: 1, Column: col, EndLine: 1, EndColumn: col + 3}})
	}
	var out bytes.Buffer
	require.NoError(t, Text(&out, &lint.Result{Findings: fs}, Options{Source: func(string) []byte { return []byte(line) }}))
	assert.Less(t, out.Len(), len(fs)*400, "at most a few hundred bytes per finding")
	// The caret still points at the column: the window holds it.
	lines := strings.Split(out.String(), "\n")
	for i, l := range lines {
		if strings.Contains(l, "^^^") {
			src := lines[i-1]
			caret := strings.Index(l, "^")
			assert.Equal(t, `{"k`, string([]rune(src)[caret:caret+3]), "line %d", i)
		}
	}
}

// Characters XML 1.0 does not allow (controls, U+FFFE) cannot break the
// JUnit or Checkstyle report: it still parses.
func TestXMLFormatsStayWellFormed(t *testing.T) {
	evil := "bell\x07 nul-ish\x01 \ufffe </testcase> ]]>"
	res := &lint.Result{Outline: &catalogue.Outline{Org: &catalogue.Org{}}, Files: []string{"a\x01.kpi.yaml"}, Findings: []finding.Finding{{Rule: "schema", Severity: finding.Error,
		Message: i18n.Verbatim(evil), ID: "k\x02", KPI: true,
		Location: finding.Location{File: "a\x01.kpi.yaml", Line: 1, Column: 1, EndLine: 1, EndColumn: 2}}}}
	for _, write := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return JUnit(b, res, Options{}) },
		func(b *bytes.Buffer) error { return Checkstyle(b, res, Options{}) },
	} {
		var out bytes.Buffer
		require.NoError(t, write(&out))
		dec := xml.NewDecoder(&out)
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err)
		}
	}
}
