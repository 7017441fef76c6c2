package cli

import (
	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/config"

	"github.com/kpilint/kpilint/rules"
)

// NewCmdExplain builds `kpilint explain RULE`. runF replaces the work in
// tests of the flag parsing; nil explains the rule.
func NewCmdExplain(ios *IOStreams, runF func(*DocOptions) error) *cobra.Command {
	opts := &DocOptions{IO: ios}
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
			opts.Rule = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runExplain(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language: en or sv (default from config, else en)")
	return cmd
}

func runExplain(opts *DocOptions) error {
	r := rules.Lookup(opts.Rule)
	if r == nil {
		return usageErr("%s", rules.Unknown(opts.Rule))
	}
	lang, err := docLanguage(opts.IO, opts.Lang)
	if err != nil {
		return err
	}
	_, err = opts.IO.Out.Write([]byte(rules.ExplainIn(lang, r)))
	return err
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
