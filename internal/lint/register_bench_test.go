package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
)

// BenchmarkRegister lints a 10,000-row KPI register as CSV and as a
// workbook, and the same KPIs written as YAML, in the same run
// (BENCHMARKS.md, "Spreadsheets"): a register should cost at most twice
// the YAML.
func BenchmarkRegister(b *testing.B) {
	const n = 10000
	org := "units: [{id: ops, name: Operations, level: organisation}]\ngoals: [{id: reliable, statement: Customers can rely on us}]\n"
	headers := []string{"Nyckeltal", "Beskrivning", "Formel", "Ansvarig", "Målvärde", "Enhet", "Frekvens", "Avdelning", "Strategiskt mål"}
	row := func(i int) []string {
		return []string{fmt.Sprintf("Ledtid %d", i), "Dagar från beställning till leverans", "mean(dagar)", fmt.Sprintf("Ägare %d", i%900),
			"5", "days", "Varje månad", "ops", "reliable"}
	}
	var csv, yaml strings.Builder
	csv.WriteString(strings.Join(headers, ";") + "\n")
	yaml.WriteString("kpis:\n")
	for i := range n {
		csv.WriteString(strings.Join(row(i), ";") + "\n")
		fmt.Fprintf(&yaml, "  - {id: row-%d, name: Ledtid %d, description: Dagar från beställning till leverans, measure: {formula: mean(dagar), unit: days}, "+
			"owner: {name: Ägare %d}, target: {value: 5}, cadence: {review: monthly}, scope: ops, goal: reliable}\n", i+2, i, i%900)
	}
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	toAny := func(ss []string) []any {
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return out
	}
	_ = sw.SetRow("A1", toAny(headers))
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = sw.SetRow(cell, toAny(row(i)))
	}
	_ = sw.Flush()
	xlsx, err := f.WriteToBuffer()
	if err != nil {
		b.Fatal(err)
	}
	for name, file := range map[string][2]string{
		"yaml": {"register.kpi.yaml", yaml.String()}, "csv": {"register.kpi.csv", csv.String()}, "xlsx": {"register.kpi.xlsx", xlsx.String()},
	} {
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			_ = os.WriteFile(filepath.Join(dir, "org.kpi.yaml"), []byte(org), 0o644)
			_ = os.WriteFile(filepath.Join(dir, file[0]), []byte(file[1]), 0o644)
			for b.Loop() {
				res, err := lint.Run(lint.Options{Config: config.Default(dir), Paths: []string{dir}, Today: Today, Workers: 2, Compact: true})
				if err != nil || res.Summary.KPIs != n {
					b.Fatal(err, res.Summary.KPIs)
				}
			}
		})
	}
}
