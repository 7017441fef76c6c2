package cli

import (
	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/config"

	"github.com/kpilint/kpilint/rules"
)

// NewCmdExplain builds `kpilint explain RULE`.
func NewCmdExplain(ios *IOStreams) *cobra.Command {
	var langFlag string
	cmd := &cobra.Command{
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
			lang, err := docLanguage(ios, langFlag)
			if err != nil {
				return err
			}
			_, err = ios.Out.Write([]byte(rules.ExplainIn(lang, r)))
			return err
		},
	}
	cmd.Flags().StringVar(&langFlag, "lang", "", "language: en or sv (default from config, else en)")
	return cmd
}

// docLanguage is the language for rules and explain: --lang, else the
// configuration found from the working directory, else English.
func docLanguage(ios *IOStreams, flag string) (string, error) {
	if flag != "" {
		return language(flag, nil)
	}
	cwd, err := ios.Getwd()
	if err != nil {
		return "", &ExitError{Code: 2, Err: err}
	}
	cfg, err := config.Load("", cwd)
	if err != nil {
		return "", &ExitError{Code: 2, Err: err}
	}
	return language("", cfg)
}
