package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/rules"
)

// NewCmdRules builds `kpilint rules`.
func NewCmdRules(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List every rule: id, default severity, title",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			tw := tabwriter.NewWriter(ios.Out, 0, 4, 2, ' ', 0)
			for _, r := range rules.All() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Doc.Title)
			}
			return tw.Flush()
		},
	}
}
