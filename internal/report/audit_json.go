package report

import (
	"encoding/json"
	"io"

	"github.com/kpilint/kpilint/internal/audit"
)

// AuditJSON writes the audit as one indented JSON object, for dashboards.
func AuditJSON(w io.Writer, r *audit.Report, _ Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
