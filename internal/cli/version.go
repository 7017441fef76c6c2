package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// NewCmdVersion builds `kpilint version`. runF replaces the work in tests;
// nil prints the version.
func NewCmdVersion(ios *IOStreams, runF func(*IOStreams) error) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print kpilint's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(ios)
			}
			_, err := fmt.Fprintln(ios.Out, "kpilint", version())
			return err
		},
	}
}
