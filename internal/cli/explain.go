package cli

import (
	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/rules"
)

// NewCmdExplain builds `kpilint explain RULE`.
func NewCmdExplain(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule: why it matters, a bad and a good example, its options",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			var ids []string
			for _, r := range rules.All() {
				ids = append(ids, r.ID)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			r := rules.Lookup(args[0])
			if r == nil {
				return usageErr("unknown rule %q (see `kpilint rules`)", args[0])
			}
			_, err := ios.Out.Write([]byte(rules.Explain(r)))
			return err
		},
	}
}
