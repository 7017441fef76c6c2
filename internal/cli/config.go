package cli

import (
	"cmp"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/rules"
)

// ConfigOptions are the parsed flags of `kpilint config`.
type ConfigOptions struct {
	IO         *IOStreams
	ConfigPath string
}

// NewCmdConfig builds `kpilint config`: the catalogue root, the
// configuration file used and every setting as resolved, in the shape of
// kpilint.yaml. runF replaces the work in tests; nil prints.
func NewCmdConfig(ios *IOStreams, runF func(*ConfigOptions) error) *cobra.Command {
	opts := &ConfigOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the catalogue root, the configuration file used and the resolved settings",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runConfig(opts)
		},
	}
	cmd.Flags().StringVar(&opts.ConfigPath, "config", "", "use this configuration `FILE` instead of searching for kpilint.yaml")
	return cmd
}

// resolved is a configuration as kpilint uses it, keys as in kpilint.yaml.
type resolved struct {
	Root     string            `yaml:"root"`
	Config   string            `yaml:"config"`
	Include  []string          `yaml:"include"`
	Exclude  []string          `yaml:"exclude"`
	FailOn   string            `yaml:"fail_on"`
	Language string            `yaml:"language"`
	Levels   []string          `yaml:"levels"`
	Policy   []string          `yaml:"policy"`
	Limits   map[string]int64  `yaml:"limits"`
	Rules    map[string]string `yaml:"rules"`
	Options  map[string]any    `yaml:"options,omitempty"`
	Ignore   []config.Ignore   `yaml:"ignore,omitempty"`
}

func runConfig(opts *ConfigOptions) error {
	cwd, err := opts.IO.Getwd()
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	cfg, err := config.Load(opts.ConfigPath, cwd)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	r := resolved{
		Root: cfg.Root, Config: cmp.Or(cfg.Path, "none: the defaults"),
		Include: cfg.Include, Exclude: orEmpty(cfg.Exclude), FailOn: cfg.FailOn.String(),
		Language: cmp.Or(cfg.Language, "en"), Levels: cfg.Levels, Policy: orEmpty(cfg.Policy),
		Limits: map[string]int64{"max_file_bytes": cfg.Limits.MaxFileBytes, "max_nodes": int64(cfg.Limits.MaxNodes),
			"max_depth": int64(cfg.Limits.MaxDepth), "max_message": int64(cfg.Limits.MaxMessage)},
		Rules: map[string]string{}, Ignore: cfg.Ignore,
	}
	if r.Levels == nil {
		r.Levels = catalogue.DefaultLevels
	}
	if r.FailOn == "off" {
		r.FailOn = "never"
	}
	for _, rule := range rules.All() {
		r.Rules[rule.ID] = cfg.Rules.Severity(rule.ID).String()
	}
	for id, o := range cfg.Rules.Options {
		if len(o) > 0 {
			if r.Options == nil {
				r.Options = map[string]any{}
			}
			r.Options[id] = o
		}
	}
	enc := yaml.NewEncoder(opts.IO.Out)
	enc.SetIndent(2)
	if err := enc.Encode(r); err != nil {
		return err
	}
	return enc.Close()
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
