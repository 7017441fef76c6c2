package report_test

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/report"
)

// JUnit: an info is advice, not a failure. Its case passes, with the info
// in system-out; a warning fails its case.
func TestJUnitCountsInfosAsPasses(t *testing.T) {
	mk := func(id string, sev finding.Severity, rule string) finding.Finding {
		f := finding.New(rule, finding.Location{File: "a.kpi.yaml", Line: 2, Column: 5}, i18n.Verbatim("about "+id))
		f.Severity, f.ID, f.KPI = sev, id, true
		return f
	}
	res := &lint.Result{Files: []string{"a.kpi.yaml"}, Outline: &catalogue.Outline{Org: &catalogue.Org{}},
		Findings: []finding.Finding{mk("advised", finding.Info, "description-missing"), mk("broken", finding.Warning, "target-missing")}}
	var buf bytes.Buffer
	require.NoError(t, report.JUnit(&buf, res, report.Options{}))
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Cases []struct {
				Name      string     `xml:"name,attr"`
				Failures  []struct{} `xml:"failure"`
				SystemOut string     `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &suites))
	require.Equal(t, 2, suites.Tests)
	require.Equal(t, 1, suites.Failures)
	cases := suites.Suites[0].Cases
	require.Len(t, cases, 2)
	require.Equal(t, "advised", cases[0].Name)
	require.Empty(t, cases[0].Failures)
	require.Contains(t, cases[0].SystemOut, "a.kpi.yaml:2:5: info: about advised (description-missing)")
	require.Equal(t, "broken", cases[1].Name)
	require.Len(t, cases[1].Failures, 1)
}
