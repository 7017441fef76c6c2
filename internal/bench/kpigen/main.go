// Command kpigen writes a synthetic KPI catalogue for benchmarks:
//
//	go run ./internal/bench/kpigen -kpis 100000 -files 2000 -out /tmp/catalogue
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/kpilint/kpilint/internal/bench/gen"
)

func main() {
	var o gen.Options
	out := flag.String("out", "catalogue", "directory to write")
	flag.IntVar(&o.KPIs, "kpis", 1000, "number of KPIs")
	flag.IntVar(&o.Files, "files", 20, "number of files")
	flag.Float64Var(&o.Defects, "defects", 0.05, "share of KPIs with a defect")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.BoolVar(&o.JSON, "json", false, "write JSON files (.kpi.json) instead of YAML")
	flag.Parse()
	o.Seed = *seed
	if err := gen.Write(*out, o); err != nil {
		fmt.Fprintln(os.Stderr, "kpigen:", err)
		os.Exit(1)
	}
}
