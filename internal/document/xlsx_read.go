package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// An Excel workbook (.xlsx, Office Open XML) is a zip of XML parts:
// _rels/.rels names the workbook part, the workbook lists its sheets and
// its relationships name each sheet's part, and the cells refer to the
// shared strings and to the styles (whose number formats say how a number
// is shown). This file reads exactly that, read-only, as a stream of XML
// tokens; docs/format.md says what is read and how.
//
// It replaced the excelize library, which kpilint used for reading only:
// excelize's package initialisation alone was 2 ms of every kpilint run
// (BENCHMARKS.md), for a file format few catalogues use. The tests hold
// this reader to excelize's answers (xlsx_test.go).

// errTooLarge is a workbook that unpacks to more than the limits allow.
var errTooLarge = errors.New("the workbook unpacks to more than the limit")

// xlsxFile is a workbook opened for reading.
type xlsxFile struct {
	parts map[string]*zip.File
	// The parts the workbook's relationships name: the shared strings
	// and the styles ("" for none).
	sharedStrings, styles string
	// left is what may still be unpacked, in bytes; perPart bounds a
	// part kpilint holds in memory (the shared strings), where a sheet,
	// read as a stream, is bounded by left only. A zip's stated sizes can
	// lie, so reads are bounded too.
	left, perPart int64
	sheets        []xlsxSheet
	date1904      bool
	strings       []string    // shared strings, read with the styles when a sheet is
	formats       []numFormat // by style (the s attribute of a cell)
	loaded        bool
	// maxItems bounds the shared strings and the styles (the value
	// budget): a part of tiny entries would otherwise hold a string
	// header or a format for every few bytes it unpacks to.
	maxItems int
}

type xlsxSheet struct {
	name, part string
	hidden     bool
}

// openXLSX opens a workbook and reads its list of sheets.
func openXLSX(data []byte, maxUnpacked, maxPart int64, maxItems int) (*xlsxFile, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	f := &xlsxFile{parts: map[string]*zip.File{}, left: maxUnpacked, perPart: maxPart, maxItems: maxItems}
	for _, zf := range zr.File {
		f.parts[strings.TrimPrefix(zf.Name, "/")] = zf
	}
	book := "xl/workbook.xml"
	if err := f.rels("_rels/.rels", "", func(_, typ, target string) {
		if strings.HasSuffix(typ, "/officeDocument") {
			book = target
		}
	}); err != nil {
		return nil, err
	}
	if f.parts[book] == nil {
		return nil, fmt.Errorf("no workbook part %q", book)
	}
	targets := map[string]string{} // by relationship id
	if err := f.rels(relsOf(book), path.Dir(book), func(id, typ, target string) {
		targets[id] = target
		switch {
		case strings.HasSuffix(typ, "/sharedStrings"):
			f.sharedStrings = target
		case strings.HasSuffix(typ, "/styles"):
			f.styles = target
		}
	}); err != nil {
		return nil, err
	}
	err = f.tokens(book, func(_ *xml.Decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "workbookPr":
			v := attr(t, "date1904")
			f.date1904 = v == "1" || v == "true"
		case "sheet":
			state := attr(t, "state")
			f.sheets = append(f.sheets, xlsxSheet{name: attr(t, "name"), part: targets[relID(t)], hidden: state == "hidden" || state == "veryHidden"})
		}
		return nil
	})
	return f, err
}

// relsOf is the relationships part of a part.
func relsOf(part string) string { return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels") }

// rels calls each with the id, the type and the resolved target (a part
// name) of each relationship in a relationships part that names a part of
// the package (not an external one); a missing part has none.
func (f *xlsxFile) rels(part, base string, each func(id, typ, target string)) error {
	if f.parts[part] == nil {
		return nil
	}
	return f.tokens(part, func(_ *xml.Decoder, t xml.StartElement) error {
		if t.Name.Local == "Relationship" && attr(t, "TargetMode") != "External" {
			each(attr(t, "Id"), attr(t, "Type"), resolve(base, attr(t, "Target")))
		}
		return nil
	})
}

// resolve is a relationship's target as a part name: relative to base,
// or absolute from the package's root.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return path.Clean(target[1:])
	}
	return path.Clean(path.Join(base, target))
}

// relID is a sheet's r:id (in the transitional or the strict namespace).
func relID(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "id" && a.Name.Space != "" {
			return a.Value
		}
	}
	return ""
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// open unpacks a part within the limits: the workbook's, and limit.
func (f *xlsxFile) open(part string, limit int64) (io.ReadCloser, error) {
	zf := f.parts[part]
	if zf == nil {
		return nil, fmt.Errorf("no part %q", part)
	}
	limit = max(min(f.left, limit), 0)
	if zf.UncompressedSize64 > uint64(limit) { //nolint:gosec // not negative
		return nil, errTooLarge
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	return &boundedReader{r: rc, left: limit, f: f}, nil
}

// boundedReader stops a part at the limits whatever its header says, and
// counts what it unpacks against the workbook's limit.
type boundedReader struct {
	r    io.ReadCloser
	left int64
	f    *xlsxFile
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	b.f.left -= int64(n)
	return n, err
}

func (b *boundedReader) Close() error { return b.r.Close() }

// tokens calls each for every start element of a part, with the decoder
// (to read the element's text); the part is bounded by perPart.
func (f *xlsxFile) tokens(part string, each func(*xml.Decoder, xml.StartElement) error) error {
	return f.stream(part, f.perPart, each, nil)
}

// stream is tokens with a part's own bound, and end (if not nil) called
// for every end element.
func (f *xlsxFile) stream(part string, limit int64, each func(*xml.Decoder, xml.StartElement) error, end func(xml.EndElement)) error {
	rc, err := f.open(part, limit)
	if err != nil {
		return err
	}
	defer func() { _ = rc.Close() }()
	d := xml.NewDecoder(rc)
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if errors.Is(err, errTooLarge) {
				return errTooLarge
			}
			return fmt.Errorf("%s: %w", part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := each(d, t); err != nil {
				return err
			}
		case xml.EndElement:
			if end != nil {
				end(t)
			}
		}
	}
}

// text reads the text of the element just started, up to its end (the
// text of elements inside it included, except those skip names).
func text(d *xml.Decoder, skip ...string) (string, error) {
	var b strings.Builder
	depth, skipping := 1, 0
	for depth > 0 {
		tok, err := d.RawToken()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if skipping > 0 || slices.Contains(skip, t.Name.Local) {
				skipping++
			}
		case xml.EndElement:
			depth--
			if skipping > 0 {
				skipping--
			}
		case xml.CharData:
			if skipping == 0 {
				b.Write(t)
			}
		}
	}
	return unescapeOOXML(b.String()), nil
}

// unescapeOOXML undoes the _xHHHH_ escapes Office writes for characters
// XML cannot hold (_x005F_ is an underscore).
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if r, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(r)) //nolint:gosec // four hex digits
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// load reads the shared strings and the styles' number formats.
func (f *xlsxFile) load() error {
	if f.loaded {
		return nil
	}
	f.loaded = true
	if f.sharedStrings != "" && f.parts[f.sharedStrings] != nil {
		if err := f.tokens(f.sharedStrings, func(d *xml.Decoder, t xml.StartElement) error {
			if t.Name.Local != "si" {
				return nil
			}
			if len(f.strings) >= f.maxItems {
				return errTooManyValues{1}
			}
			s, err := text(d, "rPh", "phoneticPr")
			f.strings = append(f.strings, s)
			return err
		}); err != nil {
			return err
		}
	}
	if f.styles != "" && f.parts[f.styles] != nil {
		return f.readStyles(f.styles)
	}
	return nil
}

// readStyles reads the number format of each cell style (cellXfs).
func (f *xlsxFile) readStyles(part string) error {
	custom := map[int]string{}
	parsed := map[int]numFormat{} // by format id: a workbook's styles share a few
	inCellXfs := false
	return f.stream(part, f.perPart, func(_ *xml.Decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "numFmt":
			if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil {
				custom[id] = attr(t, "formatCode")
			}
		case "cellXfs":
			inCellXfs = true
		case "xf":
			if !inCellXfs {
				return nil
			}
			if len(f.formats) >= f.maxItems {
				return errTooManyValues{1}
			}
			id, _ := strconv.Atoi(attr(t, "numFmtId"))
			nf, ok := parsed[id]
			if !ok {
				code, ok := custom[id]
				if !ok {
					code = builtinFormats[id]
				}
				nf = parseNumFormat(code)
				parsed[id] = nf
			}
			f.formats = append(f.formats, nf)
		}
		return nil
	}, func(t xml.EndElement) {
		if t.Name.Local == "cellXfs" {
			inCellXfs = false
		}
	})
}

// xlsxCell is a cell as the sheet stores it.
type xlsxCell struct {
	col        int // from 1
	typ, style string
	value      string // <v>, or an inline string's text
}

// rows calls each with every row of a sheet that has cells: its number,
// its cells as shown by column (column 1 first; empty where absent) and,
// by column, the numbers the cells store ("" for a cell that stores
// none).
func (f *xlsxFile) rows(sheet xlsxSheet, each func(row int, shown, stored []string) error) error {
	if err := f.load(); err != nil {
		return err
	}
	if sheet.part == "" || f.parts[sheet.part] == nil {
		return fmt.Errorf("sheet %q has no part", sheet.name)
	}
	var (
		row, nextRow  = 0, 1
		cells, stored []string
		cell          xlsxCell
		nextCol       = 1
	)
	flush := func() error {
		if len(cells) == 0 {
			return nil
		}
		shown, numbers := cells, stored
		cells, stored = nil, nil
		return each(row, shown, numbers)
	}
	err := f.stream(sheet.part, f.left, func(d *xml.Decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "row":
			if err := flush(); err != nil {
				return err
			}
			cell = xlsxCell{}
			row = nextRow
			if r, err := strconv.Atoi(attr(t, "r")); err == nil && r >= row && r <= maxRows {
				row = r
			}
			nextRow, nextCol = row+1, 1
		case "c":
			cell = xlsxCell{col: nextCol, typ: attr(t, "t"), style: attr(t, "s")}
			if ref := attr(t, "r"); ref != "" {
				if c, ok := columnOf(ref); ok {
					cell.col = c
				}
			}
			if cell.col < nextCol || cell.col > maxColumns {
				return fmt.Errorf("cell %s out of place", attr(t, "r"))
			}
			nextCol = cell.col + 1
			for len(cells) < cell.col {
				cells, stored = append(cells, ""), append(stored, "")
			}
		case "v":
			v, err := text(d)
			if err != nil {
				return err
			}
			if cell.col < 1 || cell.col > len(cells) {
				return nil // a value outside a cell
			}
			cell.value = v
			cells[cell.col-1] = f.shown(cell)
			if storesNumber(cell) {
				stored[cell.col-1] = strings.TrimSpace(v)
			}
		case "is":
			v, err := text(d, "rPh", "phoneticPr")
			if err != nil || cell.col < 1 || cell.col > len(cells) {
				return err
			}
			cell.value = v
			cells[cell.col-1] = v
		}
		return nil
	}, nil)
	if err != nil {
		return err
	}
	return flush()
}

// The sheet's bounds (Excel's own).
const (
	maxRows    = 1 << 20
	maxColumns = 1 << 14
)

// columnOf is the column of a cell reference (C12 is 3).
func columnOf(ref string) (int, bool) {
	col := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			return col, col > 0 && i < len(ref)
		}
		if col = col*26 + int(c-'a') + 1; col > maxColumns {
			return 0, false
		}
	}
	return 0, false
}

// shown is a cell's value as Excel shows it.
func (f *xlsxFile) shown(c xlsxCell) string {
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(c.value))
		if err != nil || i < 0 || i >= len(f.strings) {
			return ""
		}
		return f.strings[i]
	case "b":
		switch strings.TrimSpace(c.value) {
		case "1", "true":
			return "TRUE"
		case "0", "false":
			return "FALSE"
		}
		return c.value
	case "str", "e", "d", "inlineStr":
		return c.value
	}
	return f.format(c).show(c.value, f.date1904)
}

// format is a cell's number format (General when it has none).
func (f *xlsxFile) format(c xlsxCell) numFormat {
	if s, err := strconv.Atoi(c.style); err == nil && s >= 0 && s < len(f.formats) {
		return f.formats[s]
	}
	return numFormat{}
}

// storesNumber reports whether a cell stores a number.
func storesNumber(c xlsxCell) bool {
	if c.typ != "" && c.typ != "n" {
		return false
	}
	_, err := strconv.ParseFloat(strings.TrimSpace(c.value), 64)
	return err == nil
}
