// Package audit turns a lint result into the catalogue report strategy
// leads read: health, KPIs per level and unit against the 3–5
// recommendation, strategy coverage, ownership, follow-up, findings by rule
// and the weakest KPIs. It computes; internal/report renders.
package audit

import (
	"cmp"
	"slices"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/rules"
)

// Recommended is the number of KPIs a unit should follow (docs/principles.md, principle 5).
const (
	RecommendedMin = 3
	RecommendedMax = 5
)

// Report is everything the audit shows. Its JSON form is documented and
// stable: fields are only ever added.
type Report struct {
	Tool    string   `json:"tool"`
	Version string   `json:"version"`
	Date    string   `json:"date"`
	Summary Summary  `json:"summary"`
	Scores  []Bucket `json:"score_distribution"`
	Levels  []Level  `json:"levels"`
	Units   []Unit   `json:"units"`
	Goals   []Goal   `json:"goals"`
	Owners  []Owner  `json:"owners"`
	Cadence []Bucket `json:"review_cadence"`
	// Overdue and NoActions list KPIs needing follow-up.
	Overdue   []KPIRef   `json:"overdue_reviews"`
	NoActions []KPIRef   `json:"kpis_without_actions"`
	Rules     []RuleStat `json:"findings_by_rule"`
	Weakest   []KPIScore `json:"weakest_kpis"`
}

// Summary is the headline.
type Summary struct {
	Health         float64 `json:"health_score"`
	Files          int     `json:"files"`
	Units          int     `json:"units"`
	Goals          int     `json:"goals"`
	ActiveKPIs     int     `json:"active_kpis"`
	GoalsCovered   int     `json:"goals_covered"`
	Errors         int     `json:"errors"`
	Warnings       int     `json:"warnings"`
	Infos          int     `json:"infos"`
	Suppressed     int     `json:"suppressed"`
	UnitsOverLimit int     `json:"units_over_recommendation"`
}

// Bucket is one bar of a distribution.
type Bucket struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Level is one organisational level.
type Level struct {
	Level      string  `json:"level"`
	Units      int     `json:"units"`
	ActiveKPIs int     `json:"active_kpis"`
	MeanScore  float64 `json:"mean_score"`
	Leading    int     `json:"leading"`
	Lagging    int     `json:"lagging"`
}

// Unit is one unit of the organisation tree, in tree order.
type Unit struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Level      string  `json:"level"`
	Parent     string  `json:"parent,omitempty"`
	Depth      int     `json:"depth"`
	ActiveKPIs int     `json:"active_kpis"`
	Leading    int     `json:"leading"`
	Lagging    int     `json:"lagging"`
	MeanScore  float64 `json:"mean_score"`
	// Band is below, within or above the recommended 3–5 KPIs.
	Band string `json:"band"`
}

// Goal is one strategic goal, in tree order, with the KPIs measuring it.
type Goal struct {
	ID        string   `json:"id"`
	Statement string   `json:"statement"`
	Parent    string   `json:"parent,omitempty"`
	Depth     int      `json:"depth"`
	Direct    []string `json:"kpis"`
	ViaChild  []string `json:"kpis_via_sub_goals"`
	Leading   int      `json:"leading"`
	Lagging   int      `json:"lagging"`
	Covered   bool     `json:"covered"`
	// LaggingOnly marks a goal followed only by lagging indicators.
	LaggingOnly bool `json:"lagging_only"`
}

// Owner is one person (or placeholder) who owns KPIs.
type Owner struct {
	Name        string   `json:"name"`
	KPIs        []string `json:"kpis"`
	Placeholder bool     `json:"placeholder"`
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

// RuleStat counts the findings of one rule.
type RuleStat struct {
	Rule     string `json:"rule"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	Count    int    `json:"count"`
	Help     string `json:"help"`
}

// KPIScore is a KPI's quality score and what lowered it.
type KPIScore struct {
	KPIRef
	Score    float64  `json:"score"`
	Findings []string `json:"findings"`
}

// Build computes the audit of a lint result.
func Build(res *lint.Result, version, date string) *Report {
	c := res.Catalogue
	reported := map[string]bool{}
	for _, f := range res.Files {
		reported[f] = true
	}
	r := &Report{Tool: "kpilint", Version: version, Date: date}
	score := map[*catalogue.KPI]float64{}
	active := make([]*catalogue.KPI, 0, len(res.Scores))
	for _, s := range res.Scores {
		k := res.Full(s.KPI)
		score[k] = s.Score
		active = append(active, k)
	}

	r.Units, r.Levels = units(c, reported, active, score)
	r.Goals = goals(c, reported, active)
	r.Summary = Summary{Health: res.Summary.Score, Files: res.Summary.Files, Units: len(r.Units), Goals: len(r.Goals),
		ActiveKPIs: len(active), Errors: res.Summary.Errors, Warnings: res.Summary.Warnings, Infos: res.Summary.Infos,
		Suppressed: res.Summary.Suppressed}
	r.Scores = scoreBuckets(res.Scores)
	for _, u := range r.Units {
		if u.Band == "above" {
			r.Summary.UnitsOverLimit++
		}
	}
	for _, g := range r.Goals {
		if g.Covered {
			r.Summary.GoalsCovered++
		}
	}
	r.Owners = owners(c, active)
	r.Cadence, r.Overdue, r.NoActions = followUp(active, res.Findings)
	r.Rules = ruleStats(res.Findings)
	r.Weakest = weakest(active, score, res.Findings, 10)
	return r
}

func ref(k *catalogue.KPI) KPIRef {
	return KPIRef{ID: k.ID, Name: k.Name, File: k.File.Path, Line: k.Loc().Line}
}

func scoreBuckets(scores []lint.KPIScore) []Bucket {
	out := []Bucket{{Label: "0–19"}, {Label: "20–39"}, {Label: "40–59"}, {Label: "60–79"}, {Label: "80–99"}, {Label: "100"}}
	for _, s := range scores {
		i := min(int(s.Score)/20, 4)
		if s.Score >= 100 {
			i = 5
		}
		out[i].Count++
	}
	return out
}

// units is the organisation tree of the units declared in the reported
// files, each with its active KPIs.
func units(c *catalogue.Catalogue, reported map[string]bool, active []*catalogue.KPI, score map[*catalogue.KPI]float64) ([]Unit, []Level) {
	byUnit := map[string][]*catalogue.KPI{}
	for _, k := range active {
		byUnit[k.Scope] = append(byUnit[k.Scope], k)
	}
	children := map[string][]*catalogue.Unit{}
	var roots []*catalogue.Unit
	for _, u := range c.Units {
		if c.Unit(u.ID) != u || !reported[u.File.Path] {
			continue // a duplicate id, or context from outside the named paths
		}
		if p := c.Unit(u.Parent); p != nil && p != u && reported[p.File.Path] {
			children[u.Parent] = append(children[u.Parent], u)
		} else {
			roots = append(roots, u)
		}
	}
	var out []Unit
	seen := map[string]bool{}
	var walk func(u *catalogue.Unit, depth int)
	walk = func(u *catalogue.Unit, depth int) {
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
		sum := 0.0
		for _, k := range kpis {
			sum += score[k]
			switch k.Indicator {
			case "leading":
				x.Leading++
			case "lagging":
				x.Lagging++
			}
		}
		if len(kpis) > 0 {
			x.MeanScore = round1(sum / float64(len(kpis)))
		}
		out = append(out, x)
		for _, ch := range children[u.ID] {
			walk(ch, depth+1)
		}
	}
	for _, u := range roots {
		walk(u, 0)
	}
	for _, u := range c.Units { // units only reachable through a cycle
		if c.Unit(u.ID) == u && reported[u.File.Path] && !seen[u.ID] {
			walk(u, 0)
		}
	}
	var lv []Level
	for _, name := range c.LevelNames() {
		l := Level{Level: name}
		sum := 0.0
		for _, u := range out {
			if u.Level != name {
				continue
			}
			l.Units++
			l.ActiveKPIs += u.ActiveKPIs
			l.Leading += u.Leading
			l.Lagging += u.Lagging
			sum += u.MeanScore * float64(u.ActiveKPIs)
		}
		if l.ActiveKPIs > 0 {
			l.MeanScore = round1(sum / float64(l.ActiveKPIs))
		}
		lv = append(lv, l)
	}
	return out, lv
}

// goals is the goal tree of the goals declared in the reported files.
func goals(c *catalogue.Catalogue, reported map[string]bool, active []*catalogue.KPI) []Goal {
	direct := map[string][]*catalogue.KPI{}
	for _, k := range active {
		for _, g := range k.Goals {
			direct[g] = append(direct[g], k)
		}
	}
	children := map[string][]*catalogue.Goal{}
	var roots []*catalogue.Goal
	for _, g := range c.Goals {
		if c.Goal(g.ID) != g || !reported[g.File.Path] {
			continue
		}
		if p := c.Goal(g.Parent); p != nil && p != g && reported[p.File.Path] {
			children[g.Parent] = append(children[g.Parent], g)
		} else {
			roots = append(roots, g)
		}
	}
	var out []Goal
	seen := map[string]bool{}
	// walk returns the KPIs measuring g or any sub-goal.
	var walk func(g *catalogue.Goal, depth int) []string
	walk = func(g *catalogue.Goal, depth int) []string {
		if seen[g.ID] {
			return nil
		}
		seen[g.ID] = true
		x := Goal{ID: g.ID, Statement: g.Statement, Parent: g.Parent, Depth: depth}
		for _, k := range direct[g.ID] {
			x.Direct = append(x.Direct, k.ID)
			switch k.Indicator {
			case "leading":
				x.Leading++
			case "lagging":
				x.Lagging++
			}
		}
		i := len(out)
		out = append(out, x)
		var below []string
		for _, ch := range children[g.ID] {
			below = append(below, walk(ch, depth+1)...)
		}
		out[i].ViaChild = unique(below)
		out[i].Covered = len(x.Direct)+len(below) > 0
		out[i].LaggingOnly = x.Lagging > 0 && x.Leading == 0
		return append(append([]string{}, x.Direct...), below...)
	}
	for _, g := range roots {
		walk(g, 0)
	}
	for _, g := range c.Goals {
		if c.Goal(g.ID) == g && reported[g.File.Path] && !seen[g.ID] {
			walk(g, 0)
		}
	}
	return out
}

// unique returns the sorted distinct ids, leaving ids untouched.
func unique(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func owners(c *catalogue.Catalogue, active []*catalogue.KPI) []Owner {
	byName := map[string]*Owner{}
	var order []string
	for _, k := range active {
		if k.Owner == nil {
			continue
		}
		key := catalogue.OwnerKey(k.Owner.Name)
		if key == "" {
			continue
		}
		o, ok := byName[key]
		if !ok {
			o = &Owner{Name: k.Owner.Name}
			byName[key] = o
			order = append(order, key)
		}
		o.KPIs = append(o.KPIs, k.ID)
		if _, ok := rules.PlaceholderOwner(k.Owner.Name); ok {
			o.Placeholder = true
		}
		if rules.OwnerOutside(&c.Org, k) {
			o.Outside = append(o.Outside, k.ID)
		}
	}
	out := make([]Owner, 0, len(order))
	for _, key := range order {
		out = append(out, *byName[key])
	}
	slices.SortStableFunc(out, func(a, b Owner) int {
		return cmp.Or(cmp.Compare(len(b.KPIs), len(a.KPIs)), cmp.Compare(a.Name, b.Name))
	})
	return out
}

func followUp(active []*catalogue.KPI, fs []finding.Finding) (cadence []Bucket, overdue, noActions []KPIRef) {
	counts := map[string]int{}
	for _, k := range active {
		review := "none"
		if k.Cadence != nil && k.Cadence.Review != "" {
			review = k.Cadence.Review
		}
		counts[review]++
		if len(k.Actions) == 0 {
			noActions = append(noActions, ref(k))
		}
	}
	for _, f := range append(append([]string{}, rules.Freqs...), "none") {
		cadence = append(cadence, Bucket{Label: f, Count: counts[f]})
	}
	byID := map[string]*catalogue.KPI{}
	for _, k := range active {
		byID[k.ID] = k
	}
	for _, f := range fs {
		if f.Rule == rules.ReviewOverdue.ID {
			if k := byID[f.ID]; k != nil {
				r := ref(k)
				r.Detail = "last reviewed " + k.Cadence.LastReview + ", reviewed " + k.Cadence.Review
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
			out = append(out, RuleStat{Rule: r.ID, Title: r.Doc.Title, Severity: r.Severity.String(), Count: n, Help: r.HelpURL()})
		}
	}
	slices.SortStableFunc(out, func(a, b RuleStat) int { return cmp.Compare(b.Count, a.Count) })
	return out
}

func weakest(active []*catalogue.KPI, score map[*catalogue.KPI]float64, fs []finding.Finding, n int) []KPIScore {
	byID := map[string][]string{}
	for _, f := range fs {
		if f.KPI {
			byID[f.ID] = append(byID[f.ID], f.Rule)
		}
	}
	var out []KPIScore
	for _, k := range active {
		if s := score[k]; s < 100 {
			out = append(out, KPIScore{KPIRef: ref(k), Score: s, Findings: unique(byID[k.ID])})
		}
	}
	slices.SortStableFunc(out, func(a, b KPIScore) int {
		return cmp.Or(cmp.Compare(a.Score, b.Score), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func round1(x float64) float64 {
	return float64(int(x*10+0.5)) / 10
}
