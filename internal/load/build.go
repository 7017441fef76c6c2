package load

import (
	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/tree"
)

// addDocument adds the units, goals and KPIs of one document to c. Values
// of the wrong type are left out of the typed model (the schema reports
// them); every mapping in the lists becomes an element, so one broken KPI
// does not hide the others from the rules.
//
// Its KPIs come from slab (nil: each its own allocation).
func addDocument(c *catalogue.Catalogue, f *catalogue.File, doc *tree.Node, slab *kpiSlab) {
	units := items(doc.Get("units"))
	unitSlab := make([]catalogue.Unit, len(units)) // one object for a file's 20,000 teams, not 20,000
	for i, n := range units {
		unitSlab[i] = catalogue.Unit{Element: element(f, n),
			Name: text(n, "name"), Level: text(n, "level"), Parent: text(n, "parent"), Cadence: cadence(mapping(n, "cadence"))}
		c.Units = append(c.Units, &unitSlab[i])
	}
	goals := items(doc.Get("goals"))
	goalSlab := make([]catalogue.Goal, len(goals))
	for i, n := range goals {
		goalSlab[i] = catalogue.Goal{Element: element(f, n),
			Statement: text(n, "statement"), Scope: text(n, "scope"), Parent: text(n, "parent")}
		c.Goals = append(c.Goals, &goalSlab[i])
	}
	for _, n := range items(doc.Get("kpis")) {
		c.KPIs = append(c.KPIs, kpi(slab.next(), f, n))
	}
}

func items(n *tree.Node) []*tree.Node {
	if n == nil || n.Kind != tree.List {
		return nil
	}
	out := make([]*tree.Node, 0, len(n.Items))
	for _, it := range n.Items {
		if it.Kind == tree.Map {
			out = append(out, it)
		}
	}
	return out
}

func element(f *catalogue.File, n *tree.Node) catalogue.Element {
	return catalogue.Element{File: f, Node: n, ID: text(n, "id")}
}

func text(n *tree.Node, key string) string {
	s, _ := n.Get(key).StringValue()
	return s
}

func number(n *tree.Node, key string) *float64 {
	if v, ok := n.Get(key).NumberValue(); ok {
		return &v
	}
	return nil
}

func texts(n *tree.Node) []string {
	if n == nil {
		return nil
	}
	if s, ok := n.StringValue(); ok {
		return []string{s}
	}
	var out []string
	if n.Kind == tree.List {
		for _, it := range n.Items {
			if s, ok := it.StringValue(); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func mapping(n *tree.Node, key string) *tree.Node {
	if v := n.Get(key); v != nil && v.Kind == tree.Map {
		return v
	}
	return nil
}

// kpiSlab lends a worker's KPIs the memory of its previous file's: a
// compacted load drops a file's KPIs once their refs are made, and at a
// million KPIs their structs, measures, owners, points and cadences were
// 900 MB of the 3.4 GB a lint allocated, each allocation bringing the next
// collection closer.
type kpiSlab struct {
	kpis []kpiParts
	used int
}

// maxLentKPIs is the most KPIs a worker's slab keeps for its next file
// (about 1 KiB each with their parts): a file of 100,000 KPIs would
// otherwise hold 100 MB for the rest of the run (docs/security.md).
const maxLentKPIs = 1024

// kpiParts is a KPI and the parts of it it has one of, lent together.
type kpiParts struct {
	kpi                       catalogue.KPI
	measure                   catalogue.Measure
	owner                     catalogue.Owner
	baseline, current, target catalogue.Point
	cadence                   catalogue.Cadence
	health                    catalogue.Health
	thresholds                catalogue.Thresholds
}

// next is a zeroed KPI's parts: the slab's next, or new ones for a nil
// slab.
func (s *kpiSlab) next() *kpiParts {
	if s == nil {
		return new(kpiParts)
	}
	if s.used == len(s.kpis) {
		// The full slab stays with the file's KPIs made from it; the
		// next file starts on this one.
		s.kpis, s.used = make([]kpiParts, max(2*len(s.kpis), 16)), 0
	}
	s.used++
	return &s.kpis[s.used-1]
}

// reset lends the slab's KPIs again: the caller holds none of them. They
// are zeroed, so nothing of the previous file stays reachable; or, in
// tests that poison released memory (document.ArenasPoisoned), written
// over with a KPI no catalogue has, so that a KPI used after its file was
// done shows in their findings.
func (s *kpiSlab) reset() {
	if s == nil {
		return
	}
	if len(s.kpis) > maxLentKPIs {
		s.kpis, s.used = nil, 0 // a large file's KPIs are the collector's, as in any other run
		return
	}
	clear(s.kpis[:s.used])
	if document.ArenasPoisoned() {
		for i := range s.kpis[:s.used] {
			s.kpis[i].kpi = poisonKPI
			s.kpis[i].measure.Formula = "released by the load"
			s.kpis[i].owner.Name = "released by the load"
		}
	}
	s.used = 0
}

var poisonKPI = catalogue.KPI{Element: catalogue.Element{ID: "released by the load"},
	Name: "released by the load", Status: "retired", Kind: "metric", Goals: []string{"released"}, Scope: "released"}

// kpi fills p, zeroed, with the KPI n declares, and returns the KPI.
func kpi(p *kpiParts, f *catalogue.File, n *tree.Node) *catalogue.KPI {
	k := &p.kpi
	*k = catalogue.KPI{Element: element(f, n),
		Name: text(n, "name"), Status: text(n, "status"), Kind: text(n, "kind"),
		Goals: texts(n.Get("goal")), Scope: text(n, "scope"), Indicator: text(n, "indicator"),
		Detail: catalogue.Detail{Description: text(n, "description"), Levers: texts(n.Get("levers")),
			Direction: text(n, "direction"), Tags: texts(n.Get("tags"))},
	}
	if k.Status == "" {
		k.Status = "active"
	}
	if k.Kind == "" {
		k.Kind = "kpi"
	}
	for _, s := range items(n.Get("stewards")) {
		k.Stewards = append(k.Stewards, catalogue.Person{Name: text(s, "name"), Role: text(s, "role"), Email: text(s, "email")})
	}
	if o := mapping(n, "owner"); o != nil {
		p.owner = catalogue.Owner{Name: text(o, "name"), Role: text(o, "role"), Unit: text(o, "unit"), Email: text(o, "email")}
		k.Owner = &p.owner
	}
	if m := mapping(n, "measure"); m != nil {
		k.Measure = measure(&p.measure, m)
	}
	k.Baseline = pointIn(&p.baseline, mapping(n, "baseline"))
	k.Current = pointIn(&p.current, mapping(n, "current"))
	switch t := n.Get("target"); {
	case t == nil:
	case t.Kind == tree.List:
		for _, step := range items(t) {
			k.Steps = append(k.Steps, *point(step))
		}
	case t.Get("none") != nil:
		k.NoTarget = &catalogue.NoTarget{Reason: text(t, "none")}
	default:
		k.Target = pointIn(&p.target, mapping(n, "target"))
	}
	if h := mapping(n, "health"); h != nil {
		p.health = catalogue.Health{Status: text(h, "status"), Date: text(h, "date"), Note: text(h, "note")}
		k.Health = &p.health
	}
	if t := mapping(n, "thresholds"); t != nil {
		p.thresholds = catalogue.Thresholds{Green: number(t, "green"), Red: number(t, "red")}
		k.Thresholds = &p.thresholds
	}
	if c := mapping(n, "cadence"); c != nil {
		k.Cadence = cadenceIn(&p.cadence, c)
	}
	if as := n.Get("actions"); as != nil && as.Kind == tree.List {
		for _, a := range as.Items {
			if s, ok := a.StringValue(); ok {
				// A schema error says how an action is written; the KPI
				// still has an action, so action-missing stays quiet.
				k.Actions = append(k.Actions, catalogue.Action{Do: s})
				continue
			}
			k.Actions = append(k.Actions, catalogue.Action{When: text(a, "when"), Do: text(a, "do"), Owner: text(a, "owner")})
		}
	}
	return k
}

func point(n *tree.Node) *catalogue.Point {
	if n == nil {
		return nil
	}
	return pointIn(new(catalogue.Point), n)
}

// pointIn fills p with the point n declares and returns it; nil for none.
func pointIn(p *catalogue.Point, n *tree.Node) *catalogue.Point {
	if n == nil {
		return nil
	}
	*p = catalogue.Point{Value: number(n, "value"), Date: text(n, "date"), Op: text(n, "op")}
	return p
}

func cadence(n *tree.Node) *catalogue.Cadence {
	if n == nil {
		return nil
	}
	return cadenceIn(new(catalogue.Cadence), n)
}

// cadenceIn fills c with the cadence n declares and returns it.
func cadenceIn(c *catalogue.Cadence, n *tree.Node) *catalogue.Cadence {
	*c = catalogue.Cadence{Measure: text(n, "measure"), Review: text(n, "review"),
		Forum: text(n, "forum"), LastReview: text(n, "last_review")}
	return c
}

// measure fills m, zeroed, with the measure n declares, and returns it.
func measure(m *catalogue.Measure, n *tree.Node) *catalogue.Measure {
	*m = catalogue.Measure{Formula: text(n, "formula"), Language: text(n, "language"), Unit: text(n, "unit"),
		Source: text(n, "source"), Window: text(n, "window")}
	if in := mapping(n, "inputs"); in != nil {
		m.Inputs = make([]catalogue.Input, 0, len(in.Entries))
		for _, e := range in.Entries {
			var desc, src string
			if e.Value.Kind == tree.Map {
				desc, src = text(e.Value, "description"), text(e.Value, "source")
			}
			m.Inputs = append(m.Inputs, catalogue.Input{Name: e.Key, Description: desc, Source: src, Node: e})
		}
	}
	if r := mapping(n, "range"); r != nil {
		m.Range = &catalogue.Range{Min: number(r, "min"), Max: number(r, "max")}
	}
	if exs := items(n.Get("examples")); len(exs) > 0 {
		m.Examples = make([]catalogue.Example, len(exs))
		for i, ex := range exs {
			m.Examples[i] = catalogue.Example{Node: ex}
		}
	}
	return m
}
