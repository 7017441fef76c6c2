package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/schema"
)

// SchemaOptions are the parsed flags of `kpilint schema`.
type SchemaOptions struct {
	IO     *IOStreams
	Format string
	// Config: the schema of kpilint.yaml rather than of catalogue files.
	Config bool
}

// NewCmdSchema builds `kpilint schema`. runF replaces the work in tests of
// the flag parsing; nil prints the schema.
func NewCmdSchema(ios *IOStreams, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the catalogue schema (CUE, or JSON Schema for editors)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runSchema(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "cue", "schema format: cue, or jsonschema for editors")
	cmd.Flags().BoolVar(&opts.Config, "config", false, "the schema of kpilint.yaml, not of catalogue files")
	return cmd
}

func runSchema(opts *SchemaOptions) error {
	switch opts.Format {
	case "cue":
		src := schema.Source()
		if opts.Config {
			src = schema.ConfigSource()
		}
		_, err := fmt.Fprint(opts.IO.Out, src)
		return err
	case "jsonschema":
		gen := schema.MustLoad().JSONSchema
		if opts.Config {
			gen = schema.MustLoad().ConfigJSONSchema
		}
		data, err := gen()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(opts.IO.Out, string(data))
		return err
	}
	return usageErr("unknown schema format %q (want cue or jsonschema)", opts.Format)
}
