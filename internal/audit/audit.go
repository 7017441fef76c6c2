// Package audit turns a lint result into the catalogue report strategy
// leads read: how complete and how good the definitions are, KPIs per level
// and unit against the 3–5 recommendation, strategy coverage, ownership,
// follow-up, findings by rule and the weakest KPIs. It computes;
// internal/report renders, and says each section's finding in a sentence
// first (report/audit.go, headlines).
package audit

import (
	"cmp"
	"slices"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// Recommended is the number of KPIs a unit should follow (docs/principles.md, principle 5).
const (
	RecommendedMin = 3
	RecommendedMax = 5
)

// WeakestShown is how many of the weakest KPIs the audit ranks.
const WeakestShown = 10

// Options say what an audit is of.
type Options struct {
	Version, Date string
	// OwnerMax is the most KPIs one owner should have: owner-overload's
	// `max`, so that the audit and lint flag the same owners.
	OwnerMax int
	// History, if not nil, is the catalogue's trend (History).
	History []Point
}

// Report is everything the audit shows. Its JSON form is documented
// (docs/output.md) and stable: fields are only ever added. Lists are in
// full; the text, Markdown and HTML reports show the first few of a long
// one and count the rest.
type Report struct {
	Tool    string   `json:"tool"`
	Version string   `json:"version"`
	Date    string   `json:"date"`
	Summary Summary  `json:"summary"`
	Scores  []Bucket `json:"score_distribution"`
	// Completeness is the distribution of the completeness score.
	Completeness []Bucket `json:"completeness_distribution"`
	// Fields counts, per field of the completeness score, the key KPIs
	// that lack it.
	Fields []Field `json:"missing_fields"`
	Levels []Level `json:"levels"`
	Units  []Unit  `json:"units"`
	Goals  []Goal  `json:"goals"`
	Owners []Owner `json:"owners"`
	// OwnerMax is the limit an owner is overloaded above.
	OwnerMax int      `json:"owner_limit"`
	Unowned  []KPIRef `json:"kpis_without_owner"`
	// Unanchored are the key KPIs tied to no goal, by unit.
	Unanchored []UnitKPIs `json:"kpis_without_goal"`
	Cadence    []Bucket   `json:"review_cadence"`
	// Overdue and NoActions list KPIs needing follow-up.
	Overdue   []KPIRef   `json:"overdue_reviews"`
	NoActions []KPIRef   `json:"kpis_without_actions"`
	Rules     []RuleStat `json:"findings_by_rule"`
	// Weakest are the WeakestShown lowest-ranked KPIs; WeakestMore counts
	// the others that score below 100 on either figure.
	Weakest     []KPIScore `json:"weakest_kpis"`
	WeakestMore int        `json:"weakest_kpis_not_shown"`
	// Metrics are the supporting metrics (kind: metric), counted apart.
	Metrics []KPIRef `json:"supporting_metrics"`
	History []Point  `json:"history,omitempty"`
}

// Summary is the headline.
type Summary struct {
	// Health is the quality score (its name from before the scores were
	// two); Quality and Completeness are docs/rules.md's "Scores".
	Health         float64 `json:"health_score"`
	Quality        float64 `json:"quality"`
	Completeness   float64 `json:"completeness"`
	Files          int     `json:"files"`
	Units          int     `json:"units"`
	Goals          int     `json:"goals"`
	ActiveKPIs     int     `json:"active_kpis"`
	Metrics        int     `json:"supporting_metrics"`
	GoalsCovered   int     `json:"goals_covered"`
	Unanchored     int     `json:"kpis_without_goal"`
	Unowned        int     `json:"kpis_without_owner"`
	Errors         int     `json:"errors"`
	Warnings       int     `json:"warnings"`
	Infos          int     `json:"infos"`
	Suppressed     int     `json:"suppressed"`
	UnitsOverLimit int     `json:"units_over_recommendation"`
	UnitsInBand    int     `json:"units_within_recommendation"`
	UnitsBelow     int     `json:"units_below_recommendation"`
	Mix
}

// Mix counts leading, lagging and unclassified (no `indicator:`) KPIs.
type Mix struct {
	Leading      int `json:"leading"`
	Lagging      int `json:"lagging"`
	Unclassified int `json:"not_classified"`
}

func (m *Mix) add(indicator string) {
	switch indicator {
	case "leading":
		m.Leading++
	case "lagging":
		m.Lagging++
	default:
		m.Unclassified++
	}
}

// Bucket is one bar of a distribution.
type Bucket struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Field is one field of the completeness score and the KPIs lacking it.
type Field struct {
	Rule    string `json:"rule"`
	Title   string `json:"title"`
	Missing int    `json:"missing"`
}

// Level is one organisational level.
type Level struct {
	Level            string  `json:"level"`
	Units            int     `json:"units"`
	ActiveKPIs       int     `json:"active_kpis"`
	MeanScore        float64 `json:"mean_score"`
	MeanCompleteness float64 `json:"mean_completeness"`
	Mix
}

// Unit is one unit of the organisation tree, in tree order.
type Unit struct {
	ID               string  `json:"id"`
	Name             string  `json:"name"`
	Level            string  `json:"level"`
	Parent           string  `json:"parent,omitempty"`
	Depth            int     `json:"depth"`
	ActiveKPIs       int     `json:"active_kpis"`
	MeanScore        float64 `json:"mean_score"`
	MeanCompleteness float64 `json:"mean_completeness"`
	// Band is below, within or above the recommended 3–5 KPIs.
	Band string `json:"band"`
	Mix
}

// Goal is one strategic goal, in tree order, with the KPIs measuring it.
type Goal struct {
	ID        string   `json:"id"`
	Statement string   `json:"statement"`
	Parent    string   `json:"parent,omitempty"`
	Depth     int      `json:"depth"`
	Direct    []string `json:"kpis"`
	ViaChild  []string `json:"kpis_via_sub_goals"`
	Covered   bool     `json:"covered"`
	// LaggingOnly marks a goal followed only by lagging indicators.
	LaggingOnly bool `json:"lagging_only"`
	Mix
}

// Owner is one person (or placeholder) who owns KPIs.
type Owner struct {
	Name        string   `json:"name"`
	KPIs        []string `json:"kpis"`
	Placeholder bool     `json:"placeholder"`
	// Overloaded marks an owner of more KPIs than Report.OwnerMax.
	Overloaded bool `json:"overloaded"`
	// Outside lists KPIs whose owner sits outside the measured unit's line.
	Outside []string `json:"outside_measured_unit"`
}

// KPIRef points at a KPI.
type KPIRef struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Detail string `json:"detail,omitempty"`
}

// UnitKPIs are KPIs of one unit (Unit is "" for KPIs with no known unit).
type UnitKPIs struct {
	Unit string   `json:"unit"`
	Name string   `json:"name"`
	KPIs []KPIRef `json:"kpis"`
}

// RuleStat counts the findings of one rule.
type RuleStat struct {
	Rule     string `json:"rule"`
	Title    string `json:"title"`
	Group    string `json:"group"`
	Severity string `json:"severity"`
	Count    int    `json:"count"`
	Help     string `json:"help"`
}

// KPIScore is a KPI's scores and what lowered them.
type KPIScore struct {
	KPIRef
	Score        float64 `json:"score"` // quality
	Completeness float64 `json:"completeness"`
	// Findings are the rules that found something; Problems what the
	// quality rules said, Missing the fields the completeness rules found
	// absent (their rule ids).
	Findings []string  `json:"findings"`
	Problems []Problem `json:"problems"`
	Missing  []string  `json:"missing_fields"`
}

// Problem is one finding about a KPI, in words.
type Problem struct {
	Rule     string       `json:"rule"`
	Severity string       `json:"severity"`
	Line     int          `json:"line"`
	Text     string       `json:"message"` // English
	Message  i18n.Message `json:"-"`       // for the report's language
}

// Build computes the audit of a lint result, which must have been run
// with the catalogue kept, in full or as briefs (lint.Options.KeepKPIs).
func Build(res *lint.Result, opts Options) *Report {
	c := res.Catalogue
	reported := map[string]bool{}
	for _, f := range res.Files {
		reported[f] = true
	}
	r := &Report{Tool: "kpilint", Version: opts.Version, Date: opts.Date, OwnerMax: opts.OwnerMax, History: opts.History}
	sc := map[*catalogue.Brief]lint.KPIScore{}
	active := make([]*catalogue.Brief, 0, len(res.Scores))
	for _, s := range res.Scores {
		k := res.Full(s.KPI)
		sc[k] = s
		active = append(active, k)
	}
	for _, ref := range res.Outline.ActiveKPIs().All() {
		if ref.IsMetric() && reported[ref.File().Path] {
			r.Metrics = append(r.Metrics, refOf(res.Full(ref)))
		}
	}

	r.Units, r.Levels = units(c, reported, active, sc)
	r.Goals = goals(c, reported, active)
	r.Summary = Summary{Health: res.Summary.Score, Quality: res.Summary.Score, Completeness: res.Summary.Completeness,
		Files: res.Summary.Files, Units: len(r.Units), Goals: len(r.Goals), ActiveKPIs: len(active), Metrics: len(r.Metrics),
		Errors: res.Summary.Errors, Warnings: res.Summary.Warnings, Infos: res.Summary.Infos, Suppressed: res.Summary.Suppressed}
	r.Scores = buckets(res.Scores, lint.Quality)
	r.Completeness = buckets(res.Scores, lint.Completeness)
	r.Fields = fields(active)
	for _, u := range r.Units {
		switch u.Band {
		case "above":
			r.Summary.UnitsOverLimit++
		case "below":
			r.Summary.UnitsBelow++
		default:
			r.Summary.UnitsInBand++
		}
	}
	for _, g := range r.Goals {
		if g.Covered {
			r.Summary.GoalsCovered++
		}
	}
	for _, k := range active {
		r.Summary.add(k.Indicator())
	}
	r.Unanchored = unanchored(c, active)
	for _, u := range r.Unanchored {
		r.Summary.Unanchored += len(u.KPIs)
	}
	r.Owners, r.Unowned = owners(c, active, opts.OwnerMax)
	r.Summary.Unowned = len(r.Unowned)
	r.Cadence, r.Overdue, r.NoActions = followUp(active, res.Findings)
	r.Rules = ruleStats(res.Findings)
	r.Weakest, r.WeakestMore = weakest(active, sc, res.Findings, WeakestShown)
	return r
}

func refOf(k *catalogue.Brief) KPIRef {
	return KPIRef{ID: k.ID(), Name: k.Name, File: k.File().Path, Line: k.Loc().Line}
}

// buckets is the distribution of a score in steps of 20.
func buckets(scores []lint.KPIScore, of func(lint.KPIScore) float64) []Bucket {
	out := []Bucket{{Label: "0–19"}, {Label: "20–39"}, {Label: "40–59"}, {Label: "60–79"}, {Label: "80–99"}, {Label: "100"}}
	for _, s := range scores {
		x := of(s)
		i := min(int(x)/20, 4)
		if x >= 100 {
			i = 5
		}
		out[i].Count++
	}
	return out
}

// fields counts the key KPIs lacking each field of the completeness score.
func fields(active []*catalogue.Brief) []Field {
	var out []Field
	for i, r := range rules.CompletenessRules() {
		f := Field{Rule: r.ID, Title: r.Doc.Title}
		for _, k := range active {
			if k.Missing()&(1<<i) != 0 {
				f.Missing++
			}
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b Field) int { return cmp.Compare(b.Missing, a.Missing) })
	return out
}

// units is the organisation tree of the units declared in the reported
// files, each with its active key KPIs.
func units(c *catalogue.Catalogue, reported map[string]bool, active []*catalogue.Brief, sc map[*catalogue.Brief]lint.KPIScore) ([]Unit, []Level) {
	byUnit := map[string][]*catalogue.Brief{}
	for _, k := range active {
		byUnit[k.Scope()] = append(byUnit[k.Scope()], k)
	}
	// Units by their position in the organisation: first declarations
	// in the reported files only.
	shown := func(i int) bool { return i >= 0 && c.UnitIndex(c.UnitID(i)) == i && reported[c.UnitAt(i).File.Path] }
	children := map[string][]int{}
	var roots []int
	for i := range c.NumUnits() {
		if !shown(i) {
			continue // a duplicate id, or context from outside the named paths
		}
		parent := c.UnitParent(i)
		if p := c.UnitIndex(parent); p != i && shown(p) {
			children[parent] = append(children[parent], i)
		} else {
			roots = append(roots, i)
		}
	}
	var out []Unit
	seen := map[string]bool{}
	var walk func(i int, depth int)
	walk = func(i int, depth int) {
		u := c.UnitAt(i)
		if seen[u.ID] {
			return // a parent cycle
		}
		seen[u.ID] = true
		kpis := byUnit[u.ID]
		x := Unit{ID: u.ID, Name: u.Name, Level: u.Level, Parent: u.Parent, Depth: depth, ActiveKPIs: len(kpis), Band: "within"}
		switch {
		case len(kpis) > RecommendedMax:
			x.Band = "above"
		case len(kpis) < RecommendedMin:
			x.Band = "below"
		}
		var q, compl float64
		for _, k := range kpis {
			q += sc[k].Quality
			compl += sc[k].Completeness
			x.add(k.Indicator())
		}
		if len(kpis) > 0 {
			x.MeanScore = round1(q / float64(len(kpis)))
			x.MeanCompleteness = round1(compl / float64(len(kpis)))
		}
		out = append(out, x)
		for _, ch := range children[u.ID] {
			walk(ch, depth+1)
		}
	}
	for _, u := range roots {
		walk(u, 0)
	}
	for i := range c.NumUnits() { // units only reachable through a cycle
		if shown(i) && !seen[c.UnitID(i)] {
			walk(i, 0)
		}
	}
	var lv []Level
	for _, name := range c.LevelNames() {
		l := Level{Level: name}
		var q, compl float64
		for _, u := range out {
			if u.Level != name {
				continue
			}
			l.Units++
			l.ActiveKPIs += u.ActiveKPIs
			l.Leading += u.Leading
			l.Lagging += u.Lagging
			l.Unclassified += u.Unclassified
			q += u.MeanScore * float64(u.ActiveKPIs)
			compl += u.MeanCompleteness * float64(u.ActiveKPIs)
		}
		if l.ActiveKPIs > 0 {
			l.MeanScore = round1(q / float64(l.ActiveKPIs))
			l.MeanCompleteness = round1(compl / float64(l.ActiveKPIs))
		}
		lv = append(lv, l)
	}
	return out, lv
}

// goals is the goal tree of the goals declared in the reported files.
func goals(c *catalogue.Catalogue, reported map[string]bool, active []*catalogue.Brief) []Goal {
	direct := map[string][]*catalogue.Brief{}
	for _, k := range active {
		for _, g := range k.Goals() {
			direct[g] = append(direct[g], k)
		}
	}
	shown := func(i int) bool { return i >= 0 && c.GoalIndex(c.GoalID(i)) == i && reported[c.GoalAt(i).File.Path] }
	children := map[string][]int{}
	var roots []int
	for i := range c.NumGoals() {
		if !shown(i) {
			continue
		}
		parent := c.GoalParent(i)
		if p := c.GoalIndex(parent); p != i && shown(p) {
			children[parent] = append(children[parent], i)
		} else {
			roots = append(roots, i)
		}
	}
	var out []Goal
	seen := map[string]bool{}
	// walk returns the KPIs measuring goal i or any sub-goal.
	var walk func(i int, depth int) []string
	walk = func(i int, depth int) []string {
		g := c.GoalAt(i)
		if seen[g.ID] {
			return nil
		}
		seen[g.ID] = true
		x := Goal{ID: g.ID, Statement: g.Statement, Parent: g.Parent, Depth: depth}
		for _, k := range direct[g.ID] {
			x.Direct = append(x.Direct, k.ID())
			x.add(k.Indicator())
		}
		at := len(out)
		out = append(out, x)
		var below []string
		for _, ch := range children[g.ID] {
			below = append(below, walk(ch, depth+1)...)
		}
		out[at].ViaChild = unique(below)
		out[at].Covered = len(x.Direct)+len(below) > 0
		out[at].LaggingOnly = x.Lagging > 0 && x.Leading == 0
		return append(append([]string{}, x.Direct...), below...)
	}
	for _, g := range roots {
		walk(g, 0)
	}
	for i := range c.NumGoals() {
		if shown(i) && !seen[c.GoalID(i)] {
			walk(i, 0)
		}
	}
	return out
}

// unanchored are the KPIs tied to no goal, grouped by unit in the order
// their units first appear.
func unanchored(c *catalogue.Catalogue, active []*catalogue.Brief) []UnitKPIs {
	var out []UnitKPIs
	at := map[string]int{}
	for _, k := range active {
		if k.NumGoals() > 0 {
			continue
		}
		scope := k.Scope()
		i, ok := at[scope]
		if !ok {
			i = len(out)
			at[scope] = i
			g := UnitKPIs{Unit: scope, Name: scope}
			if u, ok := c.Unit(scope); ok && u.Name != "" {
				g.Name = u.Name
			}
			out = append(out, g)
		}
		out[i].KPIs = append(out[i].KPIs, refOf(k))
	}
	return out
}

// unique returns the sorted distinct ids, leaving ids untouched.
func unique(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func owners(c *catalogue.Catalogue, active []*catalogue.Brief, limit int) ([]Owner, []KPIRef) {
	byName := map[string]*Owner{}
	var order []string
	var unowned []KPIRef
	for _, k := range active {
		key := k.OwnerKey()
		if key == "" {
			unowned = append(unowned, refOf(k))
			continue
		}
		o, ok := byName[key]
		if !ok {
			o = &Owner{Name: k.Owner()}
			byName[key] = o
			order = append(order, key)
		}
		o.KPIs = append(o.KPIs, k.ID())
		if _, ok := rules.PlaceholderOwner(k.Owner()); ok {
			o.Placeholder = true
		}
		if rules.OutsideLine(&c.Org, k.OwnerUnit, k.Scope()) {
			o.Outside = append(o.Outside, k.ID())
		}
	}
	out := make([]Owner, 0, len(order))
	for _, key := range order {
		o := *byName[key]
		o.Overloaded = limit > 0 && len(o.KPIs) > limit
		out = append(out, o)
	}
	slices.SortStableFunc(out, func(a, b Owner) int {
		return cmp.Or(cmp.Compare(len(b.KPIs), len(a.KPIs)), cmp.Compare(a.Name, b.Name))
	})
	return out, unowned
}

func followUp(active []*catalogue.Brief, fs []finding.Finding) (cadence []Bucket, overdue, noActions []KPIRef) {
	counts := map[string]int{}
	at := map[finding.Location]*catalogue.Brief{}
	for _, k := range active {
		review := "none"
		if k.Review != "" {
			review = k.Review
		}
		counts[review]++
		if k.Actions == 0 {
			noActions = append(noActions, refOf(k))
		}
		at[k.Loc().Start()] = k
	}
	for _, f := range append(append([]string{}, rules.Freqs...), "none") {
		cadence = append(cadence, Bucket{Label: f, Count: counts[f]})
	}
	for _, f := range fs {
		if f.Rule == rules.ReviewOverdue.ID {
			if k := at[f.Subject.Start()]; k != nil {
				r := refOf(k)
				r.Detail = "last reviewed " + k.LastReview + ", reviewed " + k.Review
				overdue = append(overdue, r)
			}
		}
	}
	return cadence, overdue, noActions
}

func ruleStats(fs []finding.Finding) []RuleStat {
	count := map[string]int{}
	for _, f := range fs {
		count[f.Rule]++
	}
	var out []RuleStat
	for _, r := range rules.All() {
		if n := count[r.ID]; n > 0 {
			out = append(out, RuleStat{Rule: r.ID, Title: r.Doc.Title, Group: r.Group.String(), Severity: r.Severity.String(), Count: n, Help: r.HelpURL()})
		}
	}
	slices.SortStableFunc(out, func(a, b RuleStat) int { return cmp.Compare(b.Count, a.Count) })
	return out
}

// weakest ranks the KPIs that score below 100 on either figure: lowest
// quality first, then lowest completeness. Findings are matched to a KPI by
// where it begins, so two KPIs sharing an id keep their own.
func weakest(active []*catalogue.Brief, sc map[*catalogue.Brief]lint.KPIScore, fs []finding.Finding, n int) ([]KPIScore, int) {
	byKPI := map[finding.Location][]finding.Finding{}
	for _, f := range fs {
		if f.KPI {
			key := f.Subject.Start()
			byKPI[key] = append(byKPI[key], f)
		}
	}
	var out []KPIScore
	for _, k := range active {
		s := sc[k]
		if s.Quality >= 100 && s.Completeness >= 100 {
			continue
		}
		x := KPIScore{KPIRef: refOf(k), Score: s.Quality, Completeness: s.Completeness}
		mine := byKPI[k.Loc().Start()]
		slices.SortStableFunc(mine, func(a, b finding.Finding) int {
			return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Rule, b.Rule))
		})
		for _, f := range mine {
			x.Findings = append(x.Findings, f.Rule)
			if !rules.IsCompleteness(f.Rule) {
				x.Problems = append(x.Problems, Problem{Rule: f.Rule, Severity: f.Severity.String(), Line: f.Line, Text: f.Message.String(), Message: f.Message})
			}
		}
		for i, r := range rules.CompletenessRules() {
			if k.Missing()&(1<<i) != 0 {
				x.Missing = append(x.Missing, r.ID)
			}
		}
		x.Findings = unique(x.Findings)
		out = append(out, x)
	}
	slices.SortStableFunc(out, func(a, b KPIScore) int {
		return cmp.Or(cmp.Compare(a.Score, b.Score), cmp.Compare(a.Completeness, b.Completeness),
			cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	if len(out) > n {
		return out[:n], len(out) - n
	}
	return out, 0
}

func round1(x float64) float64 {
	return float64(int(x*10+0.5)) / 10
}
