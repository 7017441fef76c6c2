package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The example register, a Swedish municipality's KPI register in Excel and
// the same saved as CSV by Swedish Excel: linted where it is, each finding
// at its cell, the same findings from both; audited into HTML in one
// command.
func TestSpreadsheetRegister(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	want := []string{
		"register.XLSX:5:5: error: value must be a number, not a string (schema)",             // "ca 10 %" as a target
		"register.XLSX:2:3: error: the formula uses \"nöjda\", which is not a declared input", // the formula column
		"register.XLSX:6:1: warning: the name \"Öka andelen nöjda medborgare till 80 % 2027\" reads like a goal",
		"register.XLSX:6:4: warning: owner \"Ledningen\" is a placeholder or a group",
		"register.XLSX:4:1: warning: \"Antal besök på webbplatsen\" looks like a vanity metric",
	}
	var outputs []string
	for _, ext := range []string{"xlsx", "csv"} {
		code, out, errOut := run(t, root, nil, "lint", "--format", "line", "--today", "2026-11-27", "examples/register/register."+ext)
		assert.Equal(t, 1, code, errOut)
		for _, w := range want {
			assert.Contains(t, out, strings.ReplaceAll("examples/register/"+w, "XLSX", ext), ext)
		}
		assert.NotContains(t, out, "unknown-reference", "units and goals come from org.kpi.yaml beside it")
		// The workbook is in the catalogue (kpilint.yaml includes it), so
		// its twin's KPIs are declared twice: right, and left aside here.
		var kept []string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "(duplicate-id)") {
				assert.Regexp(t, `is already declared in examples/register/register\.(csv|xlsx)`, l)
				continue
			}
			kept = append(kept, strings.ReplaceAll(l, "register.csv", "register.xlsx"))
		}
		outputs = append(outputs, strings.Join(kept, "\n"))
	}
	if outputs[0] != outputs[1] {
		t.Errorf("the workbook and its CSV give different findings:\n%s\n---\n%s", outputs[0], outputs[1])
	}

	code, out, _ := run(t, root, nil, "lint", "--color", "never", "--today", "2026-11-27", "examples/register/register.xlsx")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "  KPIer!E5  error    value must be a number, not a string", "the text format names cells")

	html := filepath.Join(t.TempDir(), "report.html")
	code, _, errOut := run(t, root, nil, "audit", "--today", "2026-11-27", "examples/register/register.xlsx", "-o", html)
	require.Equal(t, 0, code, errOut)
	page, err := os.ReadFile(html)
	require.NoError(t, err)
	assert.Contains(t, string(page), "Andel brukare som är nöjda med hemtjänsten")
}
