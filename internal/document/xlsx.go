package document

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kpilint/kpilint/internal/tree"
)

// registerSheets are the sheet names (normalised) that hold a KPI register;
// without one, the first sheet does.
var registerSheets = map[string]bool{"kpi": true, "kpis": true, "kpier": true, "nyckeltal": true,
	"register": true, "kpi register": true, "nyckeltalskatalog": true, "indicators": true}

// parseXLSX reads a KPI register in an Excel workbook, read-only through
// excelize: one sheet (the one named like a register, else the first), the
// first row the headers, each further row a KPI, laid out as parseCSV
// lays out a CSV file. Cells are read as Excel shows them (a cell shown
// "85 %" stores 0.85 and is read 85); formulas are not evaluated, their
// last computed values are read. The workbook's unzipped size is bounded
// by the file limit, and its cells by the value budget: a zip bomb or a
// 1,048,576-row sheet is a syntax finding, not a hang.
func parseXLSX(_ string, data []byte, lim Limits) (docs []*tree.Node, perr_ *ParseError) {
	defer func() {
		if r := recover(); r != nil { // a corrupt workbook the library trips on
			docs, perr_ = nil, perr(posStart, "the workbook cannot be read: %v", r)
		}
	}()
	if bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) {
		// A compound file: a password-protected workbook, or an old .xls.
		return nil, perr(posStart, "the workbook is password-protected, or an old .xls file: save it without a password as .xlsx")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: 8 * lim.MaxFileBytes, UnzipXMLSizeLimit: 4 * lim.MaxFileBytes})
	if err != nil {
		return nil, workbookError(err)
	}
	defer func() { _ = f.Close() }()
	sheet := registerSheet(f)
	if sheet == "" {
		return nil, nil
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, workbookError(err)
	}
	defer func() { _ = rows.Close() }()
	var headers []string
	var out []*tree.Node
	cells := 0
	for row := 1; rows.Next(); row++ {
		rec, err := rows.Columns()
		if err != nil {
			return nil, workbookError(err)
		}
		if cells += len(rec) + 1; cells > lim.MaxNodes {
			return nil, perr(tree.Pos{Line: row, Col: 1}, "file has more than %d values; kpilint stops here", lim.MaxNodes)
		}
		if headers == nil {
			if strings.TrimSpace(strings.Join(rec, "")) == "" {
				continue // blank rows above the headers
			}
			for _, h := range rec {
				headers = append(headers, headerField(h, lim.Columns))
			}
			continue
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		line := row
		for i := range rec {
			if i < len(headers) && dateFields[headers[i]] && rec[i] != "" {
				rec[i] = dateCell(f, sheet, line, i+1, rec[i])
			}
		}
		out = append(out, sheetRow(headers, rec, func(i int) tree.Pos { return tree.Pos{Line: line, Col: i + 1} }, tree.Pos{Line: line, Col: 1}))
	}
	if err := rows.Error(); err != nil {
		return nil, workbookError(err)
	}
	return []*tree.Node{sheetDoc(out)}, nil
}

// dateCell is a date column's cell as YYYY-MM-DD when the workbook stores a
// date there (a serial number, shown in whatever format), else as shown.
func dateCell(f *excelize.File, sheet string, row, col int, shown string) string {
	raw, err := f.GetCellValue(sheet, CellName(row, col), excelize.Options{RawCellValue: true})
	if err != nil {
		return shown
	}
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil || serial < 1 || serial > 2958465 { // 9999-12-31
		return shown
	}
	t, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return shown
	}
	return t.Format("2006-01-02")
}

// registerSheet is the sheet a workbook's register is read from: the one
// named like a register, else the first visible one ("" for none).
func registerSheet(f *excelize.File) string {
	sheet := ""
	for _, s := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(s); !visible {
			continue
		}
		if sheet == "" {
			sheet = s
		}
		if registerSheets[normalHeader(s)] {
			return s
		}
	}
	return sheet
}

// SheetName is the name of the sheet a workbook's register is read from,
// for reports that name cells (KPIer!E5); "" if it cannot be told.
func SheetName(data []byte) string {
	if !bytes.HasPrefix(data, []byte("PK")) {
		return ""
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }()
	return registerSheet(f)
}

func workbookError(err error) *ParseError {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return perr(posStart, "the workbook cannot be read: %s (a password-protected, corrupt or non-xlsx file)", Truncate(err.Error(), maxMessage))
	case strings.Contains(err.Error(), "unzip size exceeds"), errors.Is(err, excelize.ErrOptionsUnzipSizeLimit):
		return perr(posStart, "the workbook unpacks to more than the limit; kpilint does not read it")
	}
	return perr(posStart, "the workbook cannot be read: %s", Truncate(fmt.Sprint(err), maxMessage))
}

// CellName is a spreadsheet cell's name from its position: column 3,
// row 12 is C12.
func CellName(line, col int) string {
	name, err := excelize.CoordinatesToCellName(max(col, 1), max(line, 1))
	if err != nil {
		return fmt.Sprintf("R%dC%d", line, col)
	}
	return name
}
