package document

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/kpilint/kpilint/internal/tree"
)

// Numbers in cells read as a Swedish or an English user means them.
func TestSheetNumber(t *testing.T) {
	for text, want := range map[string]float64{
		"85": 85, "85 %": 85, "85%": 85, "0,85": 0.85, "1 200": 1200, "1\u00a0200,5": 1200.5, "1\u202f200": 1200,
		"1,200": 1200, "1,200.5": 1200.5, "1,200,000": 1200000, "−3": -3, "-0,5": -0.5, "12.5": 12.5,
	} {
		got, ok := SheetNumber(text)
		assert.True(t, ok, text)
		assert.Equal(t, want, got, text)
	}
	for _, text := range []string{"", "hög", "ca 10 %", "NaN", "Inf", "1e5", "0x10", "1,2,3", "10-20"} {
		_, ok := SheetNumber(text)
		assert.False(t, ok, text)
	}
}

// A CSV register: headers recognised in Swedish and English, Swedish
// Excel's semicolons or commas, a byte-order mark, a quoted cell over two
// lines, blank rows; each value at its row's line and its column number;
// an unknown column kept as an x- field; a row without an id named by it.
func TestCSVRegister(t *testing.T) {
	for _, sep := range []string{";", ","} {
		text := "\ufeffNyckeltal" + sep + "Ansvarig" + sep + "Målvärde" + sep + "Frekvens" + sep + "Kommentar" + sep + "KPI-id\r\n" +
			"Nöjd-kund-index" + sep + "Anna Berg" + sep + "\"85 %\"" + sep + "Varje månad" + sep + "\"två\nrader\"" + sep + "nki\r\n" +
			sep + sep + sep + sep + sep + "\r\n" +
			"Svarstid" + sep + "Eva Ek" + sep + "hög" + sep + "quarterly" + sep + sep + "\r\n"
		_, _, docs, perr := Parse("register.csv", []byte(text), DefaultLimits)
		require.Nil(t, perr, sep)
		require.Len(t, docs, 1)
		kpis := docs[0].Get("kpis").Items
		require.Len(t, kpis, 2, sep)
		first, second := kpis[0], kpis[1]
		assert.Equal(t, "nki", str(first.Get("id")))
		assert.Equal(t, "Nöjd-kund-index", str(first.Get("name")))
		assert.Equal(t, tree.Pos{Line: 2, Col: 1}, first.Entry("name").KeyPos)
		target := first.Get("target").Get("value")
		assert.Equal(t, tree.Number, target.Kind)
		assert.Equal(t, 85.0, target.Num)
		assert.Equal(t, tree.Pos{Line: 2, Col: 3}, target.Pos)
		assert.Equal(t, "monthly", str(first.Get("cadence").Get("review")))
		assert.Equal(t, "Anna Berg", str(first.Get("owner").Get("name")))
		assert.Equal(t, "två\nrader", str(first.Get("x-kommentar")))
		assert.Equal(t, "row-5", str(second.Get("id")), "a row without an id is named by its line")
		assert.Equal(t, tree.String, second.Get("target").Get("value").Kind, "'hög' stays text: the schema reports it at the cell")
		assert.Equal(t, tree.Pos{Line: 5, Col: 3}, second.Get("target").Get("value").Pos)
	}
}

func str(n *tree.Node) string {
	if n == nil {
		return ""
	}
	return n.Str
}

// The example workbook: the register's sheet is found by its name, the
// cell shown "90 %" (stored 0.9) reads 90, and positions are rows and
// column numbers.
func TestXLSXRegister(t *testing.T) {
	data := workbook(t, "Översikt", [][]any{{"Nyckeltal", "Målvärde", "Ansvarig"}, {"Nöjdhet", 0.9, "Karin Lund"}, {"Väntetid", "hög", "Per Ström"}}, 9)
	_, _, docs, perr := Parse("register.xlsx", data, DefaultLimits)
	require.Nil(t, perr)
	kpis := docs[0].Get("kpis").Items
	require.Len(t, kpis, 2)
	v := kpis[0].Get("target").Get("value")
	assert.Equal(t, 90.0, v.Num)
	assert.Equal(t, tree.Pos{Line: 2, Col: 2}, v.Pos)
	assert.Equal(t, tree.Pos{Line: 3, Col: 2}, kpis[1].Get("target").Get("value").Pos)
	assert.Equal(t, "B12", CellName(12, 2))
}

// workbook is an xlsx with a decoy sheet first and the register in a sheet
// named KPIer; numFmt styles column B.
func workbook(t *testing.T, decoy string, rows [][]any, numFmt int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	require.NoError(t, f.SetSheetName("Sheet1", decoy))
	_, err := f.NewSheet("KPIer")
	require.NoError(t, err)
	style, err := f.NewStyle(&excelize.Style{NumFmt: numFmt})
	require.NoError(t, err)
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			require.NoError(t, f.SetCellValue("KPIer", cell, v))
			if c == 1 {
				require.NoError(t, f.SetCellStyle("KPIer", cell, cell, style))
			}
		}
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

// Hostile workbooks are syntax findings, never a hang or unbounded memory:
// a zip bomb, a sheet of a million rows, a corrupt file, a text file named
// .xlsx, a password-protected workbook.
func TestHostileWorkbooks(t *testing.T) {
	lim := DefaultLimits
	cases := map[string][]byte{
		"zip bomb":     zipped(t, strings.Repeat(" ", 600<<20)),
		"million rows": zipped(t, millionRows()),
		"corrupt":      append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xff}, 500)...),
		"text":         []byte("Nyckeltal;Mål\nNöjdhet;90\n"),
	}
	f := excelize.NewFile()
	var enc bytes.Buffer
	require.NoError(t, f.Write(&enc, excelize.Options{Password: "hemligt"}))
	cases["password"] = enc.Bytes()
	want := map[string]string{"zip bomb": "unpacks to more than the limit", "million rows": "more than 1000000 values",
		"corrupt": "cannot be read", "text": "cannot be read", "password": "password-protected"}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, _, perr := Parse("register.xlsx", data, lim)
			require.NotNil(t, perr, "a finding, not a catalogue")
			assert.Contains(t, perr.Msg.String(), want[name])
		})
	}
}

// zipped is an xlsx-shaped zip whose one sheet is sheet.
func zipped(t *testing.T, sheet string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	files := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="KPIer" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheet,
	}
	for name, text := range files {
		fw, err := w.Create(name)
		require.NoError(t, err)
		_, err = fw.Write([]byte(text))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func millionRows() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Nyckeltal</t></is></c></row>`)
	for r := 2; r <= 1_048_576; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

// FuzzSheetNumber: no panic, and a number read is finite.
func FuzzSheetNumber(f *testing.F) {
	for _, s := range []string{"85 %", "1 200,5", "1,200.5", "0,85", "−3", "1e999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := SheetNumber(s); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("%q reads as %v", s, v)
		}
	})
}

// FuzzCSV: any text parses to a register or a finding, never a panic, and
// every position lies in the file.
func FuzzCSV(f *testing.F) {
	f.Add("Nyckeltal;Mål\nNöjdhet;\"85 %\"\n")
	f.Add("a,b\n\"x\ny\",2\n")
	f.Fuzz(func(t *testing.T, text string) {
		_, _, docs, perr := Parse("r.csv", []byte(text), DefaultLimits)
		if perr != nil || len(docs) == 0 {
			return
		}
		lines := strings.Count(text, "\n") + 1
		for _, k := range docs[0].Get("kpis").Items {
			for _, e := range k.Entries {
				if e.KeyPos.Line < 1 || e.KeyPos.Line > lines {
					t.Fatalf("%q: position %v outside %d lines", text, e.KeyPos, lines)
				}
			}
		}
	})
}

// A type column puts units and goals in the register itself: a unit row
// keeps its id, name, level and parent; a goal row's name is its
// statement.
func TestSheetTypeColumn(t *testing.T) {
	text := "Typ;Id;Namn;Nivå;Överordnad;Avdelning;Strategiskt mål;Ansvarig\n" +
		"enhet;kommun;Kommunen;organisation;;;;\n" +
		"enhet;hemtjanst;Hemtjänsten;department;kommun;;;\n" +
		"mål;trygg;Äldre känner sig trygga;;;kommun;;\n" +
		"nyckeltal;nkiv;Nöjdhet med hemtjänsten;;;hemtjanst;trygg;Karin Lund\n"
	_, _, docs, perr := Parse("register.csv", []byte(text), DefaultLimits)
	require.Nil(t, perr)
	doc := docs[0]
	require.Len(t, doc.Get("units").Items, 2)
	require.Len(t, doc.Get("goals").Items, 1)
	require.Len(t, doc.Get("kpis").Items, 1)
	assert.Equal(t, "kommun", str(doc.Get("units").Items[1].Get("parent")))
	assert.Equal(t, "Äldre känner sig trygga", str(doc.Get("goals").Items[0].Get("statement")))
	assert.Nil(t, doc.Get("kpis").Items[0].Get("type"))
	assert.True(t, mayDeclareSheet([]byte(text)))
	assert.False(t, mayDeclareSheet([]byte("Nyckeltal;Mål\nA;1\n")))
}

// A date cell is read as its date whatever format the sheet shows it in
// (Excel's default m/d/yy would be ambiguous); a date typed as text stays
// as written.
func TestXLSXDateCells(t *testing.T) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	for c, h := range []string{"Nyckeltal", "Senast uppföljd", "Måldatum"} {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		require.NoError(t, f.SetCellValue("Sheet1", cell, h))
	}
	require.NoError(t, f.SetCellValue("Sheet1", "A2", "Nöjdhet"))
	require.NoError(t, f.SetCellValue("Sheet1", "B2", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)))
	require.NoError(t, f.SetCellValue("Sheet1", "C2", "2027-12"))
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy
	require.NoError(t, err)
	require.NoError(t, f.SetCellStyle("Sheet1", "B2", "B2", style))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	_, _, docs, perr := Parse("register.xlsx", buf.Bytes(), DefaultLimits)
	require.Nil(t, perr)
	kpi := docs[0].Get("kpis").Items[0]
	assert.Equal(t, "2026-03-01", str(kpi.Get("cadence").Get("last_review")))
	assert.Equal(t, "2027-12", str(kpi.Get("target").Get("date")))
}

// A formula is not evaluated: its last computed value is read, and a
// formula no program has computed yet (no cached value) is an empty cell.
func TestXLSXFormulasAreNotEvaluated(t *testing.T) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Nyckeltal", "Målvärde", "Ansvarig"}))
	require.NoError(t, f.SetSheetRow("Sheet1", "A2", &[]any{"Nöjdhet", nil, "Karin Lund"}))
	require.NoError(t, f.SetCellFormula("Sheet1", "B2", `REPT("x",1000000)`))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	_, _, docs, perr := Parse("register.xlsx", buf.Bytes(), DefaultLimits)
	require.Nil(t, perr)
	kpi := docs[0].Get("kpis").Items[0]
	assert.Nil(t, kpi.Get("target"), "no cached value: nothing read, nothing computed")
	assert.Equal(t, "Karin Lund", str(kpi.Get("owner").Get("name")))
}
