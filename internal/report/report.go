// Package report renders a lint result in one of kpilint's output formats,
// one file per format.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/lint"
)

// Options are what every format may need besides the result.
type Options struct {
	Version string
	Color   bool
	// Source returns the text of a reported file, for the text format's
	// code excerpts; nil or a missing file shows no excerpt.
	Source func(file string) []byte
}

// Formats lists the output formats of `kpilint lint --format`.
var Formats = []string{"text", "json"}

// Write renders res in format.
func Write(w io.Writer, format string, res *lint.Result, opts Options) error {
	switch format {
	case "text":
		return Text(w, res, opts)
	case "json":
		return JSON(w, res, opts)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// IsFormat reports whether name is a known format.
func IsFormat(name string) bool { return slices.Contains(Formats, name) }
