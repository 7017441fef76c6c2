// Package load turns files into a catalogue: it finds the files, parses
// them safely (YAML, JSON, CUE), validates them against the schema and
// builds the typed model. Problems with a file are findings (`syntax`,
// `schema`), never errors that stop the run.
package load

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/tree"
	"github.com/kpilint/kpilint/schema"
)

// Result is a loaded catalogue and what loading found wrong.
type Result struct {
	Catalogue *catalogue.Catalogue
	Findings  []finding.Finding // syntax, schema and internal-error findings
	Notes     []string          // things skipped, e.g. symlinks out of the root
	Empty     int               // files with no content
}

// Format returns the parser for a file name: yaml, json or cue.
func Format(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return "yaml"
	case ".json":
		return "json"
	case ".cue":
		return "cue"
	}
	return "yaml"
}

// Parse reads one file's bytes into a catalogue.File and its syntax and
// schema findings. rel is the file's path relative to the root.
func Parse(rel string, data []byte, lim Limits) (f *catalogue.File, out []finding.Finding) {
	f = &catalogue.File{Path: rel, Format: Format(rel), Source: data}
	defer func() {
		if r := recover(); r != nil {
			f.Docs = nil
			out = append(out, finding.Finding{Rule: "internal-error", Severity: finding.Error,
				Location: finding.Location{File: rel, Line: 1, Column: 1, EndLine: 1, EndColumn: 2},
				Message:  fmt.Sprintf("kpilint failed while reading this file: %v (please report this bug)", r)})
		}
	}()
	syntax := func(e *ParseError) []finding.Finding {
		return []finding.Finding{{Rule: "syntax", Severity: finding.Error, Message: e.Msg,
			Location: finding.Location{File: rel, Line: e.Pos.Line, Column: e.Pos.Col, EndLine: e.Pos.Line, EndColumn: e.Pos.Col + 1}}}
	}
	if int64(len(data)) > lim.MaxFileBytes {
		return f, syntax(&ParseError{Pos: posStart, Msg: fmt.Sprintf("file is %d bytes, more than the limit of %d; kpilint does not read it", len(data), lim.MaxFileBytes)})
	}
	clean, perr := checkEncoding(data)
	if perr != nil {
		return f, syntax(perr)
	}
	f.Source = clean
	switch f.Format {
	case "json":
		f.Docs, perr = parseJSON(clean, lim)
	case "cue":
		f.Docs, perr = parseCUE(rel, clean, lim)
	default:
		f.Docs, perr = parseYAML(clean, lim)
	}
	if perr != nil {
		f.Docs = nil
		return f, syntax(perr)
	}
	f.Directives = findDirectives(clean, f.Format, f.Docs)
	s := schema.MustLoad()
	for _, doc := range f.Docs {
		for _, v := range s.File.Validate(doc) {
			out = append(out, finding.Finding{Rule: "schema", Severity: finding.Error, Message: v.Msg,
				Location: catalogue.Loc(f, v.Pos, v.Width), ID: idAt(doc, v.Pos.Line)})
		}
	}
	for _, doc := range f.Docs {
		out = append(out, unitParents(f, doc)...)
	}
	return f, out
}

// unitParents checks what the CUE schema leaves to Go: a unit below the
// organisation level needs a parent.
func unitParents(f *catalogue.File, doc *tree.Node) []finding.Finding {
	var out []finding.Finding
	for _, u := range items(doc.Get("units")) {
		level := text(u, "level")
		if level != "" && level != "organisation" && u.Get("parent") == nil {
			out = append(out, finding.Finding{Rule: "schema", Severity: finding.Error, ID: text(u, "id"),
				Message:  fmt.Sprintf("a %s unit must name its parent unit (`parent:`)", level),
				Location: catalogue.Loc(f, u.Anchor(), u.AnchorWidth())})
		}
	}
	return out
}

// idAt finds the id of the unit, goal or KPI that spans line, for findings.
func idAt(doc *tree.Node, line int) string {
	for _, list := range []string{"units", "goals", "kpis"} {
		for _, n := range items(doc.Get(list)) {
			if n.Anchor().Line <= line && line <= n.EndLine {
				return text(n, "id")
			}
		}
	}
	return ""
}

// Files loads the given files (paths relative to root, forward slashes)
// with up to workers goroutines, and builds the catalogue in path order.
//
// overlay holds content to use instead of the file on disk (an editor's
// unsaved buffer, read from standard input), keyed by relative path.
func Files(root string, rels []string, lim Limits, workers int, overlay map[string][]byte) *Result {
	if workers < 1 {
		workers = 1
	}
	type parsed struct {
		file     *catalogue.File
		findings []finding.Finding
	}
	results := make([]parsed, len(rels))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, max(len(rels), 1)) {
		wg.Go(func() {
			for i := range next {
				var f *catalogue.File
				var fs []finding.Finding
				if data, ok := overlay[rels[i]]; ok {
					f, fs = Parse(rels[i], data, lim)
				} else {
					f, fs = readAndParse(root, rels[i], lim)
				}
				results[i] = parsed{f, fs}
			}
		})
	}
	for i := range rels {
		next <- i
	}
	close(next)
	wg.Wait()

	res := &Result{Catalogue: &catalogue.Catalogue{}}
	for _, p := range results {
		res.Findings = append(res.Findings, p.findings...)
		if p.file == nil {
			continue
		}
		res.Catalogue.Files = append(res.Catalogue.Files, p.file)
		if len(p.file.Docs) == 0 && !hasRule(p.findings, "syntax") {
			res.Empty++
		}
		for _, doc := range p.file.Docs {
			addDocument(res.Catalogue, p.file, doc)
		}
	}
	res.Catalogue.Index()
	return res
}

var posStart = tree.Pos{Line: 1, Col: 1}

func hasRule(fs []finding.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

func readAndParse(root, rel string, lim Limits) (*catalogue.File, []finding.Finding) {
	full := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	if err == nil && !fi.Mode().IsRegular() {
		f := &catalogue.File{Path: rel, Format: Format(rel)}
		return f, []finding.Finding{{Rule: "syntax", Severity: finding.Error,
			Message:  "not a regular file (a pipe, device or directory); kpilint does not read it",
			Location: finding.Location{File: rel, Line: 1, Column: 1, EndLine: 1, EndColumn: 2}}}
	}
	if err == nil && fi.Size() > lim.MaxFileBytes {
		f := &catalogue.File{Path: rel, Format: Format(rel)}
		return f, []finding.Finding{{Rule: "syntax", Severity: finding.Error,
			Message:  fmt.Sprintf("file is %d bytes, more than the limit of %d; kpilint does not read it", fi.Size(), lim.MaxFileBytes),
			Location: finding.Location{File: rel, Line: 1, Column: 1, EndLine: 1, EndColumn: 2}}}
	}
	data, err := os.ReadFile(full)
	if err != nil {
		f := &catalogue.File{Path: rel, Format: Format(rel)}
		return f, []finding.Finding{{Rule: "syntax", Severity: finding.Error,
			Message:  "cannot read file: " + Truncate(err.Error(), maxMessage),
			Location: finding.Location{File: rel, Line: 1, Column: 1, EndLine: 1, EndColumn: 2}}}
	}
	return Parse(rel, data, lim)
}
