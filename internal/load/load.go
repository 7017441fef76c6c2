// Package load turns files into a catalogue: it finds the files, parses
// them safely (YAML, JSON, CUE), validates them against the schema and
// builds the typed model. Problems with a file are findings (`syntax`,
// `schema`), never errors that stop the run.
package load

import (
	"sync"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/tree"
	"github.com/kpilint/kpilint/rules"
	"github.com/kpilint/kpilint/schema"
)

// Result is a loaded catalogue and what loading found wrong.
type Result struct {
	Catalogue *catalogue.Catalogue
	// Refs are the KPIs of the files loaded with Options.Compact, a file's
	// refs each: what the catalogue-wide rules need of them, in catalogue
	// order. Their full KPIs are not in Catalogue.
	Refs []*catalogue.FileRefs
	// Briefs are the briefs of the reported files' KPIs with
	// Options.Briefs, in catalogue order.
	Briefs   []*catalogue.Brief
	Findings []finding.Finding // syntax, schema and internal-error findings
	Notes    []string          // things skipped, e.g. symlinks out of the root
	Empty    int               // files with no content
}

// Parse reads one file's bytes into a catalogue.File and its syntax and
// schema findings. rel is the file's path relative to the root.
// Units are checked against the default levels.
func Parse(rel string, data []byte, lim document.Limits) (f *catalogue.File, out []finding.Finding) {
	return parse(rel, data, lim, validated, nil, nil, nil)
}

// reading is how much of a file is read.
type reading int

const (
	// validated: in full and checked against the schema (a reported file).
	validated reading = iota
	// unvalidated: in full without the schema, for a file that is only
	// context (its findings would not be reported).
	unvalidated
	// refsOnly: as unvalidated, for a context file of which only its
	// KPIs' refs are kept (a streaming lint): the values refs are not
	// made from may be left out (document.ParseOutline), unless the file
	// has directives, whose extent is worked out from the whole tree.
	refsOnly
)

// parse reads one file as how says into *into (nil: a new File). levels
// are the organisation's levels (nil: the default ones).
func parse(rel string, data []byte, lim document.Limits, how reading, levels []string, a *document.Arena, into *catalogue.File) (f *catalogue.File, out []finding.Finding) {
	format := document.ForName(rel)
	f = fileAt(into, catalogue.File{Path: rel, Format: format.Name, Source: data})
	defer func() {
		if r := recover(); r != nil {
			f.Docs = nil
			out = append(out, finding.New(rules.InternalError.ID,
				finding.Location{File: rel, Line: 1, Column: 1, EndLine: 1, EndColumn: 2},
				i18n.Msg("kpilint failed while reading this file: %v (please report this bug)", r)))
		}
	}()
	var keep []string
	if how == refsOnly && !mayHaveDirectives(data) {
		keep = catalogue.RefKeys
	}
	_, clean, docs, perr := a.ParseOutline(rel, data, lim, keep)
	f.Source = clean
	if perr != nil {
		return f, syntaxFindings(rel, perr)
	}
	f.Docs = docs
	if keep == nil { // an outlined file has no directives (above): not scanned twice
		f.Directives = findDirectives(clean, format.Comment, f.Docs)
	}
	if how != validated {
		return f, nil
	}
	s := schema.MustLoad()
	for _, doc := range f.Docs {
		for _, v := range s.File.Validate(doc) {
			sf := finding.New(rules.Schema.ID, catalogue.Loc(f, v.Pos, v.Width), v.Msg)
			attribute(&sf, f, doc, v.Pos.Line)
			out = append(out, sf)
		}
	}
	for _, doc := range f.Docs {
		out = append(out, goChecks(f, doc, levels)...)
	}
	return f, out
}

// fromCache loads a context file through the cache: served from it when
// its content is known, else parsed, compacted by the hook and stored.
// A file whose stat the pack holds unchanged is served from the pack
// without being read (cache_pack.go).
func (o Options) fromCache(rel string, pk *Pack) parsed {
	st, regular := pk.stat(o.Root, rel)
	if regular {
		if entry, ok := pk.lookup(rel, st); ok {
			if e, err := decodeEntry(entry); err == nil && len(e.Units)+len(e.Goals) == 0 {
				pk.keep(rel, st, entry, false)
				f, refs := e.file(rel)
				return parsed{file: f, refs: refs}
			}
		}
	}
	data, perr := document.ReadFile(o.Root, rel, o.Limits)
	if perr != nil {
		return o.finish(&catalogue.File{Path: rel, Format: document.ForName(rel).Name}, syntaxFindings(rel, perr), nil)
	}
	key := o.Cache.key(document.ForName(rel).Name, data)
	if f, refs, entry, ok := o.Cache.get(rel, key, data); ok {
		if regular {
			pk.keep(rel, st, entry, false)
		}
		return parsed{file: f, refs: refs}
	}
	f, fs := parse(rel, data, o.Limits, o.contextReading(), o.Levels, nil, nil)
	p := o.finish(f, fs, nil)
	if p.file != nil && len(fs) == 0 && len(p.elems.units())+len(p.elems.goals()) == 0 {
		entry := o.Cache.put(key, p.file, p.refs)
		if regular {
			pk.keep(rel, st, entry, false)
		}
	}
	return p
}

// contextReading is how a file that is only context is read: for its
// refs only when the load keeps nothing else of its KPIs (Compact).
func (o Options) contextReading() reading {
	if o.Compact {
		return refsOnly
	}
	return unvalidated
}

// finish builds a parsed file's elements, their KPIs from slab, and runs
// the hook on them.
func (o Options) finish(f *catalogue.File, fs []finding.Finding, slab *kpiSlab) parsed {
	elems := &catalogue.Catalogue{}
	if f != nil {
		for _, doc := range f.Docs {
			addDocument(elems, f, doc, slab)
		}
		if o.Hook != nil {
			fs = append(fs, o.Hook(f, elems, fs)...)
		}
	}
	p := parsed{file: f, findings: fs}
	if o.CompactDefinitions && !o.Compact && f != nil {
		catalogue.CompactOrg(elems.Units, elems.Goals)
		if len(elems.KPIs) == 0 {
			f.Compact()
		}
	}
	if o.Compact && f != nil {
		var org *catalogue.Org
		if o.Org != nil {
			org = o.Org()
		}
		p.refs = catalogue.Refs(f, org, elems.KPIs)
		if o.Briefs && (o.Reported == nil || o.Reported[f.Path]) {
			p.briefs = make([]*catalogue.Brief, len(elems.KPIs))
			for i, k := range elems.KPIs {
				p.briefs[i] = k.Brief(p.refs.At(i))
			}
		}
		elems.KPIs = nil
		f.Compact()
	}
	if len(elems.Units)+len(elems.Goals)+len(elems.KPIs) > 0 {
		p.elems = &elements{elems.Units, elems.Goals, elems.KPIs}
	}
	return p
}

// elements are a loaded file's units, goals and KPIs: nil when it has
// none to keep, as a streamed file mostly has (a Catalogue each held 7.5
// MB of empty ones at a million KPIs until the load's end).
type elements struct {
	Units []*catalogue.Unit
	Goals []*catalogue.Goal
	KPIs  []*catalogue.KPI
}

func (e *elements) units() []*catalogue.Unit {
	if e == nil {
		return nil
	}
	return e.Units
}

func (e *elements) goals() []*catalogue.Goal {
	if e == nil {
		return nil
	}
	return e.Goals
}

func (e *elements) kpis() []*catalogue.KPI {
	if e == nil {
		return nil
	}
	return e.KPIs
}

// syntaxFindings is the `syntax` finding of a file that cannot be read.
func syntaxFindings(rel string, e *document.ParseError) []finding.Finding {
	return []finding.Finding{finding.New(rules.Syntax.ID,
		finding.Location{File: rel, Line: e.Pos.Line, Column: e.Pos.Col, EndLine: e.Pos.Line, EndColumn: e.Pos.Col + 1}, e.Msg)}
}

// attribute names on sf the unit, goal or KPI of doc that spans line: its
// id, and for a KPI where it begins, so the finding counts toward that
// KPI's quality score.
func attribute(sf *finding.Finding, f *catalogue.File, doc *tree.Node, line int) {
	for _, list := range []string{"units", "goals", "kpis"} {
		for _, n := range items(doc.Get(list)) {
			if n.Anchor().Line <= line && line <= n.EndLine {
				sf.ID = text(n, "id")
				if list == "kpis" {
					sf.KPI, sf.Subject = true, catalogue.Loc(f, n.Anchor(), n.AnchorWidth())
				}
				return
			}
		}
	}
}

// Hook is called in a worker for each file once it is parsed, with the
// elements it declares and the file's syntax and schema findings. It
// returns findings to add (e.g. per-KPI rules and the policy, run while
// the file's tree is at hand).
type Hook func(f *catalogue.File, c *catalogue.Catalogue, found []finding.Finding) []finding.Finding

// Options say how to load files.
type Options struct {
	Root    string
	Limits  document.Limits
	Workers int
	// Levels are the organisation's levels, top down (nil: the default).
	Levels []string
	// Overlay holds content to use instead of the file on disk (an
	// editor's unsaved buffer, read from standard input), keyed by
	// relative path.
	Overlay map[string][]byte
	// Hook, if not nil, sees every file in its worker (see Hook).
	Hook Hook
	// Abandon, if not nil, stops the load when it closes: the files no
	// worker has started are left out of the result.
	Abandon <-chan struct{}
	// Compact keeps of each file, once Hook has seen it, only its path and
	// directives, and of each KPI its KPIRef (Result.Refs): memory stays
	// flat however large the catalogue.
	Compact bool
	// Reported, if not nil, names the files whose findings will be
	// reported; the others are context only and are not validated.
	Reported map[string]bool
	// Cache, if not nil, keeps context files (not reported, no units or
	// goals) once compacted, and serves them unchanged.
	Cache *Cache
	// Pack, if not nil, serves the context files whose stat it holds
	// unchanged without reading them, and collects the next pack
	// (cache_pack.go; the caller saves it).
	Pack *Pack
	// Org, if not nil, is the organisation once it is known (nil before):
	// the refs of a file loaded after share its units' and goals' ids
	// (catalogue.Refs).
	Org func() *catalogue.Org
	// Briefs, with Compact, keeps the catalogue.Brief of each KPI of a
	// reported file (Result.Briefs): what the streaming audit reads.
	Briefs bool
	// CompactDefinitions, without Compact, drops the trees of units and
	// goals once Hook has seen their file, and a file's text and trees
	// when it declares no KPIs: for a load whose units and goals nothing
	// reads in full afterwards (a streaming lint without a policy). A
	// million KPIs' 250,000 teams held 350 MB in trees until then.
	CompactDefinitions bool
}

// parsed is one loaded file: its elements and findings.
type parsed struct {
	file     *catalogue.File
	elems    *elements
	refs     *catalogue.FileRefs // with Options.Compact
	briefs   []*catalogue.Brief  // with Options.Briefs, beside refs
	findings []finding.Finding
}

// abandoned reports whether the caller has abandoned the load.
func (o Options) abandoned() bool {
	select {
	case <-o.Abandon:
		return true
	default:
		return false
	}
}

// Files loads the given files (paths relative to the root, forward
// slashes) with up to o.Workers goroutines, and builds the catalogue in
// path order.
func Files(rels []string, o Options) *Result {
	root, lim, workers, overlay, hook := o.Root, o.Limits, max(o.Workers, 1), o.Overlay, o.Hook
	results := make([]parsed, len(rels))
	// The files are one slab: each kept to the end of the run, made one at
	// a time among the parsers' short-lived values of its size, pinned a
	// span of its own (16 MB of spans unused at the end of a 1M lint).
	files := make([]catalogue.File, len(rels))
	pk := o.Pack
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, max(len(rels), 1)) {
		wg.Go(func() {
			// A compacted file keeps nothing of its tree or bytes (finish):
			// the worker's next file reuses their memory.
			var arena *document.Arena
			if o.Compact || o.CompactDefinitions {
				arena = document.NewArena()
			}
			var slab *kpiSlab
			if o.Compact {
				slab = &kpiSlab{}
			}
			for i := range next {
				if o.abandoned() {
					continue
				}
				var f *catalogue.File
				var fs []finding.Finding
				validate := o.Reported == nil || o.Reported[rels[i]]
				if _, inOverlay := overlay[rels[i]]; o.Cache != nil && hook != nil && !validate && !inOverlay {
					results[i] = o.fromCache(rels[i], pk)
					continue
				}
				how := validated
				if !validate {
					how = o.contextReading()
				}
				if data, ok := overlay[rels[i]]; ok {
					f, fs = parse(rels[i], data, lim, how, o.Levels, arena, &files[i])
				} else {
					f, fs = readAndParse(root, rels[i], lim, how, o.Levels, arena, &files[i])
				}
				results[i] = o.finish(f, fs, slab)
				if o.Compact {
					slab.reset() // finish dropped the file's KPIs
				}
				if arena != nil {
					if o.keepsNoTree(results[i].elems) {
						arena.Reset()
					} else {
						arena = document.NewArena()
					}
				}
			}
		})
	}
	for i := range rels {
		next <- i
	}
	close(next)
	wg.Wait()

	res := &Result{Catalogue: &catalogue.Catalogue{}}
	withRefs, found := 0, 0
	for _, p := range results {
		if p.refs.Len() > 0 {
			withRefs++
		}
		found += len(p.findings)
	}
	// A million KPIs: no slices left behind by growing these, and each
	// file's findings let go once copied (they were held twice, and the
	// growing list's last two sizes too, where the run's live heap peaked).
	// The findings have room for the few a lint adds after its load (the
	// catalogue-wide rules', a streaming lint's definition files'):
	// appending those copied all of them, twice.
	res.Refs = make([]*catalogue.FileRefs, 0, withRefs)
	res.Findings = make([]finding.Finding, 0, found+found/16+64)
	for i, p := range results {
		results[i] = parsed{}
		res.Findings = append(res.Findings, p.findings...)
		if p.file == nil {
			continue
		}
		res.Catalogue.Files = append(res.Catalogue.Files, p.file)
		if p.elems == nil && p.refs.Len() == 0 && !hasRule(p.findings, rules.Syntax.ID) {
			res.Empty++
		}
		if p.refs.Len() > 0 {
			res.Refs = append(res.Refs, p.refs)
		}
		res.Briefs = append(res.Briefs, p.briefs...)
		res.Catalogue.Units = append(res.Catalogue.Units, p.elems.units()...)
		res.Catalogue.Goals = append(res.Catalogue.Goals, p.elems.goals()...)
		res.Catalogue.KPIs = append(res.Catalogue.KPIs, p.elems.kpis()...)
	}
	res.Catalogue.Levels = o.Levels
	res.Catalogue.Index()
	return res
}

// keepsNoTree reports whether a file's loaded elements hold nothing of
// its tree once finish is done, so its arena can serve the next file:
// compacted, a file's units and goals keep their trees until the lint
// compacts them; with CompactDefinitions, its KPIs keep theirs.
func (o Options) keepsNoTree(elems *elements) bool {
	if o.Compact {
		return len(elems.units())+len(elems.goals()) == 0
	}
	return len(elems.kpis()) == 0
}

func hasRule(fs []finding.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

func readAndParse(root, rel string, lim document.Limits, how reading, levels []string, a *document.Arena, into *catalogue.File) (*catalogue.File, []finding.Finding) {
	data, perr := a.ReadFile(root, rel, lim)
	if perr != nil {
		return fileAt(into, catalogue.File{Path: rel, Format: document.ForName(rel).Name}), syntaxFindings(rel, perr)
	}
	return parse(rel, data, lim, how, levels, a, into)
}

// fileAt sets *into (a new File when into is nil) to f.
func fileAt(into *catalogue.File, f catalogue.File) *catalogue.File {
	if into == nil {
		into = new(catalogue.File)
	}
	*into = f
	return into
}
