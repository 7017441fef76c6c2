package document

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/kpilint/kpilint/internal/tree"
)

// parseCSV reads a KPI register saved as CSV (UTF-8, with or without a
// byte-order mark, which Parse removes): the first row holds the headers,
// each further row one KPI. The separator is the one the header row uses
// most of ';' (Swedish Excel), ',' and tab. A cell's position is its row's
// line and its column number (docs/format.md, "Spreadsheets").
func parseCSV(_ string, data []byte, lim Limits) ([]*tree.Node, *ParseError) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, csvError(err)
	}
	headers := make([]string, len(header))
	for i, h := range header {
		headers[i] = headerField(h, lim.Columns)
	}
	var rows []*tree.Node
	cells := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		if cells += len(rec); cells > lim.MaxNodes {
			line, _ := r.FieldPos(0)
			return nil, perr(tree.Pos{Line: line, Col: 1}, "file has more than %d values; kpilint stops here", lim.MaxNodes)
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // an empty row
		}
		line, _ := r.FieldPos(0)
		pos := func(i int) tree.Pos { l, _ := r.FieldPos(i); return tree.Pos{Line: l, Col: i + 1} }
		rows = append(rows, sheetRow(headers, rec, pos, tree.Pos{Line: line, Col: 1}))
	}
	return []*tree.Node{sheetDoc(rows)}, nil
}

// separator is the field separator the first line uses most.
func separator(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(first, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

func csvError(err error) *ParseError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return perr(tree.Pos{Line: pe.Line, Col: max(pe.Column, 1)}, "invalid CSV: %s", Truncate(pe.Err.Error(), maxMessage))
	}
	return perr(posStart, "invalid CSV: %s", Truncate(err.Error(), maxMessage))
}
