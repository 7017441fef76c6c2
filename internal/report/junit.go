package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/lint"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	ClassName string         `xml:"classname,attr"`
	Failures  []junitFailure `xml:"failure"`
	// SystemOut holds the infos: advice, not failures, so the case passes
	// and CI test reports show them with it.
	SystemOut string `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes one test suite per reported file and one test case per KPI
// (findings about units, goals or the file itself go to a case named after
// that element, or "file"); each error or warning is a failure, and each
// info a note in the case's system-out: the case passes.
func JUnit(w io.Writer, res *lint.Result, opts Options) error {
	suites := map[string]*junitSuite{}
	for _, file := range res.Files {
		suites[file] = &junitSuite{Name: file}
	}
	caseIndex := map[[2]string]int{}
	addCase := func(s *junitSuite, name string) *junitCase {
		key := [2]string{s.Name, name}
		if i, ok := caseIndex[key]; ok {
			return &s.Cases[i]
		}
		s.Cases = append(s.Cases, junitCase{Name: name, ClassName: s.Name})
		caseIndex[key] = len(s.Cases) - 1
		return &s.Cases[len(s.Cases)-1]
	}
	for _, k := range res.Outline.KPIs.All() {
		if s, ok := suites[k.File().Path]; ok && k.ID() != "" {
			addCase(s, k.ID())
		}
	}
	for _, f := range res.Findings {
		s, ok := suites[f.File]
		if !ok {
			continue
		}
		name := f.ID
		if name == "" {
			name = "file"
		}
		c := addCase(s, name)
		line := xmlSafe(fmt.Sprintf("%s:%d:%d: %s: %s (%s)", f.File, f.Line, f.Column, f.Severity, opts.text(f.Message), f.Rule))
		if f.Severity < finding.Warning {
			c.SystemOut += line + "\n"
			continue
		}
		c.Failures = append(c.Failures, junitFailure{Message: xmlSafe(opts.text(f.Message)), Type: f.Rule, Text: line})
	}
	out := junitSuites{Name: "kpilint"}
	for _, file := range res.Files {
		s := suites[file]
		s.Tests = len(s.Cases)
		for _, c := range s.Cases {
			if len(c.Failures) > 0 {
				s.Failures++
			}
		}
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, *s)
	}
	return writeXML(w, out)
}
