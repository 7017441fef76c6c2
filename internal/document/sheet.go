package document

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/kpilint/kpilint/internal/tree"
)

// A KPI register kept in a spreadsheet is read as a catalogue file: one row
// is one KPI, and each column is recognised from its header, in English or
// Swedish (docs/format.md, "Spreadsheets"). What a header maps to is a field
// path; a column no header rule recognises is kept as an x- field.

// sheetHeaders maps a normalised header (lower case, spaces collapsed,
// punctuation at the ends dropped) to the field it fills.
var sheetHeaders = map[string]string{
	"id": "id", "kpi id": "id", "kpi-id": "id", "nyckeltals-id": "id", "nyckeltalsid": "id", "kod": "id", "code": "id",
	"kpi": "name", "name": "name", "kpi name": "name", "nyckeltal": "name", "namn": "name", "benämning": "name", "indicator name": "name",
	"description": "description", "beskrivning": "description", "definition": "description", "syfte": "description", "purpose": "description",
	"formula": "measure.formula", "formel": "measure.formula", "beräkning": "measure.formula", "calculation": "measure.formula", "beräkningsformel": "measure.formula",
	"unit": "measure.unit", "enhet": "measure.unit", "måttenhet": "measure.unit", "unit of measure": "measure.unit",
	"source": "measure.source", "data source": "measure.source", "källa": "measure.source", "datakälla": "measure.source",
	"owner": "owner.name", "kpi owner": "owner.name", "ansvarig": "owner.name", "ägare": "owner.name", "responsible": "owner.name", "dri": "owner.name",
	"target": "target.value", "target value": "target.value", "mål": "target.value", "målvärde": "target.value", "målnivå": "target.value",
	"baseline": "baseline.value", "utgångsläge": "baseline.value", "utgångsvärde": "baseline.value",
	"frequency": "cadence.review", "review": "cadence.review", "review frequency": "cadence.review", "cadence": "cadence.review",
	"frekvens": "cadence.review", "uppföljning": "cadence.review", "uppföljningsfrekvens": "cadence.review",
	"goal": "goal", "strategic goal": "goal", "strategiskt mål": "goal", "målområde": "goal",
	"scope": "scope", "organisation": "scope", "organization": "scope", "department": "scope", "team": "scope",
	"avdelning": "scope", "förvaltning": "scope", "verksamhet": "scope", "org unit": "scope", "organisatorisk enhet": "scope",
	"indicator": "indicator", "leading/lagging": "indicator", "ledande/släpande": "indicator",
	"status": "status", "kind": "kind",
	"level": "level", "nivå": "level", "organisationsnivå": "level",
	"parent": "parent", "överordnad": "parent", "överordnad enhet": "parent", "överordnat mål": "parent",
	"type": "type", "typ": "type", "radtyp": "type", "row type": "type",
	"last review": "cadence.last_review", "last reviewed": "cadence.last_review", "senast uppföljd": "cadence.last_review",
	"senaste uppföljning": "cadence.last_review",
	"target date":         "target.date", "deadline": "target.date", "måldatum": "target.date", "mål år": "target.date",
}

// dateFields hold dates: a workbook's date cell is read as its date
// (YYYY-MM-DD), whatever format the sheet shows it in.
var dateFields = map[string]bool{"cadence.last_review": true, "target.date": true}

// rowKinds maps a type cell's value to the list its row belongs in; a
// register without a type column holds KPIs only.
var rowKinds = map[string]string{
	"kpi": "kpis", "nyckeltal": "kpis", "mått": "kpis", "metric": "kpis",
	"unit": "units", "enhet": "units", "organisation": "units", "organisatorisk enhet": "units",
	"goal": "goals", "mål": "goals", "strategiskt mål": "goals",
}

// sheetDoc lays out the rows of a register as a catalogue document: KPIs,
// and units and goals for rows whose type says so (a row of another type
// is reported by the schema at its type cell). A goal's statement is its
// name or description column; a unit keeps its id, name, level and parent.
func sheetDoc(rows []*tree.Node) *tree.Node {
	lists := map[string]*tree.Node{}
	for _, r := range rows {
		list := "kpis"
		if t := r.Entry("type"); t != nil {
			if k, ok := rowKinds[normalHeader(t.Value.Str)]; ok {
				list = k
				r.Entries = slices.DeleteFunc(r.Entries, func(e *tree.Entry) bool { return e.Key == "type" })
			}
		}
		if list == "goals" {
			for _, e := range r.Entries {
				if e.Key == "name" || e.Key == "description" && r.Get("statement") == nil && r.Get("name") == nil {
					e.Key = "statement"
				}
			}
		}
		if list == "kpis" {
			rowID(r, r.Pos.Line)
		}
		l := lists[list]
		if l == nil {
			l = &tree.Node{Kind: tree.List, Pos: r.Pos, EndLine: r.EndLine}
			lists[list] = l
		}
		l.Items = append(l.Items, r)
		l.EndLine = r.EndLine
	}
	doc := &tree.Node{Kind: tree.Map, Pos: tree.Pos{Line: 1, Col: 1}, EndLine: 1}
	for _, name := range []string{"units", "goals", "kpis"} {
		if l := lists[name]; l != nil {
			doc.Entries = append(doc.Entries, &tree.Entry{Key: name, KeyPos: l.Pos, Value: l})
			doc.EndLine = max(doc.EndLine, l.EndLine)
		}
	}
	return doc
}

// mayDeclareSheet: a register declares units or goals only through a type
// column; a CSV's header row says whether it has one. A workbook cannot be
// looked into cheaply, so it may.
func mayDeclareSheet(data []byte, _ ...string) bool {
	if bytes.HasPrefix(data, []byte("PK")) {
		return true
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(header))
	r.Comma = separator(header)
	r.LazyQuotes = true
	cells, _ := r.Read()
	for _, c := range cells {
		if headerField(c, nil) == "type" {
			return true
		}
	}
	return false
}

// numericFields are read as numbers when their cell holds one.
var numericFields = map[string]bool{"target.value": true, "baseline.value": true}

// cadenceWords are the review frequencies in the words a register uses.
var cadenceWords = map[string]string{
	"varje dag": "daily", "dagligen": "daily", "daily": "daily",
	"varje vecka": "weekly", "veckovis": "weekly", "weekly": "weekly",
	"varannan vecka": "biweekly", "biweekly": "biweekly",
	"varje månad": "monthly", "månadsvis": "monthly", "månatligen": "monthly", "monthly": "monthly",
	"kvartalsvis": "quarterly", "varje kvartal": "quarterly", "quarterly": "quarterly",
	"halvårsvis": "semiannual", "varje halvår": "semiannual", "semiannual": "semiannual", "half-yearly": "semiannual",
	"årsvis": "annual", "årligen": "annual", "varje år": "annual", "annual": "annual", "yearly": "annual",
}

// normalHeader is a header as sheetHeaders keys it.
func normalHeader(h string) string {
	h = strings.ToLower(strings.Join(strings.Fields(h), " "))
	return strings.TrimFunc(h, func(r rune) bool { return unicode.IsPunct(r) && r != '-' || unicode.IsSpace(r) })
}

// headerField is the field a header fills: the configuration's mapping,
// else the headers kpilint knows, else an x- field named after the header.
func headerField(h string, columns map[string]string) string {
	n := normalHeader(h)
	if f, ok := columns[n]; ok {
		return f
	}
	if f, ok := sheetHeaders[n]; ok {
		return f
	}
	slug := strings.Trim(nonWord().ReplaceAllString(n, "-"), "-")
	if slug == "" {
		slug = "column"
	}
	return "x-" + slug
}

// nonWord is what an x- field's name does not keep of a header. It and
// englishThousands are compiled when a sheet first needs them, not at the
// start of every run (most read no spreadsheet).
var nonWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^\p{L}\p{N}]+`) })

// englishThousands is 1,200 or 1,200,000.50: commas every three digits.
var englishThousands = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$`) })

// SheetNumber reads a cell's text as a Swedish or English reader means it:
// "85 %", "1 200" and "1 200,5" (spaces, no-break and thin spaces between
// thousands), "0,85" (a decimal comma), "1,200.5" (English thousands). It
// reports false for text that is not a number.
func SheetNumber(s string) (float64, bool) {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	t = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' {
			return -1
		}
		if r == '\u2212' { // minus sign
			return '-'
		}
		return r
	}, t)
	switch {
	case t == "":
		return 0, false
	case englishThousands().MatchString(t):
		t = strings.ReplaceAll(t, ",", "")
	case strings.Count(t, ",") == 1 && !strings.Contains(t, "."):
		t = strings.Replace(t, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || strings.ContainsAny(t, "eEnNiIxX_") { // no exponents, NaN, Inf, hex
		return 0, false
	}
	return v, true
}

// sheetValue is a cell as a node of field: a number in a numeric field
// that holds one, a known review frequency, else the text.
func sheetValue(field, text string, pos tree.Pos) *tree.Node {
	n := &tree.Node{Kind: tree.String, Str: text, Pos: pos, EndLine: pos.Line}
	if numericFields[field] {
		if v, ok := SheetNumber(text); ok {
			n.Kind, n.Num, n.Str = tree.Number, v, strconv.FormatFloat(v, 'f', -1, 64)
			n.IsInt = v == float64(int64(v))
		}
	}
	if field == "cadence.review" {
		if c, ok := cadenceWords[strings.ToLower(strings.TrimSpace(text))]; ok {
			n.Str = c
		}
	}
	if field == "indicator" {
		switch strings.ToLower(strings.TrimSpace(text)) {
		case "ledande":
			n.Str = "leading"
		case "släpande":
			n.Str = "lagging"
		}
	}
	return n
}

// sheetRow builds a KPI from one row: cell i under header i, at pos(i).
// Empty cells are absent; a field path a.b becomes a nested mapping.
func sheetRow(headers []string, cells []string, pos func(i int) tree.Pos, rowPos tree.Pos) *tree.Node {
	row := &tree.Node{Kind: tree.Map, Pos: rowPos, EndLine: rowPos.Line}
	for i, text := range cells {
		if i >= len(headers) || strings.TrimSpace(text) == "" {
			continue
		}
		field := headers[i]
		p := pos(i)
		parent, key := row, field
		if head, rest, ok := strings.Cut(field, "."); ok && !strings.HasPrefix(field, "x-") {
			sub := parent.Get(head)
			if sub == nil {
				sub = &tree.Node{Kind: tree.Map, Pos: p, EndLine: p.Line}
				parent.Entries = append(parent.Entries, &tree.Entry{Key: head, KeyPos: p, Value: sub})
			}
			parent, key = sub, rest
		}
		if parent.Get(key) != nil {
			continue // a second column for the same field: the first wins
		}
		parent.Entries = append(parent.Entries, &tree.Entry{Key: key, KeyPos: p, Value: sheetValue(field, strings.TrimSpace(text), p)})
		row.EndLine = max(row.EndLine, p.Line)
	}
	return row
}

// rowID gives a KPI read from a row without an id column the id
// "row-N", so that findings say which row they concern.
func rowID(kpi *tree.Node, line int) {
	if kpi.Get("id") != nil || len(kpi.Entries) == 0 {
		return
	}
	first := kpi.Entries[0].KeyPos
	kpi.Entries = append([]*tree.Entry{{Key: "id", KeyPos: first,
		Value: &tree.Node{Kind: tree.String, Str: fmt.Sprintf("row-%d", line), Pos: first, EndLine: first.Line}}}, kpi.Entries...)
}

// SheetFields are the field paths a column may fill (besides x- fields):
// the ones kpilint recognises headers for.
func SheetFields() []string {
	var out []string
	for _, f := range sheetHeaders {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// NormalHeader is a header as a column mapping keys it.
func NormalHeader(h string) string { return normalHeader(h) }

// SheetTable is docs/format.md's table of the headers a register's
// columns are recognised by, per field (generated; a test keeps it
// current).
func SheetTable() string {
	byField := map[string][]string{}
	for h, f := range sheetHeaders {
		byField[f] = append(byField[f], h)
	}
	fields := make([]string, 0, len(byField))
	for f := range byField {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	var b strings.Builder
	b.WriteString("| field | headers (any case and spacing) |\n|---|---|\n")
	for _, f := range fields {
		hs := byField[f]
		slices.Sort(hs)
		fmt.Fprintf(&b, "| `%s` | %s |\n", f, strings.Join(hs, ", "))
	}
	return b.String()
}
