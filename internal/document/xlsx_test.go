package document

import (
	"archive/zip"
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// The workbook reader shows numbers as excelize shows them (kpilint read
// workbooks through excelize before; the library remains the reference
// here, in tests only): every format a register plausibly uses, built in
// and custom, on values around the roundings, signs and zero. Where
// excelize shows a number otherwise than Excel does, the reader follows
// Excel: excelShows lists those cells, as Excel shows them.
func TestXLSXShowsCellsAsExcelize(t *testing.T) {
	excelShows := map[string]map[float64]string{
		// A space before the % stays before it (excelize writes "90% ").
		"0 %": {0: "0 %", 0.9: "90 %", 0.856: "86 %", -0.4: "-40 %"},
		// A third section is the zero's (excelize shows zero by the first).
		"#,##0;-#,##0;\"–\"": {0: "–", 1234.5: "1,235", -1234.5: "-1,235"},
		"+0;-0;0":            {0: "0", 95: "+95", -3: "-3"},
		// # shows no digit where the number has none, and the point stays
		// (excelize writes 0.9 and 1).
		"#.##": {0: ".", 0.9: ".9", 0.125: ".13", 1: "1.", 2.675: "2.68", 999.995: "1000.", -0.4: "-.4"},
		"0.##": {0: "0.", 0.9: "0.9", 1: "1.", 12.5: "12.5", 0.000123: "0."},
	}
	builtin := []int{0, 1, 2, 3, 4, 9, 10, 11, 37, 38, 39, 40, 48, 49}
	custom := []string{"0.0", "0.000", "#,##0.0", "0.0%", "0 %", "#,##0 \"kr\"", `#,##0\ "SEK"`, "[$€-407] #,##0.00",
		"0.0;(0.0)", "#,##0;-#,##0;\"–\"", "0;[Red]-0", "#.##", "0.##", "00000", "#,##0,", "0.0,,\" M\"", "\"≥ \"0%",
		"[Blue]0.00", "0.00E+00", "#,##0.00_);(#,##0.00)", "+0;-0;0", "@", "General", "0.0 \"dagar\"", "0\\%"}
	values := []float64{0, 0.9, 0.856, 0.125, 0.5, 1, 2.675, 12.5, 999.995, 1234.5, -1234.5, -0.4, 1e6, 12345678.9, 0.000123, 95, -3, 42195.75}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	type cell struct {
		code string
		v    float64
	}
	var cells []cell
	row := 1
	put := func(style int, code string) {
		for _, v := range values {
			cells = append(cells, cell{code, v})
			a, _ := excelize.CoordinatesToCellName(1, row)
			require.NoError(t, f.SetCellValue("Sheet1", a, code))
			b, _ := excelize.CoordinatesToCellName(2, row)
			require.NoError(t, f.SetCellValue("Sheet1", b, v))
			require.NoError(t, f.SetCellStyle("Sheet1", b, b, style))
			row++
		}
	}
	for _, id := range builtin {
		style, err := f.NewStyle(&excelize.Style{NumFmt: id})
		require.NoError(t, err)
		put(style, builtinFormats[id])
	}
	for _, code := range custom {
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		require.NoError(t, err)
		put(style, code)
	}
	// A boolean, an escape, a rich text; a date is shown ISO-written
	// whatever its format (excelize shows this one Mar-26).
	require.NoError(t, f.SetCellValue("Sheet1", "C1", true))
	require.NoError(t, f.SetCellValue("Sheet1", "D1", "Nöjdhet_x0041_"))
	require.NoError(t, f.SetCellRichText("Sheet1", "E1", []excelize.RichTextRun{{Text: "Väntetid "}, {Text: "i dagar", Font: &excelize.Font{Bold: true}}}))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)

	want, err := f.GetRows("Sheet1")
	require.NoError(t, err)
	book, err := openXLSX(buf.Bytes(), 1<<30, 1<<30, 1<<20)
	require.NoError(t, err)
	var got [][]string
	require.NoError(t, book.rows(book.sheets[0], func(_ int, shown, _ []string) error {
		got = append(got, shown)
		return nil
	}))
	require.Len(t, got, len(want))
	assert.Equal(t, want[0][2:5], got[0][2:5])
	compared, excel := 0, 0
	for i, c := range cells {
		require.GreaterOrEqual(t, len(got[i]), 2, "row %d", i+1)
		if shows, ok := excelShows[c.code]; ok {
			if s, ok := shows[c.v]; ok {
				assert.Equal(t, s, got[i][1], "%q on %v", c.code, c.v)
				excel++
			}
			continue
		}
		assert.Equal(t, want[i][1], got[i][1], "%q on %v", c.code, c.v)
		compared++
	}
	assert.Greater(t, compared, 600)
	assert.Equal(t, 22, excel, "every cell of excelShows is in the workbook")
}

// A date is shown ISO-written, in the 1900 and the 1904 date systems.
func TestShowDate(t *testing.T) {
	f := parseNumFormat("d-mmm-yy")
	assert.Equal(t, "2026-03-01", f.show("46082", false))
	assert.Equal(t, "2026-03-01 18:00:00", f.show("46082.75", false))
	assert.Equal(t, "18:00:00", f.show("0.75", false))
	assert.Equal(t, "2030-03-02", f.show("46082", true))
	assert.Equal(t, "1900-01-01", f.show("1", false))
	assert.Equal(t, "-5", f.show("-5", false), "no date before 1900")
	assert.Equal(t, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), must(excelize.ExcelDateToTime(46082, false)))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// FuzzNumFormat: any format code shows any stored value without a panic,
// and a General format shows a number as a number.
func FuzzNumFormat(f *testing.F) {
	for _, code := range builtinFormats {
		f.Add(code, "1234.5")
	}
	f.Add(`[$€-407] #,##0.00;[Red]-#,##0.00;"–"`, "-0.004")
	f.Add(`0.0,,"M"E+`, "1e308")
	f.Add(`"unterminated`, "5")
	f.Add(`[>100]0;0`, "7")
	f.Fuzz(func(t *testing.T, code, raw string) {
		shown := parseNumFormat(code).show(raw, false)
		if v, err := strconv.ParseFloat(raw, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) && parseNumFormat(code).kind == fmtGeneral {
			if _, err := strconv.ParseFloat(shown, 64); err != nil {
				t.Fatalf("General shows %q as %q", raw, shown)
			}
		}
	})
}

// FuzzXLSXReader: the reader itself (without parseXLSX's recover) reads
// any bytes to rows or an error, never a panic.
func FuzzXLSXReader(f *testing.F) {
	book := excelize.NewFile()
	require.NoError(f, book.SetSheetRow("Sheet1", "A1", &[]any{"Nyckeltal", "Målvärde", "Ansvarig"}))
	require.NoError(f, book.SetSheetRow("Sheet1", "A2", &[]any{"Nöjdhet", 0.9, "Karin Lund"}))
	buf, err := book.WriteToBuffer()
	require.NoError(f, err)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := openXLSX(data, 1<<20, 1<<20, 1000)
		if err != nil {
			return
		}
		for _, s := range x.sheets {
			_ = x.rows(s, func(int, []string, []string) error { return nil })
		}
	})
}

// A workbook whose shared-string table or cell styles hold more entries
// than the value budget is a syntax finding before the entries are held:
// tiny entries (<si/>, <xf/>) would otherwise cost a string header or a
// format for every few bytes they unpack to.
func TestWorkbookTablesAreBounded(t *testing.T) {
	for part, entry := range map[string]string{"sharedStrings": "<si/>", "styles": "<xf/>"} {
		t.Run(part, func(t *testing.T) {
			body := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + strings.Repeat(entry, 1_000_001) + `</sst>`
			if part == "styles" {
				body = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>` + strings.Repeat(entry, 1_000_001) + `</cellXfs></styleSheet>`
			}
			var buf bytes.Buffer
			w := zip.NewWriter(&buf)
			rel := func(id, typ, target string) string {
				return `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/` + typ + `" Target="` + target + `"/>`
			}
			for name, text := range map[string]string{
				"_rels/.rels":     `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rel("rId1", "officeDocument", "xl/workbook.xml") + `</Relationships>`,
				"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="KPIer" sheetId="1" r:id="rId1"/></sheets></workbook>`,
				"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
					rel("rId1", "worksheet", "worksheets/sheet1.xml") + rel("rId2", part, part+".xml") + `</Relationships>`,
				"xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
				"xl/" + part + ".xml":      body,
			} {
				fw, err := w.Create(name)
				require.NoError(t, err)
				_, err = fw.Write([]byte(text))
				require.NoError(t, err)
			}
			require.NoError(t, w.Close())
			_, _, _, perr := Parse("register.xlsx", buf.Bytes(), DefaultLimits)
			require.NotNil(t, perr)
			assert.Contains(t, perr.Msg.String(), "more than 1000000 values")
		})
	}
}

// Cells of published workbooks where an earlier version of the reader
// and excelize disagreed (a run over 22 public KPI workbooks, 81,357
// cells: after these, only dates differ, which the reader writes ISO).
func TestNumFormatOnPublishedCells(t *testing.T) {
	cases := []struct{ code, stored, shown string }{
		// Excel keeps 15 significant digits: 8.425 stored as the nearest
		// double still shows 8.43 (hannamegaouel/safc-kpis, KPI.xlsx L24).
		{"0.00", "8.4249999999999989", "8.43"},
		// A 0 after a # makes both decimals shown (johan-ekman/
		// ds_lakemedelskostnader, data/data_skl.xlsx I13).
		{"#,##0.#0", "3811452704.0035987", "3,811,452,704.00"},
		// # shows no digit for zero (the same workbook, B13; excelize
		// writes 0).
		{"#", "0", ""},
		{"0#", "5", "05"},
	}
	for _, c := range cases {
		assert.Equal(t, c.shown, parseNumFormat(c.code).show(c.stored, false), "%q on %s", c.code, c.stored)
	}
}
