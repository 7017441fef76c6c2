package document

import (
	"flag"
	"testing"

	"github.com/kpilint/kpilint/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the generated input-format table in docs/format.md")

// docs/format.md's table of input formats is generated from Formats.
func TestFormatTableIsCurrent(t *testing.T) {
	testtool.GeneratedBlock(t, *update, "inputs", Table(), "../../docs/format.md")
}

// docs/format.md's table of spreadsheet headers is generated from
// sheetHeaders.
func TestSheetTableIsCurrent(t *testing.T) {
	testtool.GeneratedBlock(t, *update, "sheet-headers", SheetTable(), "../../docs/format.md")
}
