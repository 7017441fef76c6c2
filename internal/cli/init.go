package cli

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/atomicfile"
)

//go:embed starter/kpilint.yaml starter/kpis.kpi.yaml
var starter embed.FS

// starterFiles are written by `kpilint init`, in this order.
var starterFiles = []string{"kpilint.yaml", "kpis.kpi.yaml"}

// NewCmdInit builds `kpilint init`.
func NewCmdInit(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a starter kpilint.yaml and an example catalogue (never overwrites)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cwd, err := ios.Getwd()
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			dir := cwd
			if len(args) == 1 {
				dir = inDir(cwd, args[0])
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			// Refuse before writing anything: no half-initialised directory.
			for _, name := range starterFiles {
				if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
					return usageErr("%s already exists; kpilint init never overwrites a file", filepath.Join(dir, name))
				}
			}
			for _, name := range starterFiles {
				data, err := starter.ReadFile("starter/" + name)
				if err != nil {
					return err
				}
				if err := atomicfile.Create(filepath.Join(dir, name), data); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				fmt.Fprintf(ios.Out, "wrote %s\n", filepath.Join(dir, name))
			}
			fmt.Fprintln(ios.Out, "next: edit kpis.kpi.yaml, then run kpilint lint")
			return nil
		},
	}
}
