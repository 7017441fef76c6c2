package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/importer"
)

// ImportOptions are the parsed arguments of `kpilint import`.
type ImportOptions struct {
	IO      *IOStreams
	Sources []string
	// From names the kind of source ("" detects it); Dir is where the
	// catalogue files are written.
	From, Dir string
}

// NewCmdImport builds `kpilint import`. runF replaces the work in tests of
// the argument parsing; nil imports.
func NewCmdImport(ios *IOStreams, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: ios}
	var kinds []string
	for _, s := range importer.Sources {
		kinds = append(kinds, s.Name+" ("+s.Doc+")")
	}
	cmd := &cobra.Command{
		Use:   "import SOURCE...",
		Short: "Write kpilint catalogue files from a spreadsheet register, dbt MetricFlow metrics or Kolada KPI metadata",
		Long: "Write a kpilint catalogue file (YAML) for each source: " + strings.Join(kinds, "; ") + ".\n" +
			"register.xlsx becomes register.kpi.yaml in --dir. Nothing is invented: what the source does not\n" +
			"state stays absent (and kpilint lint says so); each KPI records where it came from (x-source).\n" +
			"Importing again updates the imported fields, keyed on id, and keeps what you added by hand.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Sources = args
			if opts.From != "" && importer.Named(opts.From) == nil {
				return usageErr("--from must be one of spreadsheet, metricflow, kolada, not %q", opts.From)
			}
			if runF != nil {
				return runF(opts)
			}
			return runImport(opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "the kind of source: spreadsheet, metricflow or kolada (default: from the file)")
	cmd.Flags().StringVar(&opts.Dir, "dir", ".", "the folder the catalogue files are written to")
	return cmd
}

func runImport(opts *ImportOptions) error {
	cwd, err := opts.IO.Getwd()
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	dir := inDir(cwd, opts.Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	for _, src := range opts.Sources {
		path := inDir(cwd, src)
		data, perr := document.ReadFile(filepath.Dir(path), filepath.Base(path), document.DefaultLimits)
		if perr != nil {
			return &ExitError{Code: 2, Err: fmt.Errorf("%s: %s", src, perr.Msg)}
		}
		kind := importer.Named(opts.From)
		if kind == nil {
			if kind = importer.Detect(path, data); kind == nil {
				return usageErr("%s: not a source kpilint imports (a spreadsheet, MetricFlow YAML or Kolada JSON); say which with --from", src)
			}
		}
		cat, err := kind.Read(path, data, document.DefaultLimits)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		out := filepath.Join(dir, importer.OutputName(path))
		existing, perr := document.ReadFile(dir, filepath.Base(out), document.DefaultLimits)
		if perr != nil && !errors.Is(statErr(out), fs.ErrNotExist) {
			return &ExitError{Code: 2, Err: fmt.Errorf("%s: %s", out, perr.Msg)}
		}
		if err := importer.Write(out, cat, existing); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		fmt.Fprintf(opts.IO.Out, "%s: %d KPIs, %d units, %d goals from %s → %s\n", kind.Name, len(cat.KPIs), len(cat.Units), len(cat.Goals), src, relTo(cwd, out))
	}
	return nil
}

func relTo(cwd, p string) string {
	if r, err := filepath.Rel(cwd, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

func statErr(p string) error {
	_, err := os.Stat(p)
	return err
}
