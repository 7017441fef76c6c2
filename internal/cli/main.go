// Package cli is kpilint's command line: one file per command. Commands get
// their streams injected, so tests capture output without a terminal.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/kpilint/kpilint/internal/atomicfile"
	"github.com/kpilint/kpilint/internal/load"
	"github.com/kpilint/kpilint/internal/report"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

// IOStreams are a command's input, outputs and surroundings: everything a
// command would otherwise take from the process, so that tests run without
// a terminal and write nothing outside their temporary directory.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY reports whether Out is a terminal (for colour).
	OutTTY bool
	Getenv func(string) string
	// Getwd returns the working directory.
	Getwd func() (string, error)
	// CacheDir is where the context cache lives; "" turns it off.
	CacheDir string
}

// System is the process's own streams. The context cache is in the user's
// cache directory; KPILINT_CACHE=DIR moves it and KPILINT_CACHE=off turns
// it off.
func System() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutTTY: isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd()),
		Getenv: os.Getenv, Getwd: os.Getwd, CacheDir: systemCacheDir(os.Getenv("KPILINT_CACHE"))}
}

func systemCacheDir(setting string) string {
	switch setting {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "kpilint", load.CacheName)
	}
	return setting
}

// Color decides once whether a report is coloured: --color (mode), then
// no colour in a file (-o), then CLICOLOR_FORCE and NO_COLOR, then whether
// standard output is a terminal.
func (s *IOStreams) Color(mode string, toFile bool) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if toFile {
			return false, nil
		}
		if v := s.Getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
			return true, nil
		}
		if s.Getenv("NO_COLOR") != "" || s.Getenv("TERM") == "dumb" {
			return false, nil
		}
		return s.OutTTY, nil
	}
	return false, usageErr("--color must be auto, always or never, not %q", mode)
}

// ExitError carries an exit code. A nil Err means the reason was already
// printed (findings at or above fail_on).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

func usageErr(format string, args ...any) error {
	return &ExitError{Code: 2, Err: fmt.Errorf(format, args...)}
}

// Version is the version printed by `kpilint version`; release builds set it
// with -ldflags "-X github.com/kpilint/kpilint/internal/cli.Version=v1.2.3".
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "0.0.0-dev"
}

// Main runs kpilint with the process's arguments and returns the exit code.
func Main() int {
	tuneGC()
	atomicfile.RemoveOnSignal()
	return Run(System(), os.Args[1:])
}

// Run runs kpilint with args and returns the exit code: 0 clean, 1 findings
// at or above fail_on, 2 usage or internal error.
func Run(ios *IOStreams, args []string) int {
	root := NewCmdRoot(ios)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintln(ios.ErrOut, "kpilint:", report.SanitizeLines(ee.Err.Error()))
		}
		return ee.Code
	}
	fmt.Fprintln(ios.ErrOut, "kpilint:", report.SanitizeLines(err.Error()))
	return 2
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(ios *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "kpilint",
		Short: "Lint KPI catalogues: find KPIs that cannot steer anything",
		Long: "kpilint checks KPI definition files (YAML, JSON, CUE) against a schema and a set of rules\n" +
			"drawn from KPI practice: every KPI tied to a goal, owned by one person, defined by a formula,\n" +
			"followed up on a rhythm, and few enough that they are prioritised.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetVersionTemplate("kpilint {{.Version}}\n")
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetIn(ios.In)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &ExitError{Code: 2, Err: err}
	})
	root.AddCommand(NewCmdLint(ios, nil), NewCmdAudit(ios, nil), NewCmdInit(ios, nil), NewCmdImport(ios, nil), NewCmdRules(ios, nil),
		NewCmdExplain(ios, nil), NewCmdVersion(ios, nil), NewCmdSchema(ios, nil), NewCmdCache(ios, nil), NewCmdConfig(ios, nil))
	return root
}
