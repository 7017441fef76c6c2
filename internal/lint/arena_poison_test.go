package lint_test

import (
	"os"
	"testing"

	"github.com/kpilint/kpilint/internal/document"
)

// TestMain runs the package's tests with released trees poisoned: a
// streaming run that used a file's tree after the file was done would
// give other findings, or none, and fail them.
func TestMain(m *testing.M) {
	document.PoisonArenas(true)
	os.Exit(m.Run())
}
