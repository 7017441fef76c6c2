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

// InitOptions are the parsed arguments of `kpilint init`.
type InitOptions struct {
	IO  *IOStreams
	Dir string // as given; "" is the working directory
}

// NewCmdInit builds `kpilint init`. runF replaces the work in tests of the
// argument parsing; nil writes the files.
func NewCmdInit(ios *IOStreams, runF func(*InitOptions) error) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a starter kpilint.yaml and an example catalogue (never overwrites)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts := &InitOptions{IO: ios}
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runInit(opts)
		},
	}
}

func runInit(opts *InitOptions) error {
	ios := opts.IO
	cwd, err := ios.Getwd()
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	dir := cwd
	if opts.Dir != "" {
		dir = inDir(cwd, opts.Dir)
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
}
