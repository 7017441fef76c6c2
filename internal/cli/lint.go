package cli

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kpilint/kpilint/internal/atomicfile"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/report"
)

// runFlags are the flags `lint` and `audit` share: which catalogue, how
// to judge it, where the output goes.
type runFlags struct {
	IO         *IOStreams
	Paths      []string
	StdinPath  string
	Format     string
	Output     string
	ConfigPath string
	Today      string
	Color      string
	Workers    int
	Lang       string
	// NewFromRev reports only what is new since that git revision (lint);
	// TrackedOnly leaves out the files git does not track (the hook).
	NewFromRev  string
	TrackedOnly bool
	// Verbose says on standard error which configuration and root a run uses.
	Verbose bool
}

func (o *runFlags) register(f *pflag.FlagSet) {
	f.StringVar(&o.Lang, "lang", "", "language of messages and reports: en or sv (default from config, else en)")
	f.StringVarP(&o.Output, "output", "o", "", "write the report to `FILE` (atomically) instead of standard output")
	f.StringVar(&o.ConfigPath, "config", "", "configuration `FILE` (default: kpilint.yaml found walking up from the working directory)")
	f.StringVar(&o.Today, "today", "", "the date to judge reviews by, `YYYY-MM-DD` (default: today)")
	f.StringVar(&o.Color, "color", "auto", "colour: auto, always or never (NO_COLOR disables auto)")
	f.IntVarP(&o.Workers, "jobs", "j", runtime.NumCPU(), "files parsed in parallel")
	f.BoolVarP(&o.Verbose, "verbose", "v", false, "say which configuration file and catalogue root the run uses (kpilint config prints every setting)")
}

// run is one loaded and linted catalogue, with what the report needs.
type run struct {
	cwd   string
	cfg   *config.Config
	today time.Time
	color bool
	lang  string
	res   *lint.Result
	// workspace is $GITHUB_WORKSPACE, the repository's top in a workflow.
	workspace string
	// stdinPath and stdin are the file linted from standard input, if any.
	stdinPath string
	stdin     []byte
}

// maxJobs caps --jobs: more workers than this only add memory.
const maxJobs = 64

// lintCatalogue loads the configuration and lints the catalogue.
func (o *runFlags) lintCatalogue(base func(cwd string, cfg *config.Config) (lint.Baseline, error), compact, keepKPIs bool) (*run, error) {
	cwd, err := o.IO.Getwd()
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	r := &run{cwd: cwd, today: time.Now().UTC(), workspace: o.IO.Getenv("GITHUB_WORKSPACE")}
	if o.Workers < 1 {
		return nil, usageErr("--jobs must be at least 1, not %d", o.Workers)
	}
	o.Workers = min(o.Workers, maxJobs) // each worker holds a file's tree: -j 1000000 would exhaust memory
	if r.cfg, err = config.Load(o.ConfigPath, cwd); err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	if o.Verbose {
		fmt.Fprintf(o.IO.ErrOut, "kpilint: configuration %s; catalogue root %s\n", report.Sanitize(cmp.Or(r.cfg.Path, "none (the defaults)")), report.Sanitize(r.cfg.Root))
	}
	if o.Today != "" {
		if r.today, err = time.Parse(time.DateOnly, o.Today); err != nil {
			return nil, usageErr("--today must be YYYY-MM-DD, not %q", o.Today)
		}
	}
	if r.color, err = o.IO.Color(o.Color, o.Output != ""); err != nil {
		return nil, err
	}
	if r.lang, err = language(o.Lang, r.cfg); err != nil {
		return nil, err
	}
	var b lint.Baseline
	if base != nil {
		if b, err = base(cwd, r.cfg); err != nil {
			return nil, &ExitError{Code: 2, Err: err}
		}
	}
	lo := lint.Options{Config: r.cfg, Paths: absPaths(cwd, o.Paths), Today: r.today, Workers: o.Workers, Baseline: b, Compact: compact, KeepKPIs: keepKPIs, Lang: r.lang}
	if compact {
		lo.CacheDir = o.IO.CacheDir
	}
	if o.StdinPath != "" {
		if o.NewFromRev != "" {
			return nil, usageErr("--new-from-rev compares the catalogue in the work tree; it cannot read standard input")
		}
		if len(o.Paths) != 1 || o.Paths[0] != "-" {
			return nil, usageErr("--stdin-filename needs the path - (read standard input), and no other path")
		}
		lo.Paths = nil
		lo.StdinPath = inDir(cwd, o.StdinPath)
		if lo.Stdin, err = io.ReadAll(io.LimitReader(o.IO.In, r.cfg.Limits.MaxFileBytes+1)); err != nil {
			return nil, &ExitError{Code: 2, Err: fmt.Errorf("read standard input: %w", err)}
		}
	} else if slices.Contains(o.Paths, "-") {
		return nil, usageErr("the path - reads standard input and needs --stdin-filename PATH to say which file it is")
	}
	if o.TrackedOnly && o.NewFromRev == "" {
		return nil, usageErr("--tracked-only goes with --new-from-rev")
	}
	if o.NewFromRev != "" {
		gate, err := lint.Since(lo, o.NewFromRev, lint.GateOptions{TrackedOnly: o.TrackedOnly})
		if err != nil {
			return nil, &ExitError{Code: 2, Err: err}
		}
		lo.Config = lint.ExcludeFiles(lo.Config, gate.Untracked)
		if gate.Unchanged {
			r.res = lint.Unchanged(o.NewFromRev)
			return r, nil
		}
		// The whole catalogue, or what changed and the catalogue-wide
		// rules: what a change breaks may be anywhere.
		lo.Paths, lo.Since = []string{r.cfg.Root}, gate.Baseline
		if gate.Narrow {
			lo.Paths, lo.CatalogueWide = gate.Files, true
		}
	}
	r.res, err = lint.Run(lo)
	r.stdinPath, r.stdin = lo.StdinPath, lo.Stdin
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	if len(r.res.Files) == 0 && o.NewFromRev == "" && lo.StdinPath == "" {
		// A gate that checks nothing must not pass.
		where := strings.Join(o.Paths, " ")
		if where == "" {
			where = r.cfg.Root
		}
		msg := fmt.Sprintf("no catalogue files found in %s (include: %s)", where, strings.Join(r.cfg.Include, ", "))
		for _, n := range r.res.Notes {
			msg += "\n  " + n
		}
		return nil, &ExitError{Code: 2, Err: errors.New(msg)}
	}
	return r, nil
}

// write renders the report to standard output or to -o.
func (o *runFlags) write(r *run, render func(io.Writer) error) error {
	if err := writeOutput(o.IO.Out, inDir(r.cwd, o.Output), render); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	return nil
}

// LintOptions are the parsed flags of `kpilint lint`.
type LintOptions struct {
	runFlags
	FailOn    string
	Baseline  string
	WriteBase string
	Quiet     bool
}

// NewCmdLint builds `kpilint lint`. runF replaces the work in tests of the
// flag parsing; nil runs the linter.
func NewCmdLint(ios *IOStreams, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{runFlags: runFlags{IO: ios}}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Lint KPI files and directories (default: .)",
		Long: "Lint KPI files and directories. Every catalogue file under the root is loaded for context\n" +
			"(references, counts), but only findings located in the named paths are reported.",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !cmd.Flags().Changed("format") && opts.Output != "" {
				name, err := report.ForFile(report.Formats, opts.Output)
				if err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				if name != "" {
					opts.Format = name
				}
			}
			if _, err := report.Lookup(opts.Format); err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runLint(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "output format: "+strings.Join(report.Names(), ", ")+" (default text, or as the extension of -o says)")
	opts.register(f)
	f.StringVar(&opts.StdinPath, "stdin-filename", "", "with the path -, lint standard input as if it were `PATH` (for editors)")
	f.StringVar(&opts.FailOn, "fail-on", "", "lowest severity that fails the run: error, warning, info or never (default from config, else error)")
	f.StringVar(&opts.Baseline, "baseline", "", "hide the findings recorded in this baseline `FILE` (and count them)")
	f.StringVar(&opts.WriteBase, "write-baseline", "", "record today's findings in this baseline `FILE` and exit 0")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "report errors only (warnings and infos still count in the health score)")
	f.StringVar(&opts.NewFromRev, "new-from-rev", "", "report only findings that are new since git revision `REV` (anywhere in the catalogue)")
	f.BoolVar(&opts.TrackedOnly, "tracked-only", false, "with --new-from-rev, leave out the files git does not track (the pre-commit hook: a draft not yet added is not part of the commit)")
	return cmd
}

func runLint(opts *LintOptions) error {
	var base func(string, *config.Config) (lint.Baseline, error)
	if opts.Baseline != "" {
		base = func(cwd string, cfg *config.Config) (lint.Baseline, error) {
			return lint.ReadBaseline(inDir(cwd, opts.Baseline), cfg.Boundary())
		}
	}
	r, err := opts.lintCatalogue(base, true, false)
	if err != nil {
		return err
	}
	failOn := r.cfg.FailOn
	if opts.FailOn != "" {
		if failOn, err = finding.ParseSeverity(opts.FailOn); err != nil {
			return usageErr("--fail-on: %v", err)
		}
	}
	res := r.res
	if opts.WriteBase != "" {
		all := append(append([]finding.Finding{}, res.Findings...), res.Baselined...)
		n, err := lint.WriteBaseline(inDir(r.cwd, opts.WriteBase), all)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		// One line, not the report: the findings are in the file.
		fmt.Fprintf(opts.IO.ErrOut, "kpilint: recorded %d findings in %s", n, report.Sanitize(opts.WriteBase))
		if unparsed := len(all) - n; unparsed > 0 {
			fmt.Fprintf(opts.IO.ErrOut, " (not the %d syntax %s: a file that cannot be read is never baselined)", unparsed, i18n.Plural(unparsed, "error", "errors"))
		}
		fmt.Fprintln(opts.IO.ErrOut)
		return nil
	}
	if opts.Quiet {
		res = res.Only(finding.Error)
	}
	format, _ := report.Lookup(opts.Format)
	ropts := r.reportOptions(sources(r, r.stdinPath, r.stdin))
	if err := opts.write(r, func(w io.Writer) error { return format.Write(w, res, ropts) }); err != nil {
		return err
	}
	if summary := opts.IO.Getenv("GITHUB_STEP_SUMMARY"); format.StepSummary && summary != "" {
		if err := appendStepSummary(summary, res, ropts); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
	}
	if r.res.Failed(failOn) { // --quiet hides findings, it does not pass them
		return &ExitError{Code: 1}
	}
	return nil
}

// reportOptions are what every report of this run is rendered with.
func (r *run) reportOptions(source func(string) []byte) report.Options {
	o := report.Options{Version: version(), Color: r.color, Lang: r.lang, MaxMessage: r.cfg.Limits.MaxMessage, Source: source}
	o.RepoTop, o.RepoPrefix = repository(r.workspace, r.cfg.Root)
	return o
}

// repository is the top of the repository holding the catalogue root —
// $GITHUB_WORKSPACE in a GitHub workflow, else the git work tree's top —
// and the root's folder relative to it (docs/output.md: paths GitHub
// resolves). Both are "" when the root is not inside one.
func repository(workspace, root string) (top, prefix string) {
	top = workspace
	if top == "" {
		top = config.WorkTreeTop(root)
	}
	if top == "" {
		return "", ""
	}
	if t, err := filepath.EvalSymlinks(top); err == nil {
		top = t
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	rel, err := filepath.Rel(top, root)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", ""
	}
	if rel == "." {
		rel = ""
	}
	return top, filepath.ToSlash(rel)
}

// maxStepSummary is GitHub's limit on a step's job summary.
const maxStepSummary = 1 << 20

// appendStepSummary appends the Markdown report to GitHub's job summary
// file: the summary is the command line's business, not a renderer's.
// GitHub refuses a summary over 1 MiB, so the report takes what the file
// has left of it.
func appendStepSummary(path string, res *lint.Result, opts report.Options) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("write the job summary: %w", err)
	}
	opts.MaxBytes = maxStepSummary
	if fi, err := f.Stat(); err == nil {
		opts.MaxBytes = max(maxStepSummary-int(fi.Size()), 1)
	}
	if err := report.Markdown(f, res, opts); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// language picks the language: --lang, then the configuration, then English.
func language(flag string, cfg *config.Config) (string, error) {
	lang := flag
	if lang == "" && cfg != nil {
		lang = cfg.Language
	}
	if lang == "" {
		return i18n.English, nil
	}
	if !i18n.Supported(lang) {
		return "", usageErr("--lang must be en or sv, not %q", lang)
	}
	return lang, nil
}

// inDir resolves a path given on the command line against the working
// directory; "" stays "".
func inDir(cwd, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(cwd, p)
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

// sources gives the text report a file's text: from the catalogue when it
// kept it, else read again from disk (a compacted run drops the text of
// files once they are checked; only files with findings are read back).
// The standard-input buffer, when there is one, stands for its path.
func sources(r *run, stdinPath string, stdin []byte) func(string) []byte {
	m := map[string][]byte{}
	for _, f := range r.res.Outline.Files {
		if f.Source != nil {
			m[f.Path] = f.Source
		}
	}
	return func(p string) []byte {
		if data, ok := m[p]; ok {
			return data
		}
		if stdinPath != "" && filepath.Join(r.cfg.Root, filepath.FromSlash(p)) == stdinPath {
			return stdin
		}
		data, perr := document.ReadFile(r.cfg.Root, p, r.cfg.Limits)
		if perr != nil {
			return nil
		}
		return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	}
}

// writeOutput renders to stdout, or to path atomically: a temporary file
// in the same directory, renamed over path once complete.
func writeOutput(stdout io.Writer, path string, render func(io.Writer) error) error {
	if path == "" {
		return render(stdout)
	}
	return atomicfile.WriteFunc(path, render)
}
