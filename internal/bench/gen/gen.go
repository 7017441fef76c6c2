// Package gen writes deterministic, realistic KPI catalogues for the
// benchmarks: a unit tree, goals, and KPIs with every field, a controlled
// share of them with typical defects.
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options size a catalogue.
type Options struct {
	KPIs  int
	Files int
	// Defects is the share of KPIs (0–1) given one typical defect.
	Defects float64
	Seed    uint64
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
	var b strings.Builder
	b.WriteString("units:\n  - {id: org, name: Organisation, level: organisation}\n")
	for d := range depts {
		fmt.Fprintf(&b, "  - {id: dept-%d, name: Department %d, level: department, parent: org}\n", d, d)
	}
	for t := range teams {
		fmt.Fprintf(&b, "  - {id: team-%d, name: Team %d, level: team, parent: dept-%d}\n", t, t, t%depts)
	}
	b.WriteString("goals:\n  - {id: vision, statement: Be the most trusted company in the market, scope: org}\n")
	goals := max(o.KPIs/20, 1)
	for g := range goals {
		fmt.Fprintf(&b, "  - {id: goal-%d, statement: Strategic goal number %d, scope: dept-%d, parent: vision}\n", g, g, g%depts)
	}
	if err := os.WriteFile(filepath.Join(dir, "organisation.kpi.yaml"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	for f := range kpiFiles {
		b.Reset()
		b.WriteString("kpis:\n")
		from, to := f*o.KPIs/kpiFiles, (f+1)*o.KPIs/kpiFiles
		for k := from; k < to; k++ {
			writeKPI(&b, r, k, k/4, goals, r.Float64() < o.Defects)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("kpis-%05d.kpi.yaml", f)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

var defects = []string{"no-owner", "vague", "no-cadence", "placeholder", "bad-example", "no-target"}

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
		first, last := firstNames[k%len(firstNames)], lastNames[(k/len(firstNames))%len(lastNames)]
		fmt.Fprintf(b, "    owner: {name: %s %s %d, role: Team lead, unit: team-%d, email: %s.%s%d@example.com}\n",
			first, last, k, team, strings.ToLower(first), strings.ToLower(last), k)
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
		b.WriteString("    cadence: {measure: weekly, review: monthly, forum: Team meeting}\n")
	}
	b.WriteString("    actions:\n      - {when: red, do: Review late orders with the carrier within a week}\n")
}

var (
	firstNames = []string{"Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Nils"}
	lastNames  = []string{"Berg", "Lind", "Holm", "Ek", "Strand", "Nyberg", "Sjöberg", "Lund"}
)
