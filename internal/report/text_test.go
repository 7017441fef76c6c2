package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
