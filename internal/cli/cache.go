package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/load"
)

// NewCmdCache builds `kpilint cache` (where the context cache is and how
// big) and `kpilint cache clean` (empty it). runF replaces the work in
// tests; nil does it.
func NewCmdCache(ios *IOStreams, runF func(ios *IOStreams, clean bool) error) *cobra.Command {
	run := func(clean bool) error {
		if runF != nil {
			return runF(ios, clean)
		}
		return runCache(ios, clean)
	}
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Show where the context cache is and its size (clean: empty it)",
		Long: "kpilint keeps what it needs of unchanged context files in a cache, so that linting one file\n" +
			"of a big catalogue does not parse the others again. It is bounded (least recently used entries\n" +
			"go first); KPILINT_CACHE=DIR moves it, KPILINT_CACHE=off turns it off.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return run(false) },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "clean",
		Short: "Empty the context cache",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return run(true) },
	})
	return cmd
}

func runCache(ios *IOStreams, clean bool) error {
	dir := ios.CacheDir
	if dir == "" {
		_, err := fmt.Fprintln(ios.Out, "the context cache is off (KPILINT_CACHE=off)")
		return err
	}
	bytes, entries := load.CacheSize(dir)
	if clean {
		if err := os.RemoveAll(dir); err != nil {
			return &ExitError{Code: 2, Err: fmt.Errorf("clean the cache: %w", err)}
		}
		_, err := fmt.Fprintf(ios.Out, "removed %d entries (%.1f MB) from %s\n", entries, float64(bytes)/1e6, dir)
		return err
	}
	_, err := fmt.Fprintf(ios.Out, "%s\n%d entries, %.1f MB of at most %.0f MB\n", dir, entries, float64(bytes)/1e6, float64(load.MaxCacheBytes)/1e6)
	return err
}
