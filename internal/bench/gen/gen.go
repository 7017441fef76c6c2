// Package gen writes deterministic, realistic KPI catalogues for the
// benchmarks: a unit tree, goals, and KPIs with every field, a controlled
// share of them with typical defects.
package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Options size a catalogue.
type Options struct {
	KPIs  int
	Files int
	// Defects is the share of KPIs (0–1) given one typical defect.
	Defects float64
	Seed    uint64
	// JSON writes every file as JSON (.kpi.json) instead of YAML: the
	// same catalogue, key order kept.
	JSON bool
}

// Write writes the catalogue under dir: organisation.kpi.yaml with the
// units and goals, and Files-1 files of KPIs.
func Write(dir string, o Options) error {
	if o.Files < 2 {
		o.Files = 2
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x6b70696c696e74)) //nolint:gosec // deterministic test data, not secrets
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	teamsPerDept := 6
	kpiFiles := o.Files - 1
	// Enough teams that no unit passes the recommended five KPIs.
	teams := max(o.KPIs/4+1, 1)
	depts := max(teams/teamsPerDept, 1)
	// The units and goals: organisation.kpi.yaml, and past orgChunk teams
	// or goals, the rest in files of orgChunk each (a file is at most
	// 8 MiB: one file of a million KPIs' 250,000 teams is not read).
	var b strings.Builder
	b.WriteString("units:\n  - {id: org, name: Organisation, level: organisation}\n")
	for d := range depts {
		fmt.Fprintf(&b, "  - {id: dept-%d, name: Department %d, level: department, parent: org}\n", d, d)
	}
	var extra []string
	for t := range teams {
		if t > 0 && t%orgChunk == 0 {
			extra = append(extra, b.String())
			b.Reset()
			b.WriteString("units:\n")
		}
		fmt.Fprintf(&b, "  - {id: team-%d, name: Team %d, level: team, parent: dept-%d}\n", t, t, t%depts)
	}
	b.WriteString("goals:\n  - {id: vision, statement: Be the most trusted company in the market, scope: org}\n")
	goals := max(o.KPIs/20, 1)
	for g := range goals {
		if g > 0 && g%orgChunk == 0 {
			extra = append(extra, b.String())
			b.Reset()
			b.WriteString("goals:\n")
		}
		fmt.Fprintf(&b, "  - {id: goal-%d, statement: Strategic goal number %d, scope: dept-%d, parent: vision}\n", g, g, g%depts)
	}
	extra = append(extra, b.String())
	if err := write(dir, "organisation", extra[0], o.JSON); err != nil {
		return err
	}
	for i, text := range extra[1:] {
		if err := write(dir, fmt.Sprintf("organisation-%03d", i+1), text, o.JSON); err != nil {
			return err
		}
	}
	for f := range kpiFiles {
		b.Reset()
		b.WriteString("kpis:\n")
		from, to := f*o.KPIs/kpiFiles, (f+1)*o.KPIs/kpiFiles
		for k := from; k < to; k++ {
			writeKPI(&b, r, k, k/4, goals, r.Float64() < o.Defects)
		}
		if err := write(dir, fmt.Sprintf("kpis-%05d", f), b.String(), o.JSON); err != nil {
			return err
		}
	}
	return nil
}

// write writes one file of the catalogue, as YAML or converted to JSON.
func write(dir, name, yamlText string, asJSON bool) error {
	if !asJSON {
		return os.WriteFile(filepath.Join(dir, name+".kpi.yaml"), []byte(yamlText), 0o644)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(yamlText), &doc); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := toJSON(&b, &doc, ""); err != nil {
		return err
	}
	b.WriteByte('\n')
	return os.WriteFile(filepath.Join(dir, name+".kpi.json"), b.Bytes(), 0o644)
}

// toJSON writes a YAML node as indented JSON, mappings in their order.
func toJSON(b *bytes.Buffer, n *yaml.Node, indent string) error {
	switch n.Kind {
	case yaml.DocumentNode:
		return toJSON(b, n.Content[0], indent)
	case yaml.MappingNode, yaml.SequenceNode:
		open, closing, step := "{", "}", 2
		if n.Kind == yaml.SequenceNode {
			open, closing, step = "[", "]", 1
		}
		b.WriteString(open)
		for i := 0; i < len(n.Content); i += step {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n" + indent + "  ")
			if step == 2 {
				key, _ := json.Marshal(n.Content[i].Value)
				b.Write(key)
				b.WriteString(": ")
			}
			if err := toJSON(b, n.Content[i+step-1], indent+"  "); err != nil {
				return err
			}
		}
		b.WriteString("\n" + indent + closing)
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float", "!!bool":
			b.WriteString(n.Value)
		case "!!null":
			b.WriteString("null")
		default:
			s, _ := json.Marshal(n.Value)
			b.Write(s)
		}
	default:
		return fmt.Errorf("kpigen: no JSON for YAML node kind %d", n.Kind)
	}
	return nil
}

// orgChunk is how many teams or goals one file of units and goals holds:
// small enough that the JSON form stays under the 8 MiB file limit (at
// 30,000 the first JSON file of a million KPIs was 8.7 MB, not read, and
// the run measured 509,000 unknown references).
const orgChunk = 20000

// defects are the typical ones. The catalogue otherwise follows the
// examples' policy (examples/policy/acme.cue: owners at acme.se, team KPIs
// reviewed weekly), as a catalogue kept under its own policy does;
// "off-policy" breaks it. (Before, every KPI broke it twice, and a run
// with the policy at 100k KPIs measured the policy's 30 s budget.)
var defects = []string{"no-owner", "vague", "no-cadence", "placeholder", "bad-example", "no-target", "off-policy"}

// writeKPI writes KPI k of a team; KPIs are spread over the goals so that
// each goal gets leading and lagging ones.
func writeKPI(b *strings.Builder, r *rand.Rand, k, team, goals int, defective bool) {
	goal := k % goals
	defect := ""
	if defective {
		defect = defects[r.IntN(len(defects))]
	}
	indicator := []string{"leading", "lagging"}[(k/goals)%2]
	base := 50 + r.IntN(30)
	fmt.Fprintf(b, "  - id: kpi-%d\n    name: Share of orders delivered on time, region %d\n", k, k)
	fmt.Fprintf(b, "    description: Orders delivered by the promised date as a share of all orders delivered in region %d.\n", k)
	fmt.Fprintf(b, "    goal: goal-%d\n    scope: team-%d\n", goal, team)
	switch defect {
	case "no-owner":
	case "placeholder":
		fmt.Fprintf(b, "    owner: {name: Management, unit: team-%d}\n", team)
	default:
		domain := "acme.se"
		if defect == "off-policy" {
			domain = "example.com"
		}
		first, last := firstNames[k%len(firstNames)], lastNames[(k/len(firstNames))%len(lastNames)]
		fmt.Fprintf(b, "    owner: {name: %s %s %d, role: Team lead, unit: team-%d, email: %s.%s%d@%s}\n",
			first, last, k, team, strings.ToLower(first), strings.ToLower(last), k, domain)
	}
	fmt.Fprintf(b, "    levers: [route planning, carrier choice, warehouse staffing]\n    indicator: %s\n    direction: increase\n", indicator)
	formula := "on_time / delivered * 100"
	if defect == "vague" {
		formula = "roughly the share of good deliveries"
	}
	fmt.Fprintf(b, "    measure:\n      formula: %s\n      unit: percent\n      inputs:\n", formula)
	b.WriteString("        on_time: {description: orders delivered by the promised date, source: wms.deliveries}\n")
	b.WriteString("        delivered: {description: all orders delivered, source: wms.deliveries}\n")
	expect := 90
	if defect == "bad-example" {
		expect = 9
	}
	fmt.Fprintf(b, "      examples:\n        - {inputs: {on_time: 45, delivered: 50}, expect: %d}\n", expect)
	fmt.Fprintf(b, "    baseline: {value: %d, date: 2026-01-31}\n", base)
	if defect != "no-target" {
		fmt.Fprintf(b, "    target: {value: %d}\n", base+5)
	}
	fmt.Fprintf(b, "    thresholds: {green: %d, red: %d}\n", base+5, base-5)
	if defect != "no-cadence" {
		b.WriteString("    cadence: {measure: weekly, review: weekly, forum: Team meeting}\n")
	}
	b.WriteString("    actions:\n      - {when: red, do: Review late orders with the carrier within a week}\n")
}

var (
	firstNames = []string{"Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Nils"}
	lastNames  = []string{"Berg", "Lind", "Holm", "Ek", "Strand", "Nyberg", "Sjöberg", "Lund"}
)
