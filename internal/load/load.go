// Package load turns files into a catalogue: it finds the files, parses
// them safely (YAML, JSON, CUE), validates them against the schema and
// builds the typed model. Problems with a file are findings (`syntax`,
// `schema`), never errors that stop the run.
package load

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
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
	return parse(rel, data, lim, true)
}

// parse reads one file; validate=false skips the schema, for files that are
// only context (their findings would not be reported).
func parse(rel string, data []byte, lim Limits, validate bool) (f *catalogue.File, out []finding.Finding) {
	f = &catalogue.File{Path: rel, Format: Format(rel), Source: data}
	defer func() {
		if r := recover(); r != nil {
			f.Docs = nil
			out = append(out, finding.Finding{Rule: "internal-error", Severity: finding.Error,
				Location: finding.Location{File: rel, Line: 1, Column: 1, EndLine: 1, EndColumn: 2},
				Text:     i18n.Msg("kpilint failed while reading this file: %v (please report this bug)", r)})
			out[len(out)-1].Message = out[len(out)-1].Text.String()
		}
	}()
	syntax := func(e *ParseError) []finding.Finding { return syntaxFindings(rel, e) }
	if int64(len(data)) > lim.MaxFileBytes {
		return f, syntax(perr(posStart, "file is %d bytes, more than the limit of %d; kpilint does not read it", len(data), lim.MaxFileBytes))
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
	if !validate {
		return f, nil
	}
	s := schema.MustLoad()
	for _, doc := range f.Docs {
		for _, v := range s.File.Validate(doc) {
			out = append(out, finding.Finding{Rule: "schema", Severity: finding.Error, Message: v.Msg, Text: v.Text,
				Location: catalogue.Loc(f, v.Pos, v.Width), ID: idAt(doc, v.Pos.Line)})
		}
	}
	for _, doc := range f.Docs {
		out = append(out, unitParents(f, doc)...)
	}
	return f, out
}

// fromCache loads a context file through the cache: served from it when
// its content is known, else parsed, compacted by the hook and stored.
func (o Options) fromCache(rel string) parsed {
	data, perr := ReadFile(o.Root, rel, o.Limits)
	if perr != nil {
		return o.finish(&catalogue.File{Path: rel, Format: Format(rel)}, syntaxFindings(rel, perr))
	}
	key := o.Cache.key(Format(rel), data)
	if f, elems, _, ok := o.Cache.get(rel, key); ok {
		return parsed{file: f, elems: elems}
	}
	f, fs := parse(rel, data, o.Limits, false)
	p := o.finish(f, fs)
	if p.file != nil && len(fs) == 0 && len(p.elems.Units)+len(p.elems.Goals) == 0 {
		o.Cache.put(key, p.file, p.elems, len(p.elems.KPIs) == 0)
	}
	return p
}

// finish builds a parsed file's elements and runs the hook on them.
func (o Options) finish(f *catalogue.File, fs []finding.Finding) parsed {
	elems := &catalogue.Catalogue{}
	if f != nil {
		for _, doc := range f.Docs {
			addDocument(elems, f, doc)
		}
		if o.Hook != nil {
			fs = append(fs, o.Hook(f, elems)...)
		}
	}
	return parsed{f, elems, fs}
}

// syntaxFindings is the `syntax` finding of a file that cannot be read.
func syntaxFindings(rel string, e *ParseError) []finding.Finding {
	return []finding.Finding{{Rule: "syntax", Severity: finding.Error, Message: e.Msg, Text: e.Text,
		Location: finding.Location{File: rel, Line: e.Pos.Line, Column: e.Pos.Col, EndLine: e.Pos.Line, EndColumn: e.Pos.Col + 1}}}
}

// unitParents checks what the CUE schema leaves to Go: a unit below the
// organisation level needs a parent.
func unitParents(f *catalogue.File, doc *tree.Node) []finding.Finding {
	var out []finding.Finding
	for _, u := range items(doc.Get("units")) {
		level := text(u, "level")
		if level != "" && level != "organisation" && u.Get("parent") == nil {
			out = append(out, finding.Finding{Rule: "schema", Severity: finding.Error, ID: text(u, "id"),
				Text:     i18n.Msg("a %s unit must name its parent unit (`parent:`)", level),
				Location: catalogue.Loc(f, u.Anchor(), u.AnchorWidth())})
			out[len(out)-1].Message = out[len(out)-1].Text.String()
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

// Hook is called in a worker for each file once it is parsed, with the
// elements it declares. It returns findings to add (e.g. per-KPI rules run
// while the file's tree is at hand) and may compact what it was given.
type Hook func(f *catalogue.File, c *catalogue.Catalogue) []finding.Finding

// Options say how to load files.
type Options struct {
	Root    string
	Limits  Limits
	Workers int
	// Overlay holds content to use instead of the file on disk (an
	// editor's unsaved buffer, read from standard input), keyed by
	// relative path.
	Overlay map[string][]byte
	// Hook, if not nil, sees every file in its worker (see Hook).
	Hook Hook
	// Reported, if not nil, names the files whose findings will be
	// reported; the others are context only and are not validated.
	Reported map[string]bool
	// Cache, if not nil, keeps context files (not reported, no units or
	// goals) once Hook has compacted them, and serves them unchanged.
	Cache *Cache
}

// parsed is one loaded file: its elements and findings.
type parsed struct {
	file     *catalogue.File
	elems    *catalogue.Catalogue
	findings []finding.Finding
}

// Files loads the given files (paths relative to the root, forward
// slashes) with up to o.Workers goroutines, and builds the catalogue in
// path order.
func Files(rels []string, o Options) *Result {
	root, lim, workers, overlay, hook := o.Root, o.Limits, max(o.Workers, 1), o.Overlay, o.Hook
	results := make([]parsed, len(rels))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, max(len(rels), 1)) {
		wg.Go(func() {
			for i := range next {
				var f *catalogue.File
				var fs []finding.Finding
				validate := o.Reported == nil || o.Reported[rels[i]]
				if _, inOverlay := overlay[rels[i]]; o.Cache != nil && hook != nil && !validate && !inOverlay {
					results[i] = o.fromCache(rels[i])
					continue
				}
				if data, ok := overlay[rels[i]]; ok {
					f, fs = parse(rels[i], data, lim, validate)
				} else {
					f, fs = readAndParse(root, rels[i], lim, validate)
				}
				results[i] = o.finish(f, fs)
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
		if len(p.elems.Units)+len(p.elems.Goals)+len(p.elems.KPIs) == 0 && !hasRule(p.findings, "syntax") {
			res.Empty++
		}
		res.Catalogue.Units = append(res.Catalogue.Units, p.elems.Units...)
		res.Catalogue.Goals = append(res.Catalogue.Goals, p.elems.Goals...)
		res.Catalogue.KPIs = append(res.Catalogue.KPIs, p.elems.KPIs...)
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

func readAndParse(root, rel string, lim Limits, validate bool) (*catalogue.File, []finding.Finding) {
	data, perr := ReadFile(root, rel, lim)
	if perr != nil {
		return &catalogue.File{Path: rel, Format: Format(rel)}, syntaxFindings(rel, perr)
	}
	return parse(rel, data, lim, validate)
}

// ReadFile reads a catalogue file (rel to root) the safe way: only a
// regular file (reading a pipe would block forever), and only within the
// size limit. Every reader of catalogue files goes through it.
func ReadFile(root, rel string, lim Limits) ([]byte, *ParseError) {
	full := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	if err == nil && !fi.Mode().IsRegular() {
		return nil, perr(posStart, "not a regular file (a pipe, device or directory); kpilint does not read it")
	}
	if err == nil && fi.Size() > lim.MaxFileBytes {
		return nil, perr(posStart, "file is %d bytes, more than the limit of %d; kpilint does not read it", fi.Size(), lim.MaxFileBytes)
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, perr(posStart, "cannot read file: %s", Truncate(err.Error(), maxMessage))
	}
	return data, nil
}

// MayDeclareUnitsOrGoals reports whether a file's text could declare units
// or goals: a key named units or goals, quoted or not, followed by a colon.
// It can say yes for a file that only mentions the words; it says no only
// when the file cannot declare them in plain YAML, JSON or CUE.
func MayDeclareUnitsOrGoals(data []byte) bool {
	for _, word := range [][]byte{[]byte("units"), []byte("goals")} {
		for i := 0; i < len(data); {
			j := bytes.Index(data[i:], word)
			if j < 0 {
				break
			}
			k := i + j + len(word)
			if k < len(data) && (data[k] == '"' || data[k] == '\'') {
				k++
			}
			for k < len(data) && (data[k] == ' ' || data[k] == '\t') {
				k++
			}
			if k < len(data) && data[k] == ':' {
				return true
			}
			i += j + 1
		}
	}
	return false
}
