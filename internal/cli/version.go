package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// NewCmdVersion builds `kpilint version`.
func NewCmdVersion(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print kpilint's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(ios.Out, "kpilint", version())
			return err
		},
	}
}
