// Package importer turns catalogues kept elsewhere into kpilint catalogue
// files: a KPI register in a spreadsheet, dbt MetricFlow metrics, Kolada's
// KPI metadata (`kpilint import`, docs/output.md "Import"). An import never
// invents: an owner, goal, target or cadence the source does not state
// stays absent, and lint then says so; what has no field goes to x- keys;
// each KPI records where it came from (x-source). Importing again over an
// existing file updates the imported fields, keyed on id, and keeps what
// users added by hand.
package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kpilint/kpilint/internal/atomicfile"
	"github.com/kpilint/kpilint/internal/document"
)

// Catalogue is what a source gives: units, goals and KPIs, each a YAML
// mapping in kpilint's format.
type Catalogue struct {
	Units, Goals, KPIs []*yaml.Node
}

// Source is one kind of source.
type Source struct {
	Name string
	// Doc says in a line what the source is.
	Doc string
	// Detect reports whether a file of this name and content is this kind.
	Detect func(name string, data []byte) bool
	Read   func(name string, data []byte, lim document.Limits) (*Catalogue, error)
}

// Sources are the kinds of source `kpilint import` reads, in the order
// they are tried.
var Sources = []*Source{
	{Name: "spreadsheet", Doc: "a KPI register in .xlsx or .csv", Detect: isSpreadsheet, Read: readSpreadsheet},
	{Name: "metricflow", Doc: "dbt MetricFlow semantic-layer YAML (metrics:)", Detect: isMetricFlow, Read: readMetricFlow},
	{Name: "kolada", Doc: "Kolada KPI metadata as JSON (the /v2/kpi response)", Detect: isKolada, Read: readKolada},
}

// Detect is the source kind of a file, or nil.
func Detect(name string, data []byte) *Source {
	for _, s := range Sources {
		if s.Detect(name, data) {
			return s
		}
	}
	return nil
}

// Named is the source kind called name, or nil.
func Named(name string) *Source {
	for _, s := range Sources {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Write writes c to path as a catalogue file, merging with the file there:
// a KPI, unit or goal with an imported id has its imported fields replaced
// and keeps the others; new ones are added; the rest is kept. The file is
// written atomically.
func Write(path string, c *Catalogue, existing []byte) error {
	root := &yaml.Node{Kind: yaml.MappingNode}
	if len(bytes.TrimSpace(existing)) > 0 {
		var doc yaml.Node
		if err := yaml.Unmarshal(existing, &doc); err != nil {
			return fmt.Errorf("%s: cannot merge into it: %w", path, err)
		}
		if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
			root = doc.Content[0]
		}
	}
	for _, list := range []struct {
		key   string
		items []*yaml.Node
	}{{"units", c.Units}, {"goals", c.Goals}, {"kpis", c.KPIs}} {
		if len(list.items) > 0 {
			merge(root, list.key, list.items)
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return err
	}
	return atomicfile.Write(path, buf.Bytes())
}

// merge puts items into root's list key, by id.
func merge(root *yaml.Node, key string, items []*yaml.Node) {
	list := get(root, key)
	if list == nil || list.Kind != yaml.SequenceNode {
		list = &yaml.Node{Kind: yaml.SequenceNode}
		set(root, key, list)
	}
	byID := map[string]*yaml.Node{}
	for _, it := range list.Content {
		if id := get(it, "id"); id != nil {
			byID[id.Value] = it
		}
	}
	for _, it := range items {
		var old *yaml.Node
		if id := get(it, "id"); id != nil {
			old = byID[id.Value]
		}
		if old == nil {
			list.Content = append(list.Content, it)
			continue
		}
		for i := 0; i+1 < len(it.Content); i += 2 {
			set(old, it.Content[i].Value, it.Content[i+1])
		}
	}
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func set(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, str(key), v)
}

// str is a string scalar.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// mapping builds a mapping of the pairs whose value is not nil or empty.
func mapping(pairs ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(pairs); i += 2 {
		key := pairs[i].(string)
		var v *yaml.Node
		switch x := pairs[i+1].(type) {
		case string:
			if strings.TrimSpace(x) != "" {
				v = str(strings.TrimSpace(x))
			}
		case *yaml.Node:
			if x != nil && (x.Kind != yaml.MappingNode || len(x.Content) > 0) {
				v = x
			}
		}
		if v != nil {
			m.Content = append(m.Content, str(key), v)
		}
	}
	return m
}

// OutputName is the catalogue file an import of source writes by default:
// register.xlsx → register.kpi.yaml.
func OutputName(source string) string {
	base := filepath.Base(source)
	return strings.TrimSuffix(base, filepath.Ext(base)) + ".kpi.yaml"
}
