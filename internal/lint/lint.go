// Package lint runs kpilint end to end: files → load → catalogue → rules →
// findings, then suppression, configured ignores and the choice of what to
// report. It knows nothing of output formats.
package lint

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/load"
	"github.com/kpilint/kpilint/internal/policy"
	"github.com/kpilint/kpilint/rules"
)

// Options are the inputs of one run.
type Options struct {
	Config  *config.Config
	Paths   []string // as given on the command line, relative to the working directory
	Today   time.Time
	Workers int
	// Baseline hides the findings it records (nil: none); its entries
	// that match nothing are counted as stale.
	Baseline Baseline
	// Since hides, after Baseline, the findings a gate found at the
	// revision it compares with (see Since); they are never stale.
	Since Baseline
	// Stdin, when StdinPath is set, is linted as if it were the file at
	// StdinPath (which need not exist): the editor case. The rest of the
	// catalogue is context, and only that file is reported.
	StdinPath string
	Stdin     []byte
	// Lang is the language of the findings' messages (default English).
	Lang string
	// CacheDir, when set, keeps what a compacted run needs of context
	// files (not among Paths), so that linting one file of a big catalogue
	// does not parse the others again (see load.Cache). The caller decides
	// where: the user's cache directory, or a test's temporary one.
	CacheDir string
	// Compact runs the per-KPI rules while each file's tree is in hand and
	// then keeps only what the catalogue-wide rules need, so memory stays
	// flat however large the catalogue. The result then has the outline
	// only, unless KeepKPIs.
	Compact bool
	// KeepKPIs, with Compact, keeps the brief of each reported KPI
	// (catalogue.Brief: what the audit reads), so that Result.Full and
	// Result.Catalogue serve the audit without keeping any file's tree.
	KeepKPIs bool
	// KeepScores, with Compact, keeps each KPI's scores (Result.Scores);
	// KeepKPIs implies it.
	KeepScores bool
	// CatalogueWide reports the catalogue-wide rules' findings wherever
	// they are, not only in the files among Paths, and lets Paths be
	// empty (no file reported): the narrow comparison of a gate (Since).
	CatalogueWide bool
}

// Result is what a run found.
type Result struct {
	Findings []finding.Finding // reported, unsuppressed, sorted
	Summary  Summary
	// Baselined are the findings the baseline hid.
	Baselined []finding.Finding
	// Files are the reported files, relative to the root, sorted.
	Files []string
	// Outline is the catalogue as the catalogue-wide rules saw it.
	Outline *catalogue.Outline
	// Catalogue is the catalogue in full; nil after a streaming (Compact)
	// run, which keeps only the outline.
	Catalogue *catalogue.Catalogue
	Notes     []string
	// Scores holds the scores of each active key KPI (kind: kpi) in the
	// reported files, in catalogue order; nil after a streaming run that
	// keeps no scores (Options.KeepScores), whose Summary has their means.
	Scores []KPIScore
	// full maps each ref of the outline to its KPI, when Catalogue is kept.
	full map[catalogue.KPIRef]*catalogue.Brief
}

// KPIScore is one key KPI's scores, in percent (docs/rules.md, "Scores").
type KPIScore struct {
	KPI          catalogue.KPIRef
	Quality      float64
	Completeness float64
}

// Full is what the audit reads of the KPI behind a ref of the outline, or
// nil after a streaming run that kept no briefs.
func (r *Result) Full(ref catalogue.KPIRef) *catalogue.Brief { return r.full[ref] }

// Summary counts a run's findings.
type Summary struct {
	Files      int `json:"files"`
	KPIs       int `json:"kpis"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Infos      int `json:"infos"`
	Suppressed int `json:"suppressed"`
	Baselined  int `json:"baselined"`
	// Score is the catalogue's quality score; Completeness how much of
	// the definitions is written down (docs/rules.md, "Scores").
	Score        float64 `json:"score"`
	Completeness float64 `json:"completeness"`
}

// Run lints the catalogue.
func Run(opts Options) (*Result, error) {
	cfg := opts.Config
	paths := opts.Paths
	if len(paths) == 0 && opts.StdinPath == "" && !opts.CatalogueWide {
		paths = []string{"."}
	}
	sel, err := load.Discover(cfg.Root, paths, cfg.Include, cfg.Exclude)
	if err != nil {
		return nil, err
	}
	var overlay map[string][]byte
	if opts.StdinPath != "" {
		rel, err := sel.Add(cfg.Root, opts.StdinPath)
		if err != nil {
			return nil, err
		}
		overlay = map[string][]byte{rel: opts.Stdin}
	}
	var pol *policy.Policy
	if len(cfg.Policy) > 0 && cfg.Rules.Severity(rules.Policy.ID) != finding.Off {
		if pol, err = policy.Load(cfg.Root, cfg.Boundary(), cfg.Policy); err != nil {
			return nil, err
		}
	}
	var (
		loaded  *load.Result
		outline *catalogue.Outline
		all     []finding.Finding
		full    map[catalogue.KPIRef]*catalogue.Brief
	)
	if opts.Compact {
		if loaded, outline, all, full, err = loadStreaming(cfg, sel, opts, overlay, pol); err != nil {
			return nil, err
		}
	}
	if outline == nil {
		loaded = load.Files(sel.Files, load.Options{Root: cfg.Root, Limits: cfg.Limits, Levels: cfg.Levels, Workers: opts.Workers, Overlay: overlay})
		cat := loaded.Catalogue
		all = append(loaded.Findings, rules.RunKPIs(&cat.Org, cat.KPIs, cfg.Rules, opts.Today)...)
		if pol != nil {
			fs, err := pol.Check(&cat.Org, cat, schemaRejected(all))
			if err != nil {
				return nil, err
			}
			all = append(all, withoutSchemaTwins(fs, all)...)
		}
		outline, _ = cat.Outline()
		full = make(map[catalogue.KPIRef]*catalogue.Brief, len(cat.KPIs))
		for i, ref := range outline.KPIs.All() {
			full[ref] = cat.KPIs[i].Brief(ref)
		}
	}
	all = append(all, rules.RunCatalogue(outline, cfg.Rules, opts.Today)...)
	all = cfg.Rules.Apply(all)
	kept, suppressed, directives := suppress(outline.Files, all)
	kept = append(kept, cfg.Rules.Apply(directives)...)
	kept, ignored := ignore(kept, cfg.Ignore)
	hidden := 0
	for _, f := range append(suppressed, ignored...) {
		if reported(f, sel.Reported) {
			hidden++
		}
	}

	res := &Result{Outline: outline, Notes: append(sel.Notes, loaded.Notes...), full: full}
	if full != nil {
		res.Catalogue = loaded.Catalogue
	}
	// The scores first, from every finding kept: the report's list is
	// then filtered from those in place (a copy was 8.5 MB at the end of
	// a million KPIs' run, where its live heap peaked).
	kpis := 0
	active := outline.ActiveKPIs() // once: with a retired KPI it is a list of its own
	for _, k := range active.All() {
		if sel.Reported[k.File().Path] {
			kpis++
		}
	}
	// A streaming lint that keeps no KPIs keeps no scores either, only
	// their means: a million KPIs' scores were 24 MB at the run's peak.
	var quality, completeness mean
	keepScores := !opts.Compact || opts.KeepKPIs || opts.KeepScores
	eachScore(active, sel.Reported, kept, func(s KPIScore) {
		quality.add(s.Quality)
		completeness.add(s.Completeness)
		if keepScores {
			if res.Scores == nil {
				res.Scores = make([]KPIScore, 0, kpis) // at most: growing it left 40 MB behind at 1M
			}
			res.Scores = append(res.Scores, s)
		}
	})
	res.Findings = kept[:0]
	for _, f := range kept {
		if reported(f, sel.Reported) || opts.CatalogueWide && isWide(f) {
			res.Findings = append(res.Findings, f)
		}
	}
	clear(kept[len(res.Findings):]) // what was filtered out holds nothing
	finding.Sort(res.Findings)
	if opts.Baseline != nil {
		var stale int
		res.Findings, res.Baselined, stale = opts.Baseline.apply(res.Findings, false)
		if stale > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("%d baseline %s no longer match: run --write-baseline to prune", stale, i18n.Plural(stale, "entry", "entries")))
		}
	}
	if opts.Since != nil {
		var old []finding.Finding
		res.Findings, old, _ = opts.Since.apply(res.Findings, true)
		res.Baselined = append(res.Baselined, old...)
	}
	res.Summary = summarise(res.Findings)
	res.Summary.Baselined = len(res.Baselined)
	res.Summary.Suppressed = hidden
	res.Summary.Files = len(sel.Reported)
	for f := range sel.Reported {
		res.Files = append(res.Files, f)
	}
	slices.Sort(res.Files)
	res.Summary.KPIs = kpis
	res.Summary.Score, res.Summary.Completeness = quality.value(), completeness.value()
	return res, nil
}

// schemaRejected says whether the schema already rejects an element (a
// schema finding lies within its lines): the policy does not evaluate it
// (docs/security.md). An unknown key is a schema finding; 40,000 of them in
// one KPI made the CUE evaluation take 13 s and give 40,000 findings.
func schemaRejected(fs []finding.Finding) func(*catalogue.Element) bool {
	lines := map[string][]int{}
	for _, f := range fs {
		if f.Rule == rules.Schema.ID {
			lines[f.File] = append(lines[f.File], f.Line)
		}
	}
	for _, ls := range lines {
		slices.Sort(ls)
	}
	return func(e *catalogue.Element) bool {
		ls := lines[e.File.Path]
		if len(ls) == 0 || e.Node == nil {
			return false
		}
		from := e.Loc().Line
		i, _ := slices.BinarySearch(ls, from)
		return i < len(ls) && ls[i] <= e.Node.EndLine
	}
}

// withoutSchemaTwins drops the policy findings at a key where the schema
// already reports one: a value of the wrong type breaks both, and the
// schema's message says how to fix it.
func withoutSchemaTwins(policy, others []finding.Finding) []finding.Finding {
	type at struct {
		file      string
		line, col int
	}
	schema := map[at]bool{}
	for _, f := range others {
		if f.Rule == rules.Schema.ID {
			schema[at{f.File, f.Line, f.Column}] = true
		}
	}
	var out []finding.Finding
	for _, f := range policy {
		if !schema[at{f.File, f.Line, f.Column}] {
			out = append(out, f)
		}
	}
	return out
}

// isWide reports whether f is a catalogue-wide rule's.
func isWide(f finding.Finding) bool {
	r := rules.Lookup(f.Rule)
	return r != nil && r.Check != nil
}

func reported(f finding.Finding, files map[string]bool) bool {
	if files[f.File] {
		return true
	}
	for _, r := range f.Related {
		if files[r.File] {
			return true
		}
	}
	return false
}

// ignore splits findings into those kept and those hidden by the
// configuration's ignore entries.
func ignore(fs []finding.Finding, ignores []config.Ignore) (kept, ignored []finding.Finding) {
	if len(ignores) == 0 {
		return fs, nil // no copy of a million KPIs' findings
	}
	kept = make([]finding.Finding, 0, len(fs))
	for _, f := range fs {
		if ignoredBy(f, ignores) {
			ignored = append(ignored, f)
			continue
		}
		kept = append(kept, f)
	}
	return kept, ignored
}

func ignoredBy(f finding.Finding, ignores []config.Ignore) bool {
	for _, ig := range ignores {
		if ig.Rule != f.Rule {
			continue
		}
		pathOK := len(ig.Paths) == 0
		for _, g := range ig.Paths {
			if ok, _ := doublestar.Match(g, f.File); ok {
				pathOK = true
			}
		}
		idOK := len(ig.IDs) == 0
		for _, id := range ig.IDs {
			if id == f.ID {
				idOK = true
			}
		}
		if pathOK && idOK {
			return true
		}
	}
	return false
}

// Only is the result with the findings at or above min: `--quiet` shows
// errors only. The counts are of what is shown; the health score and the
// KPI and file counts are the whole run's.
func (r *Result) Only(min finding.Severity) *Result {
	out := *r
	out.Findings = nil
	for _, f := range r.Findings {
		if f.Severity >= min {
			out.Findings = append(out.Findings, f)
		}
	}
	s := summarise(out.Findings)
	out.Summary.Errors, out.Summary.Warnings, out.Summary.Infos = s.Errors, s.Warnings, s.Infos
	return &out
}

func summarise(fs []finding.Finding) Summary {
	var s Summary
	for _, f := range fs {
		switch f.Severity {
		case finding.Error:
			s.Errors++
		case finding.Warning:
			s.Warnings++
		case finding.Info:
			s.Infos++
		}
	}
	return s
}

// eachScore calls yield with the scores of each key KPI (kind: kpi) of
// active, the outline's active KPIs, in the reported files, in catalogue
// order (docs/rules.md, "Scores").
// Quality is 100 − 25·errors − 10·warnings − 2·infos, at least 0, over the
// unsuppressed findings of the quality rules that concern the KPI, matched
// by where the KPI begins, not by its id; completeness is the share of the
// completeness rules' fields it has.
func eachScore(active catalogue.RefList, files map[string]bool, fs []finding.Finding, yield func(KPIScore)) {
	type penalty struct{ errors, warnings, infos int }
	byKPI := map[finding.Location]*penalty{}
	for _, f := range fs {
		if !f.KPI || rules.IsCompleteness(f.Rule) {
			continue
		}
		key := f.Subject.Start()
		p := byKPI[key]
		if p == nil {
			p = &penalty{}
			byKPI[key] = p
		}
		switch f.Severity {
		case finding.Error:
			p.errors++
		case finding.Warning:
			p.warnings++
		case finding.Info:
			p.infos++
		}
	}
	fields := len(rules.CompletenessRules())
	for _, k := range active.All() {
		if !files[k.File().Path] || k.IsMetric() {
			continue
		}
		s := KPIScore{KPI: k, Quality: 100,
			Completeness: math.Round(float64(fields-bits.OnesCount16(k.Missing()))*1000/float64(fields)) / 10}
		if p := byKPI[k.Loc().Start()]; p != nil {
			s.Quality = math.Max(0, 100-25*float64(p.errors)-10*float64(p.warnings)-2*float64(p.infos))
		}
		yield(s)
	}
}

// mean is the mean of a score over the KPIs added, rounded to one decimal;
// 100 for none.
type mean struct {
	sum float64
	n   int
}

func (m *mean) add(v float64) { m.sum, m.n = m.sum+v, m.n+1 }

func (m *mean) value() float64 {
	if m.n == 0 {
		return 100
	}
	return math.Round(m.sum/float64(m.n)*10) / 10
}

// Quality and Completeness select a score (the audit's histograms).
func Quality(s KPIScore) float64      { return s.Quality }
func Completeness(s KPIScore) float64 { return s.Completeness }

// Failed reports whether any finding is at or above failOn.
func (r *Result) Failed(failOn finding.Severity) bool {
	if failOn == finding.Off {
		return false
	}
	for _, f := range r.Findings {
		if f.Severity >= failOn {
			return true
		}
	}
	return false
}

// splitDefinitions sorts the files into those that may declare units or
// goals (or cannot be read: the loader reports those) and the rest, by a
// byte scan of each on up to workers goroutines.
//
// The context files the pack holds unchanged are not read: packedDefs
// declare units or goals, packed only KPIs (nothing of them waits for the
// units and goals).
func splitDefinitions(cfg *config.Config, files []string, overlay map[string][]byte, workers int, pack *load.Pack, reported map[string]bool) (defs, packedDefs, rest, packed []string) {
	mayDeclare := make([]bool, len(files))
	unchanged := make([]bool, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(workers, 1) {
		wg.Go(func() {
			arena := document.NewArena() // for its read buffer: the bytes are scanned, then dropped
			for i := range next {
				data, ok := overlay[files[i]]
				if !ok {
					if same, declares := pack.Check(cfg.Root, files[i]); same {
						unchanged[i], mayDeclare[i] = true, declares
						continue
					}
					var perr *document.ParseError
					if data, perr = arena.ReadFile(cfg.Root, files[i], cfg.Limits); perr != nil {
						mayDeclare[i] = true
						continue
					}
				}
				mayDeclare[i] = document.ForName(files[i]).MayDeclare(data, "units", "goals")
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, rel := range files {
		fromPack := unchanged[i] && !reported[rel]
		switch {
		case mayDeclare[i] && fromPack:
			packedDefs = append(packedDefs, rel)
		case mayDeclare[i]:
			defs = append(defs, rel)
		case fromPack:
			packed = append(packed, rel)
		default:
			rest = append(rest, rel)
		}
	}
	return defs, packedDefs, rest, packed
}

// loadStreaming loads the files that may declare units or goals first,
// then streams the rest: each worker parses a file, runs the per-KPI rules
// on it with every unit and goal already known, and keeps only the outline
// of its KPIs. It returns a nil outline if a streamed file turned out to
// declare units or goals after all (a key the quick scan could not see),
// so that the caller loads the ordinary way.
//
// Files that are only context (not among the reported paths) are neither
// validated nor checked by the per-KPI rules, whose findings would stay in
// those files: the pre-commit case, one changed file in a big catalogue.
func loadStreaming(cfg *config.Config, sel *load.Selection, opts Options, overlay map[string][]byte, pol *policy.Policy) (
	*load.Result, *catalogue.Outline, []finding.Finding, map[catalogue.KPIRef]*catalogue.Brief, error) {
	cache := load.OpenCache(opts.CacheDir, cfg.Limits)
	pack := cache.OpenPack(cfg.Root)
	defs, packedDefs, rest, packed := splitDefinitions(cfg, sel.Files, overlay, opts.Workers, pack, sel.Reported)
	// surprise: a streamed file declared units or goals after all.
	var surprise atomic.Bool
	declares := func(elems *catalogue.Catalogue) bool {
		if len(elems.Units)+len(elems.Goals) > 0 {
			surprise.Store(true)
			return true
		}
		return false
	}
	// Context files from the pack need nothing of the units and goals:
	// they load while the files that declare those are parsed (at 100,000
	// KPIs, one file of units and goals keeps one core busy for 0.3 s).
	var early *load.Result
	var earlyDone sync.WaitGroup
	if len(packed) > 0 {
		elo := load.Options{Root: cfg.Root, Limits: cfg.Limits, Levels: cfg.Levels, Workers: opts.Workers, Reported: sel.Reported,
			Cache: cache, Pack: pack, Compact: true, Hook: func(_ *catalogue.File, elems *catalogue.Catalogue, _ []finding.Finding) []finding.Finding {
				declares(elems)
				return nil
			}}
		earlyDone.Go(func() { early = load.Files(packed, elo) })
		defer earlyDone.Wait() // on every return: no load outlives the run
	}
	// The files of KPIs start loading while the files that declare units
	// and goals load: they are read and parsed, and their per-KPI rules
	// wait for the organisation (org, set before orgReady closes; nil
	// when this load is abandoned), so that each worker holds at most the
	// one file it has parsed. At 1,000 KPIs the definitions file kept one
	// core busy and the other idle for a millisecond of a 20-ms run.
	var (
		org        *catalogue.Org
		orgReady   = make(chan struct{})
		abandon    = make(chan struct{})
		second     *load.Result
		secondDone sync.WaitGroup
	)
	released := false
	release := func(o *catalogue.Org) {
		if !released {
			org, released = o, true
			if o == nil {
				close(abandon) // the files no worker has started are not read
			}
			close(orgReady)
		}
	}
	policies := newPolicyPool(pol)
	ro := load.Options{Root: cfg.Root, Limits: cfg.Limits, Levels: cfg.Levels, Workers: opts.Workers, Overlay: overlay, Reported: sel.Reported,
		CompactDefinitions: pol == nil, Cache: cache, Pack: pack, Compact: true, Briefs: opts.KeepKPIs, Abandon: abandon,
		Org: func() *catalogue.Org {
			select {
			case <-orgReady:
				return org
			default:
				return nil // a context file read before the organisation is known
			}
		},
		Hook: func(f *catalogue.File, elems *catalogue.Catalogue, found []finding.Finding) []finding.Finding {
			if declares(elems) || !sel.Reported[f.Path] {
				return nil
			}
			<-orgReady
			if org == nil {
				return nil
			}
			fs := rules.RunKPIs(org, elems.KPIs, cfg.Rules, opts.Today)
			if pol != nil {
				pfs := policies.check(org, elems, schemaRejected(found))
				fs = append(fs, withoutSchemaTwins(pfs, found)...)
			}
			return fs
		}}
	secondDone.Go(func() { second = load.Files(rest, ro) })
	defer func() {
		release(nil) // an early return: the rules of the files of KPIs are skipped
		secondDone.Wait()
	}()
	// Without a policy nothing reads a unit or goal in full once its file
	// is checked: their trees go as each file is read.
	lo := load.Options{Root: cfg.Root, Limits: cfg.Limits, Levels: cfg.Levels, Workers: opts.Workers, Overlay: overlay, Reported: sel.Reported,
		CompactDefinitions: pol == nil}
	first := load.Files(defs, lo)
	cat := first.Catalogue
	packedRefs, ok := addPackedDefs(cfg.Root, cat, packedDefs, pack)
	if !ok {
		return nil, nil, nil, nil, nil // the pack failed a file it promised: load the ordinary way
	}
	var reportedKPIs []*catalogue.KPI
	for _, k := range cat.KPIs {
		if sel.Reported[k.File.Path] {
			reportedKPIs = append(reportedKPIs, k)
		}
	}
	all := append(first.Findings, rules.RunKPIs(&cat.Org, reportedKPIs, cfg.Rules, opts.Today)...)
	if pol != nil {
		reported := &catalogue.Catalogue{KPIs: reportedKPIs}
		for _, u := range cat.Units {
			if sel.Reported[u.File.Path] {
				reported.Units = append(reported.Units, u)
			}
		}
		for _, g := range cat.Goals {
			if sel.Reported[g.File.Path] {
				reported.Goals = append(reported.Goals, g)
			}
		}
		fs, err := pol.Check(&cat.Org, reported, schemaRejected(all))
		if err != nil {
			return nil, nil, nil, nil, err
		}
		all = append(all, withoutSchemaTwins(fs, all)...)
	}
	outline, defRefs := cat.Outline()
	var full map[catalogue.KPIRef]*catalogue.Brief
	if opts.KeepKPIs {
		full = map[catalogue.KPIRef]*catalogue.Brief{}
		for i, ref := range outline.KPIs.All() {
			if sel.Reported[ref.File().Path] {
				full[ref] = cat.KPIs[i].Brief(ref)
			}
		}
	}
	catalogue.CompactOrg(cat.Units, cat.Goals)
	for _, f := range cat.Files {
		f.Compact()
	}
	cat.KPIs = nil
	packDefs(cat, defRefs, first.Findings, sel.Reported, pack)
	defRefs = append(defRefs, packedRefs...)
	// From here the rules and the audit read the units and goals from the
	// organisation's records (Catalogue.Index), which hold no pointer for
	// the collector to follow: the units themselves go.
	cat.Units, cat.Goals = nil, nil

	release(&cat.Org)
	secondDone.Wait()
	earlyDone.Wait()
	if early != nil {
		second.Findings = append(second.Findings, early.Findings...)
		second.Catalogue.Files = append(second.Catalogue.Files, early.Catalogue.Files...)
		second.Refs = append(second.Refs, early.Refs...)
		second.Notes = append(second.Notes, early.Notes...)
		second.Empty += early.Empty
	}
	pack.Save(sel.Reported)
	if err := policies.err(); err != nil {
		return nil, nil, nil, nil, err
	}
	if ro.Cache.Stored() > 0 {
		load.PruneCache(opts.CacheDir, load.MaxCacheBytes) // bounded, least recently used out
	}
	if surprise.Load() {
		return nil, nil, nil, nil, nil
	}
	// The second load's findings are nearly all of them, with room for
	// the rest (load.Files): these go after them, not the other way, which
	// copied them all. Their files differ, so the report's order (sorted)
	// is the same.
	all = append(second.Findings, all...)
	second.Findings = nil
	outline.Files = append(outline.Files, second.Catalogue.Files...)
	slices.SortStableFunc(outline.Files, func(a, b *catalogue.File) int { return strings.Compare(a.Path, b.Path) })
	first.Notes = append(first.Notes, second.Notes...)
	first.Empty += second.Empty
	for _, b := range second.Briefs {
		full[b.KPIRef] = b
	}
	// The refs of every file, in catalogue order: a file's refs are in
	// its order already, so the files are sorted by path.
	refs := slices.Concat(defRefs, second.Refs)
	second.Refs = nil
	catalogue.SortRefFiles(refs)
	outline.KPIs = catalogue.NewRefList(refs)
	if full != nil {
		cat.Files = outline.Files // what the audit reads of the catalogue: the organisation and the files
	}
	return first, outline, all, full, nil
}

// addPackedDefs adds to cat the files of units and goals the pack serves,
// in catalogue order, and returns their KPIs' refs; ok is false if the
// pack cannot serve one after all (an entry that does not decode).
func addPackedDefs(root string, cat *catalogue.Catalogue, rels []string, pack *load.Pack) (refs []*catalogue.FileRefs, ok bool) {
	if len(rels) == 0 {
		return nil, true
	}
	for _, rel := range rels {
		f, units, goals, fileRefs, ok := pack.Defs(root, rel)
		if !ok {
			return nil, false
		}
		cat.Files = append(cat.Files, f)
		cat.Units = append(cat.Units, units...)
		cat.Goals = append(cat.Goals, goals...)
		if fileRefs.Len() > 0 {
			refs = append(refs, fileRefs)
		}
	}
	byPath := func(a, b *catalogue.File) int { return strings.Compare(a.Path, b.Path) }
	slices.SortStableFunc(cat.Files, byPath)
	slices.SortStableFunc(cat.Units, func(a, b *catalogue.Unit) int { return byPath(a.File, b.File) })
	slices.SortStableFunc(cat.Goals, func(a, b *catalogue.Goal) int { return byPath(a.File, b.File) })
	cat.Index()
	return refs, true
}

// packDefs gives the pack the context files of units and goals just
// parsed, compacted, with their KPIs' refs (files with findings are not
// packed: they are parsed again).
func packDefs(cat *catalogue.Catalogue, refs []*catalogue.FileRefs, found []finding.Finding, reported map[string]bool, pack *load.Pack) {
	if pack == nil {
		return
	}
	type defsFile struct {
		units []*catalogue.Unit
		goals []*catalogue.Goal
		refs  *catalogue.FileRefs
	}
	withFindings := map[string]bool{}
	for _, f := range found {
		withFindings[f.File] = true
	}
	files := map[*catalogue.File]*defsFile{}
	at := func(f *catalogue.File) *defsFile {
		if reported[f.Path] || withFindings[f.Path] {
			return nil
		}
		d := files[f]
		if d == nil {
			d = &defsFile{}
			files[f] = d
		}
		return d
	}
	for _, u := range cat.Units {
		if d := at(u.File); d != nil {
			d.units = append(d.units, u)
		}
	}
	for _, g := range cat.Goals {
		if d := at(g.File); d != nil {
			d.goals = append(d.goals, g)
		}
	}
	for _, r := range refs {
		if d := files[r.File()]; d != nil {
			d.refs = r
		}
	}
	for f, d := range files {
		pack.KeepDefs(f, d.units, d.goals, d.refs)
	}
}

// policyPool lends each worker of a streaming lint a policy of its own
// (a CUE context is not safe for concurrent use), made when first needed.
type policyPool struct {
	base  *policy.Policy
	idle  chan *policy.Policy
	mu    sync.Mutex
	first error
}

// newPolicyPool lends base itself first: the files that declare units and
// goals are checked with it before the workers start, so no worker shares
// it, and a run with two workers compiles the policy twice, not three times.
func newPolicyPool(base *policy.Policy) *policyPool {
	pp := &policyPool{base: base, idle: make(chan *policy.Policy, 64)}
	if base != nil {
		pp.idle <- base
	}
	return pp
}

// check checks one file's elements with a policy no other worker holds.
func (pp *policyPool) check(org *catalogue.Org, elems *catalogue.Catalogue, skip func(*catalogue.Element) bool) []finding.Finding {
	var p *policy.Policy
	select {
	case p = <-pp.idle:
	default:
		var err error
		if p, err = pp.base.Clone(); err != nil {
			pp.fail(err)
			return nil
		}
	}
	fs, err := p.Check(org, elems, skip)
	if err != nil {
		pp.fail(err)
	}
	select {
	case pp.idle <- p:
	default:
	}
	return fs
}

func (pp *policyPool) fail(err error) {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if pp.first == nil {
		pp.first = err
	}
}

func (pp *policyPool) err() error {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	return pp.first
}
