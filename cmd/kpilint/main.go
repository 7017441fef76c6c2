// Command kpilint lints KPI catalogues.
package main

import (
	"os"

	"github.com/kpilint/kpilint/internal/cli"
)

func main() { os.Exit(cli.Main()) }
