package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/rules"
)

// NewCmdRules builds `kpilint rules`.
func NewCmdRules(ios *IOStreams) *cobra.Command {
	var langFlag string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: id, default severity, title",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			lang, err := docLanguage(ios, langFlag)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(ios.Out, 0, 4, 2, ' ', 0)
			for _, r := range rules.All() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, rules.Title(lang, r))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&langFlag, "lang", "", "language: en or sv (default from config, else en)")
	return cmd
}
