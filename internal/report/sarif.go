package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// SARIF 2.1.0, as GitHub code scanning reads it.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds"`
	ColumnKind         string                   `json:"columnKind"`
	Results            []sarifResult            `json:"results"`
	// Properties carry the catalogue's scores (docs/output.md, "SARIF").
	Properties map[string]any `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifHelp       `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           map[string]any  `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// InformationURI is kpilint's home page.
const InformationURI = "https://github.com/kpilint/kpilint"

// SARIF writes a SARIF 2.1.0 log for GitHub code scanning. Locations are
// relative to the repository (uriBaseId %SRCROOT%); partialFingerprints
// come from the rule, file, id and message, so they survive lines moving.
func SARIF(w io.Writer, res *lint.Result, opts Options) error {
	root := sarifArtifact{Description: &sarifText{"The top of the repository: every path is relative to it."}}
	if opts.RepoTop != "" {
		root.URI = (&url.URL{Scheme: "file", Path: strings.TrimSuffix(filepath.ToSlash(opts.RepoTop), "/") + "/"}).String()
	}
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "kpilint", Version: opts.Version, InformationURI: InformationURI}},
		OriginalURIBaseIDs: map[string]sarifArtifact{"%SRCROOT%": root},
		ColumnKind:         "unicodeCodePoints", Results: []sarifResult{},
		Properties: map[string]any{"kpilint/quality": res.Summary.Score, "kpilint/completeness": res.Summary.Completeness,
			"kpilint/kpis": res.Summary.KPIs}}
	index := map[string]int{}
	for _, r := range rules.All() {
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: r.ID, Name: ruleName(r.ID),
			ShortDescription:     sarifText{r.Doc.Title},
			FullDescription:      sarifText{r.Doc.Why},
			Help:                 sarifHelp{Text: r.Doc.Title + ". " + r.Doc.Why + " See " + r.HelpURL(), Markdown: rules.Explain(r)},
			HelpURI:              r.HelpURL(),
			DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)},
			Properties:           map[string]any{"tags": []string{"kpi", r.Group.String()}},
		})
	}
	for _, f := range res.Findings {
		r := sarifResult{RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity),
			Message:             sarifText{opts.text(f.Message)},
			Locations:           []sarifLocation{{PhysicalLocation: physical(opts, f.Location)}},
			PartialFingerprints: map[string]string{"kpilint/v1": f.Fingerprint()}}
		for i, rel := range f.Related {
			id := i + 1
			r.RelatedLocations = append(r.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: physical(opts, rel.Location), Message: &sarifText{opts.text(rel.Message)}})
		}
		run.Results = append(run.Results, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

func physical(opts Options, l finding.Location) sarifPhysical {
	reg := sarifRegion{StartLine: max(l.Line, 1), StartColumn: max(l.Column, 1)}
	if l.EndLine >= reg.StartLine && l.EndColumn > 0 {
		reg.EndLine, reg.EndColumn = l.EndLine, l.EndColumn
	}
	return sarifPhysical{ArtifactLocation: sarifArtifact{URI: uriPath(opts.repoPath(l.File)), URIBaseID: "%SRCROOT%"}, Region: reg}
}

// uriPath is a relative path as a URI reference (RFC 3986): each segment
// percent-encoded, ':' included, so that "a:b/c.kpi.yaml" is not read as a
// scheme and "#", "?", "%" and spaces stay part of the path.
func uriPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

// ruleName turns goal-missing into GoalMissing, the form SARIF viewers show.
// A one-word id gets a suffix: SARIF wants the name to differ from the id.
func ruleName(id string) string {
	if !strings.Contains(id, "-") {
		id += "-check"
	}
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		r := []rune(part)
		b.WriteRune(unicode.ToUpper(r[0]))
		b.WriteString(string(r[1:]))
	}
	return b.String()
}
