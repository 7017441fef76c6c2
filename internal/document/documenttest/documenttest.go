// Package documenttest is what the tests of streaming lints share about
// documents.
package documenttest

import (
	"os"
	"testing"

	"github.com/kpilint/kpilint/internal/document"
)

// MainWithPoisonedArenas runs a package's tests with released trees
// poisoned (document.PoisonArenas): a streaming run that used a file's
// tree after the file was done would give other findings, or none, and
// fail them. Call it from TestMain.
func MainWithPoisonedArenas(m *testing.M) {
	document.PoisonArenas(true)
	os.Exit(m.Run())
}
