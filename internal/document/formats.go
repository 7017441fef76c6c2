// Package document is kpilint's document layer: the kinds of file it reads,
// how each is parsed safely into one position-keeping tree (internal/tree),
// and the line index that turns byte offsets into positions. It knows
// nothing of KPIs: the catalogue files and kpilint.yaml are both read
// through it.
//
// Adding an input format is adding a row to Formats (and its parser); see
// docs/architecture.md.
package document

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/kpilint/kpilint/internal/tree"
)

// Format is one kind of input file.
type Format struct {
	// Name is how the format is named in outputs and the cache: yaml, json, cue.
	Name string
	// Extensions are the file-name endings read as this format, lower case.
	Extensions []string
	// DefaultInclude are the file names walked by default (docs/configuration.md).
	DefaultInclude []string
	// Cells: a spreadsheet, whose positions are rows and column numbers;
	// the text format names them as cells (C12).
	Cells bool
	// Binary formats (a zipped workbook) are not text: Parse hands them
	// over as they are, without the encoding checks, and reports show no
	// source excerpt for them.
	Binary bool
	// Comment starts a line comment, where ignore directives live; "" for a
	// format without comments (JSON: use `ignore:` in the configuration).
	Comment string
	// Parse reads a whole file (valid UTF-8, no byte-order mark) into its
	// documents. name is the file's path, for the parser's messages.
	// The tree's values come from a when it is not nil (see Arena).
	Parse func(name string, data []byte, lim Limits, a *Arena) ([]*tree.Node, *ParseError)
	// MayDeclare reports whether the text could declare one of the given
	// top-level keys; it may say yes wrongly, never no wrongly. The
	// streaming lint uses it to load the files that declare units and
	// goals first.
	MayDeclare func(data []byte, keys ...string) bool
}

// Formats are the input formats, in the order the docs list them. The
// first is the fallback for a file named on the command line whatever its
// extension.
var Formats = []*Format{
	{Name: "yaml", Extensions: []string{".yaml", ".yml"}, DefaultInclude: []string{"**/*.kpi.yaml", "**/*.kpi.yml"},
		Comment: "#", Parse: func(_ string, data []byte, lim Limits, a *Arena) ([]*tree.Node, *ParseError) {
			return parseYAMLOutline(data, lim, nil, a)
		},
		MayDeclare: mayDeclareKey},
	{Name: "json", Extensions: []string{".json"}, DefaultInclude: []string{"**/*.kpi.json"},
		Parse: func(_ string, data []byte, lim Limits, a *Arena) ([]*tree.Node, *ParseError) {
			return parseJSONIn(data, lim, a)
		},
		MayDeclare: mayDeclareKey},
	{Name: "cue", Extensions: []string{".cue"}, DefaultInclude: []string{"**/*.kpi.cue"},
		Comment: "//", Parse: noArena(parseCUE), MayDeclare: mayDeclareKey},
	{Name: "csv", Extensions: []string{".csv"}, DefaultInclude: []string{"**/*.kpi.csv"},
		Cells: true, Parse: noArena(parseCSV), MayDeclare: mayDeclareSheet},
	{Name: "xlsx", Extensions: []string{".xlsx"}, DefaultInclude: []string{"**/*.kpi.xlsx"},
		Cells: true, Binary: true, Parse: noArena(parseXLSX), MayDeclare: mayDeclareSheet},
}

// ForName is the format of a file, by its extension; YAML when none matches.
func ForName(name string) *Format {
	ext := strings.ToLower(path.Ext(name))
	for _, f := range Formats {
		for _, e := range f.Extensions {
			if e == ext {
				return f
			}
		}
	}
	return Formats[0]
}

// Named is the format called name, or nil.
func Named(name string) *Format {
	for _, f := range Formats {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// DefaultInclude are the default include patterns of every format.
func DefaultInclude() []string {
	var out []string
	for _, f := range Formats {
		out = append(out, f.DefaultInclude...)
	}
	return out
}

// Parse reads a file of any format the safe way: size limit, encoding
// check, then the format's parser. It returns the text without a
// byte-order mark, which is what positions refer to.
func Parse(name string, data []byte, lim Limits) (*Format, []byte, []*tree.Node, *ParseError) {
	return parse(name, data, lim, nil, nil)
}

// Parse is document.Parse with the tree's values from the arena.
func (a *Arena) Parse(name string, data []byte, lim Limits) (*Format, []byte, []*tree.Node, *ParseError) {
	return parse(name, data, lim, nil, a)
}

// ParseOutline is document.ParseOutline with the tree's values from the
// arena.
func (a *Arena) ParseOutline(name string, data []byte, lim Limits, keep []string) (*Format, []byte, []*tree.Node, *ParseError) {
	return parse(name, data, lim, keep, a)
}

// noArena is a parser whose trees are not built from blocks (a CUE file's
// come from CUE's syntax tree; sheets are small).
func noArena(parse func(string, []byte, Limits) ([]*tree.Node, *ParseError)) func(string, []byte, Limits, *Arena) ([]*tree.Node, *ParseError) {
	return func(name string, data []byte, lim Limits, _ *Arena) ([]*tree.Node, *ParseError) {
		return parse(name, data, lim)
	}
}

// ParseOutline is Parse for a file of which only an outline of its
// elements is read: the values of an element's keys (the maps of the
// top-level lists) other than keep may come back as empty nulls that keep
// their position and end line. The verdict — the tree's shape, the syntax
// error, the limits — is Parse's. YAML the fast path reads (yaml_fast.go)
// is outlined; any other file is parsed in full.
func ParseOutline(name string, data []byte, lim Limits, keep []string) (*Format, []byte, []*tree.Node, *ParseError) {
	return parse(name, data, lim, keep, nil)
}

func parse(name string, data []byte, lim Limits, keep []string, a *Arena) (*Format, []byte, []*tree.Node, *ParseError) {
	f := ForName(name)
	if int64(len(data)) > lim.MaxFileBytes {
		return f, data, nil, perr(posStart, "file is %d bytes, more than the limit of %d; kpilint does not read it", len(data), lim.MaxFileBytes)
	}
	if f.Binary {
		docs, perr := f.Parse(name, data, lim, a)
		return f, nil, docs, perr
	}
	clean, perr := checkEncoding(data)
	if perr != nil {
		return f, data, nil, perr
	}
	if keep != nil && f.Name == "yaml" {
		docs, perr := parseYAMLOutline(clean, lim, keep, a)
		return f, clean, docs, perr
	}
	docs, perr := f.Parse(name, clean, lim, a)
	return f, clean, docs, perr
}

// mayDeclareKey finds a key named one of keys, quoted or not, followed by
// a colon: the one test YAML, JSON and CUE share.
func mayDeclareKey(data []byte, keys ...string) bool {
	for _, key := range keys {
		word := []byte(key)
		for i := 0; i < len(data); {
			j := bytes.Index(data[i:], word)
			if j < 0 {
				break
			}
			k := i + j + len(word)
			if k < len(data) && (data[k] == '"' || data[k] == '\'') {
				k++
			}
			for k < len(data) && (data[k] == ' ' || data[k] == '\t') {
				k++
			}
			if k < len(data) && data[k] == ':' {
				return true
			}
			i += j + 1
		}
	}
	return false
}

var posStart = tree.Pos{Line: 1, Col: 1}

// Table is the input formats as a Markdown table, for docs/format.md (a
// test keeps it current).
func Table() string {
	var b strings.Builder
	b.WriteString("| format | file names | walked by default | comments (ignore directives) |\n|---|---|---|---|\n")
	for _, f := range Formats {
		comment := "none: use `ignore:` in kpilint.yaml"
		if f.Comment != "" {
			comment = "`" + f.Comment + " kpilint:ignore …`"
		}
		fmt.Fprintf(&b, "| %s | `%s` | `%s` | %s |\n", f.Name, strings.Join(f.Extensions, "`, `"),
			strings.Join(f.DefaultInclude, "`, `"), comment)
	}
	return b.String()
}
