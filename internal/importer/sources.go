package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/tree"
)

func isSpreadsheet(name string, _ []byte) bool {
	f := document.ForName(name)
	return f.Cells && filepath.Ext(strings.ToLower(name)) == f.Extensions[0]
}

// readSpreadsheet reads a register as lint reads it (the same headers,
// cells and numbers), so linting the import finds what linting the
// register finds.
func readSpreadsheet(name string, data []byte, lim document.Limits) (*Catalogue, error) {
	_, _, docs, perr := document.Parse(name, data, lim)
	if perr != nil {
		return nil, fmt.Errorf("%s:%d:%d: %s", name, perr.Pos.Line, perr.Pos.Col, perr.Msg)
	}
	c := &Catalogue{}
	if len(docs) == 0 {
		return c, nil
	}
	source := func(n *tree.Node) *yaml.Node {
		return str(fmt.Sprintf("%s row %d", filepath.Base(name), n.Pos.Line))
	}
	for _, list := range []struct {
		key string
		out *[]*yaml.Node
	}{{"units", &c.Units}, {"goals", &c.Goals}, {"kpis", &c.KPIs}} {
		if l := docs[0].Get(list.key); l != nil {
			for _, it := range l.Items {
				n := fromTree(it)
				set(n, "x-source", source(it))
				*list.out = append(*list.out, n)
			}
		}
	}
	return c, nil
}

// fromTree is a tree value as a YAML node.
func fromTree(n *tree.Node) *yaml.Node {
	switch n.Kind {
	case tree.Map:
		m := &yaml.Node{Kind: yaml.MappingNode}
		for _, e := range n.Entries {
			m.Content = append(m.Content, str(e.Key), fromTree(e.Value))
		}
		return m
	case tree.List:
		l := &yaml.Node{Kind: yaml.SequenceNode}
		for _, it := range n.Items {
			l.Content = append(l.Content, fromTree(it))
		}
		return l
	case tree.Number:
		tag := "!!float"
		if n.IsInt {
			tag = "!!int"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: n.Str}
	case tree.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(n.Bool)}
	}
	return str(n.Str)
}

// metricFlow is the part of a dbt semantic-layer file kpilint imports.
type metricFlow struct {
	Metrics []struct {
		Name        string         `yaml:"name"`
		Label       string         `yaml:"label"`
		Description string         `yaml:"description"`
		Type        string         `yaml:"type"`
		TypeParams  map[string]any `yaml:"type_params"`
		Filter      any            `yaml:"filter"`
		Meta        map[string]any `yaml:"meta"`
	} `yaml:"metrics"`
}

func isMetricFlow(name string, data []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return (ext == ".yml" || ext == ".yaml") && bytes.Contains(data, []byte("metrics:")) && bytes.Contains(data, []byte("type_params"))
}

// readMetricFlow makes each metric a KPI of kind metric (kind kpi when its
// meta marks it key: `meta: {kpi: true}` or `{key: true}`) whose measure is
// the metric's own definition in the metricflow language, kept verbatim:
// a simple or cumulative metric's measure, a ratio's numerator /
// denominator, a derived metric's expression. The filter and the type go
// to x- keys.
func readMetricFlow(name string, data []byte, _ document.Limits) (*Catalogue, error) {
	var mf metricFlow
	if err := yaml.Unmarshal(data, &mf); err != nil {
		return nil, fmt.Errorf("%s: not MetricFlow YAML: %w", name, err)
	}
	c := &Catalogue{}
	for _, m := range mf.Metrics {
		if m.Name == "" {
			continue
		}
		kind := "metric"
		if truthy(m.Meta["kpi"]) || truthy(m.Meta["key"]) {
			kind = "kpi"
		}
		formula := ""
		switch m.Type {
		case "ratio":
			formula = measureName(m.TypeParams["numerator"]) + " / " + measureName(m.TypeParams["denominator"])
		case "derived":
			formula, _ = m.TypeParams["expr"].(string)
		default: // simple, cumulative, conversion
			formula = measureName(m.TypeParams["measure"])
		}
		var filter string
		if m.Filter != nil {
			filter = strings.TrimSpace(fmt.Sprint(m.Filter))
		}
		c.KPIs = append(c.KPIs, mapping(
			"id", m.Name,
			"name", firstOf(m.Label, m.Name),
			"description", m.Description,
			"kind", kind,
			"measure", mapping("language", "metricflow", "formula", formula),
			"x-metricflow-type", m.Type,
			"x-filter", filter,
			"x-source", fmt.Sprintf("%s metric %s", filepath.Base(name), m.Name),
		))
	}
	return c, nil
}

func measureName(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		if n, ok := x["name"].(string); ok {
			return n
		}
	}
	return ""
}

func truthy(v any) bool {
	b, ok := v.(bool)
	return ok && b
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// kolada is a KPI of Kolada's /v2/kpi response.
type kolada struct {
	ID                string `json:"id"`
	Title             string `json:"title"`
	Description       string `json:"description"`
	OperatingArea     string `json:"operating_area"`
	Perspective       string `json:"perspective"`
	MunicipalityType  string `json:"municipality_type"`
	IsDividedByGender int    `json:"is_divided_by_gender"`
	HasOUData         bool   `json:"has_ou_data"`
	Auspice           string `json:"auspice"`
	PublicationDate   string `json:"publication_date"`
}

func isKolada(name string, data []byte) bool {
	return strings.EqualFold(filepath.Ext(name), ".json") && bytes.Contains(data, []byte(`"title"`)) && bytes.Contains(data, []byte(`"id"`))
}

// readKolada makes each Kolada KPI a KPI with its id as Kolada writes it
// (N00003), its title and description; the fields kpilint has no place for
// go to x- keys.
func readKolada(name string, data []byte, _ document.Limits) (*Catalogue, error) {
	var resp struct {
		Values []kolada `json:"values"`
	}
	if err := json.Unmarshal(data, &resp); err != nil || resp.Values == nil {
		var list []kolada
		if err2 := json.Unmarshal(data, &list); err2 != nil {
			return nil, fmt.Errorf("%s: not Kolada KPI metadata (a /v2/kpi response, or a list of its values)", name)
		}
		resp.Values = list
	}
	c := &Catalogue{}
	for _, k := range resp.Values {
		if k.ID == "" {
			continue
		}
		var gender *yaml.Node
		if k.IsDividedByGender == 1 {
			gender = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}
		}
		c.KPIs = append(c.KPIs, mapping(
			"id", k.ID,
			"name", k.Title,
			"description", k.Description,
			"x-operating-area", k.OperatingArea,
			"x-perspective", k.Perspective,
			"x-municipality-type", k.MunicipalityType,
			"x-divided-by-gender", gender,
			"x-auspice", k.Auspice,
			"x-source", "kolada "+k.ID,
		))
	}
	return c, nil
}
