package document

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kpilint/kpilint/internal/tree"
)

// registerSheets are the sheet names (normalised) that hold a KPI register;
// without one, the first sheet does.
var registerSheets = map[string]bool{"kpi": true, "kpis": true, "kpier": true, "nyckeltal": true,
	"register": true, "kpi register": true, "nyckeltalskatalog": true, "indicators": true}

// parseXLSX reads a KPI register in an Excel workbook (xlsx_read.go): one
// sheet (the one named like a register, else the first visible one), the
// first row the headers, each further row a KPI, laid out as parseCSV
// lays out a CSV file. Cells are read as Excel shows them (a cell shown
// "85 %" stores 0.85 and is read 85; numfmt.go); formulas are not
// evaluated, their last computed values are read. The workbook's unzipped
// size is bounded by the file limit, and its cells by the value budget: a
// zip bomb or a 1,048,576-row sheet is a syntax finding, not a hang.
func parseXLSX(_ string, data []byte, lim Limits) (docs []*tree.Node, perr_ *ParseError) {
	defer func() {
		if r := recover(); r != nil { // a corrupt workbook the reader trips on
			docs, perr_ = nil, perr(posStart, "the workbook cannot be read: %v", r)
		}
	}()
	if bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) {
		// A compound file: a password-protected workbook, or an old .xls.
		return nil, perr(posStart, "the workbook is password-protected, or an old .xls file: save it without a password as .xlsx")
	}
	f, err := openXLSX(data, 8*lim.MaxFileBytes, 4*lim.MaxFileBytes, lim.MaxNodes)
	if err != nil {
		return nil, workbookError(err)
	}
	sheet, ok := registerSheet(f)
	if !ok {
		return nil, nil
	}
	var headers []string
	var out []*tree.Node
	cells := 0
	err = f.rows(sheet, func(row int, rec, stored []string) error {
		if cells += len(rec) + 1; cells > lim.MaxNodes {
			return errTooManyValues{row}
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			return nil // blank rows, above the headers or between KPIs
		}
		if headers == nil {
			for _, h := range rec {
				headers = append(headers, headerField(h, lim.Columns))
			}
			return nil
		}
		for i := range rec {
			if i < len(headers) && dateFields[headers[i]] && rec[i] != "" {
				rec[i] = dateCell(stored[i], rec[i], f.date1904)
			}
		}
		out = append(out, sheetRow(headers, rec, func(i int) tree.Pos { return tree.Pos{Line: row, Col: i + 1} }, tree.Pos{Line: row, Col: 1}))
		return nil
	})
	var many errTooManyValues
	switch {
	case errors.As(err, &many):
		return nil, perr(tree.Pos{Line: many.row, Col: 1}, "file has more than %d values; kpilint stops here", lim.MaxNodes)
	case err != nil:
		return nil, workbookError(err)
	}
	return []*tree.Node{sheetDoc(out)}, nil
}

// errTooManyValues stops reading a sheet at the value budget.
type errTooManyValues struct{ row int }

func (e errTooManyValues) Error() string { return fmt.Sprintf("too many values at row %d", e.row) }

// dateCell is a date column's cell as YYYY-MM-DD when the workbook stores a
// date there (a serial number, shown in whatever format), else as shown.
func dateCell(stored, shown string, date1904 bool) string {
	serial, err := strconv.ParseFloat(stored, 64)
	if err != nil || serial < 1 || serial > maxSerial {
		return shown
	}
	return excelTime(serial, date1904).Format("2006-01-02")
}

// registerSheet is the sheet a workbook's register is read from: the one
// named like a register, else the first visible one (false for none).
func registerSheet(f *xlsxFile) (xlsxSheet, bool) {
	var first *xlsxSheet
	for i, s := range f.sheets {
		if s.hidden {
			continue
		}
		if first == nil {
			first = &f.sheets[i]
		}
		if registerSheets[normalHeader(s.name)] {
			return s, true
		}
	}
	if first == nil {
		return xlsxSheet{}, false
	}
	return *first, true
}

// SheetName is the name of the sheet a workbook's register is read from,
// for reports that name cells (KPIer!E5); "" if it cannot be told.
func SheetName(data []byte) string {
	if !bytes.HasPrefix(data, []byte("PK")) {
		return ""
	}
	f, err := openXLSX(data, 64<<20, 16<<20, DefaultLimits.MaxNodes)
	if err != nil {
		return ""
	}
	s, _ := registerSheet(f)
	return s.name
}

func workbookError(err error) *ParseError {
	switch {
	case errors.Is(err, errTooLarge):
		return perr(posStart, "the workbook unpacks to more than the limit; kpilint does not read it")
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
		return perr(posStart, "the workbook cannot be read: %s (a password-protected, corrupt or non-xlsx file)", Truncate(err.Error(), maxMessage))
	}
	return perr(posStart, "the workbook cannot be read: %s", Truncate(fmt.Sprint(err), maxMessage))
}

// CellName is a spreadsheet cell's name from its position: column 3,
// row 12 is C12.
func CellName(line, col int) string {
	if line < 1 || col < 1 || col > maxColumns {
		return fmt.Sprintf("R%dC%d", line, col)
	}
	var letters []byte
	for c := col; c > 0; c = (c - 1) / 26 {
		letters = append([]byte{byte('A' + (c-1)%26)}, letters...)
	}
	return string(letters) + strconv.Itoa(line)
}
