package report_test

import (
	"testing"

	"github.com/kpilint/kpilint/internal/report"
	"github.com/kpilint/kpilint/internal/testtool"
)

// The output-format tables of the README and docs/output.md are generated
// from the renderer tables; go test ./internal/report -update rewrites them.
func TestFormatTablesAreCurrent(t *testing.T) {
	testtool.GeneratedBlock(t, *update, "formats", report.FormatTable(), "../../README.md", "../../docs/output.md")
}
