package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/report"
)

// manyFindings is a result with n errors, each with a long message.
func manyFindings(n int) *lint.Result {
	res := &lint.Result{}
	for i := range n {
		f := finding.New("vague-formula", finding.Location{File: fmt.Sprintf("kpis/unit-%04d.kpi.yaml", i/50), Line: i%50*20 + 3, Column: 5},
			i18n.Verbatim(fmt.Sprintf("KPI %q has a formula that reads as prose: %s", fmt.Sprint("kpi-", i), strings.Repeat("words ", 20))))
		f.Severity = finding.Error
		res.Findings = append(res.Findings, f)
	}
	res.Summary.Errors, res.Summary.Files = n, n/50+1
	return res
}

// The job summary stays under GitHub's 1 MiB: 5,946 findings made 1.33 MB.
// The rows that do not fit are counted, with where to find them.
func TestMarkdownStaysUnderItsBudget(t *testing.T) {
	res := manyFindings(5946)
	var full, cut bytes.Buffer
	require.NoError(t, report.Markdown(&full, res, report.Options{}))
	require.Greater(t, full.Len(), 1<<20, "the test needs a report over the limit")

	require.NoError(t, report.Markdown(&cut, res, report.Options{MaxBytes: 1 << 20}))
	require.LessOrEqual(t, cut.Len(), 1<<20)
	rows := strings.Count(cut.String(), "\n| 🔴")
	require.Greater(t, rows, 3000, "the budget is used, not wasted")
	require.Contains(t, cut.String(), fmt.Sprintf("%d more findings: see the SARIF upload or the JSON artifact.", 5946-rows))

	var small bytes.Buffer
	require.NoError(t, report.Markdown(&small, manyFindings(3), report.Options{MaxBytes: 1 << 20}))
	require.NotContains(t, small.String(), "more findings")
}
