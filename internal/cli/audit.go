package cli

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kpilint/kpilint/internal/audit"
	"github.com/kpilint/kpilint/internal/report"
)

// NewCmdAudit builds `kpilint audit`.
func NewCmdAudit(ios *IOStreams) *cobra.Command {
	opts := &runFlags{IO: ios}
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
				opts.Format = "text"
				if strings.EqualFold(filepath.Ext(opts.Output), ".html") {
					opts.Format = "html"
				}
			}
			if !slices.Contains(report.AuditFormats, opts.Format) {
				return usageErr("unknown audit format %q (want %s)", opts.Format, strings.Join(report.AuditFormats, ", "))
			}
			r, err := opts.lintCatalogue(nil, false)
			if err != nil {
				return err
			}
			a := audit.Build(r.res, version(), r.today.Format("2006-01-02"))
			return opts.write(r, func(w io.Writer) error {
				return report.WriteAudit(w, opts.Format, a, report.Options{Version: version(), Color: r.color, Lang: r.lang})
			})
		},
	}
	opts.register(cmd.Flags())
	cmd.Flags().StringVar(&opts.Format, "format", "", "report format: "+strings.Join(report.AuditFormats, ", ")+" (default text, or html when -o ends in .html)")
	return cmd
}
