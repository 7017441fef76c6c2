package cli

import (
	"cmp"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/report"
)

// AuditOptions are the parsed flags of `kpilint audit`.
type AuditOptions struct {
	runFlags
}

// NewCmdAudit builds `kpilint audit`. runF replaces the work in tests of
// the flag parsing; nil runs the audit.
func NewCmdAudit(ios *IOStreams, runF func(*AuditOptions) error) *cobra.Command {
	opts := &AuditOptions{runFlags: runFlags{IO: ios}}
	cmd := &cobra.Command{
		Use:   "audit [PATH...]",
		Short: "Report on the whole catalogue for strategy leads (text, markdown, json, html)",
		Long: "Report on the catalogue: health score, KPIs per level and unit against the 3–5\n" +
			"recommendation, strategy coverage, ownership, follow-up, findings by rule and the\n" +
			"weakest KPIs. -o report.html writes a self-contained HTML report with charts.\n" +
			"The audit informs; it exits 0 whatever it finds (use lint to gate).",
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			if opts.Format == "" {
				name, err := report.ForFile(report.AuditFormats, opts.Output)
				if err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				opts.Format = cmp.Or(name, "text")
			}
			if _, err := report.LookupAudit(opts.Format); err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runAudit(opts)
		},
	}
	opts.register(cmd.Flags())
	cmd.Flags().StringVar(&opts.Format, "format", "", "report format: "+strings.Join(report.AuditNames(), ", ")+" (default text, or as the extension of -o says)")
	return cmd
}

func runAudit(opts *AuditOptions) error {
	format, err := report.LookupAudit(opts.Format)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	r, err := opts.lintCatalogue(nil, false)
	if err != nil {
		return err
	}
	a := audit.Build(r.res, version(), r.today.Format("2006-01-02"))
	return opts.write(r, func(w io.Writer) error { return format.Write(w, a, r.reportOptions(nil)) })
}
