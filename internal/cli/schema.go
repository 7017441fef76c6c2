package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/schema"
)

// NewCmdSchema builds `kpilint schema`.
func NewCmdSchema(ios *IOStreams) *cobra.Command {
	format := "cue"
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the catalogue schema (CUE, or JSON Schema for editors)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			switch format {
			case "cue":
				_, err := fmt.Fprint(ios.Out, schema.Source())
				return err
			case "jsonschema":
				data, err := schema.MustLoad().JSONSchema()
				if err != nil {
					return err
				}
				_, err = fmt.Fprintln(ios.Out, string(data))
				return err
			}
			return usageErr("unknown schema format %q (want cue or jsonschema)", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "cue", "schema format: cue, or jsonschema for editors")
	return cmd
}
