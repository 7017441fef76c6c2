package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/report"
)

// LintOptions are the parsed flags of `kpilint lint`.
type LintOptions struct {
	IO         *IOStreams
	Paths      []string
	Format     string
	Output     string
	FailOn     string
	ConfigPath string
	Today      string
	Color      string
	Workers    int
}

// NewCmdLint builds `kpilint lint`. runF replaces the work in tests of the
// flag parsing; nil runs the linter.
func NewCmdLint(ios *IOStreams, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Lint KPI files and directories (default: .)",
		Long: "Lint KPI files and directories. Every catalogue file under the root is loaded for context\n" +
			"(references, counts), but only findings located in the named paths are reported.",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !report.IsFormat(opts.Format) {
				return usageErr("unknown format %q", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return runLint(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (atomically) instead of standard output")
	f.StringVar(&opts.FailOn, "fail-on", "", "lowest severity that fails the run: error, warning, info or never (default from config, else error)")
	f.StringVar(&opts.ConfigPath, "config", "", "configuration `FILE` (default: kpilint.yaml found walking up from the working directory)")
	f.StringVar(&opts.Today, "today", "", "the date to judge reviews by, `YYYY-MM-DD` (default: today)")
	f.StringVar(&opts.Color, "color", "auto", "colour: auto, always or never (NO_COLOR disables auto)")
	f.IntVarP(&opts.Workers, "jobs", "j", runtime.NumCPU(), "files parsed in parallel")
	return cmd
}

func runLint(opts *LintOptions) error {
	cwd, err := opts.IO.Getwd()
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	cfg, err := config.Load(opts.ConfigPath, cwd)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	failOn := cfg.FailOn
	if opts.FailOn != "" {
		if failOn, err = finding.ParseSeverity(opts.FailOn); err != nil {
			return usageErr("--fail-on: %v", err)
		}
	}
	today := time.Now().UTC()
	if opts.Today != "" {
		if today, err = time.Parse(time.DateOnly, opts.Today); err != nil {
			return usageErr("--today must be YYYY-MM-DD, not %q", opts.Today)
		}
	}
	color, err := useColor(opts.Color, opts.IO, opts.Output)
	if err != nil {
		return err
	}
	res, err := lint.Run(lint.Options{Config: cfg, Paths: absPaths(cwd, opts.Paths), Today: today, Workers: opts.Workers})
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	ropts := report.Options{Version: version(), Color: color, Source: sources(res)}
	if err := writeOutput(opts.IO.Out, opts.Output, func(w io.Writer) error {
		return report.Write(w, opts.Format, res, ropts)
	}); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	if res.Failed(failOn) {
		return &ExitError{Code: 1}
	}
	return nil
}

func absPaths(cwd string, paths []string) []string {
	if len(paths) == 0 {
		return []string{cwd}
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		if filepath.IsAbs(p) {
			out[i] = p
		} else {
			out[i] = filepath.Join(cwd, p)
		}
	}
	return out
}

func sources(res *lint.Result) func(string) []byte {
	m := map[string][]byte{}
	for _, f := range res.Catalogue.Files {
		m[f.Path] = f.Source
	}
	return func(p string) []byte { return m[p] }
}

// useColor decides colour once: --color, then CLICOLOR_FORCE and NO_COLOR,
// then whether standard output is a terminal.
func useColor(mode string, ios *IOStreams, output string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if output != "" {
			return false, nil
		}
		if v := ios.Getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
			return true, nil
		}
		if ios.Getenv("NO_COLOR") != "" || ios.Getenv("TERM") == "dumb" {
			return false, nil
		}
		return ios.OutTTY, nil
	}
	return false, usageErr("--color must be auto, always or never, not %q", mode)
}

// writeOutput renders to stdout, or to path atomically: a temporary file
// in the same directory, renamed over path once complete.
func writeOutput(stdout io.Writer, path string, render func(io.Writer) error) error {
	if path == "" {
		return render(stdout)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// WriteFileAtomic writes data to path through a temporary file and a rename,
// so readers never see a half-written file.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// After a successful rename the temporary name is gone and Remove
	// fails harmlessly; before it, Remove cleans up.
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
