package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/rules"
)

// DocOptions are the parsed flags of `kpilint rules` and `kpilint explain`.
type DocOptions struct {
	IO   *IOStreams
	Lang string
	Rule string // explain's argument
}

// NewCmdRules builds `kpilint rules`. runF replaces the work in tests of
// the flag parsing; nil lists the rules.
func NewCmdRules(ios *IOStreams, runF func(*DocOptions) error) *cobra.Command {
	opts := &DocOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: id, default severity, title",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runRules(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language: en or sv (default from config, else en)")
	return cmd
}

func runRules(opts *DocOptions) error {
	lang, err := docLanguage(opts.IO, opts.Lang)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, i18n.T(lang, r.Group.String()), rules.Title(lang, r))
	}
	return tw.Flush()
}
