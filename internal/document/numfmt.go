package document

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// A workbook stores numbers and shows them through number formats: the
// cell 0.85 with the format 0% is shown "85%", and kpilint reads what a
// reader of the sheet sees (docs/format.md, "Spreadsheets"). numFormat is
// the part of Excel's format language a register's numbers use: up to
// four sections (positive; negative; zero; text), digit placeholders 0 #
// ?, a decimal point, thousands separators and scaling commas, percent,
// scientific notation, literal text ("kr", \x, [$€-407]) around the
// number. A date or time format shows the date, ISO-written. What it does
// not model — conditions ([>100]), fractions (# ?/?), digits with text
// between them (000-0000) — is shown as Excel's General format shows it.
type numFormat struct {
	kind     fmtKind
	sections []numSection // kind fmtNumber: as written, at most four
}

type fmtKind uint8

const (
	fmtGeneral fmtKind = iota
	fmtNumber
	fmtDate
)

// numSection is one section of a number format.
type numSection struct {
	prefix, suffix string
	intDigits      int  // placeholders before the point
	intZeros       int  // the fewest digits shown: the placeholders from the first 0 on (#00 two, 0# two)
	point          bool // a decimal point is written
	decimals       int  // placeholders after the point
	decZeros       int  // the decimals always shown: up to the last 0 (.#0 two)
	decSpaces      int  // up to the last ?: shown, as a space where no digit is
	thousands      bool
	scale          int  // trailing commas: each divides by 1,000
	percent        int  // each % multiplies by 100
	sci            bool // E+ / E-: scientific
	expDigits      int
	digits         bool // it has digit placeholders: without, it shows its text
}

// builtinFormats are the number formats a workbook names by number alone
// (ECMA-376 part 1, 18.8.30), as excelize reads them.
var builtinFormats = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
	12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
	19: "h:mm:ss AM/PM", 20: "hh:mm", 21: "hh:mm:ss", 22: "m/d/yy hh:mm", 37: "#,##0 ;(#,##0)",
	38: "#,##0 ;[red](#,##0)", 39: "#,##0.00 ;(#,##0.00)", 40: "#,##0.00 ;[red](#,##0.00)",
	41: `_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)`, 42: `_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)`,
	43: `_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)`, 44: `_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)`,
	45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
}

// parseNumFormat reads a format code; General for what it does not model.
func parseNumFormat(code string) numFormat {
	if code == "" || strings.EqualFold(code, "general") {
		return numFormat{}
	}
	var f numFormat
	for i, sec := range splitSections(code) {
		if i == 3 {
			break // the text section: numbers never use it
		}
		s, kind := parseSection(sec)
		if kind == fmtGeneral || (i == 0 && kind == fmtDate) {
			return numFormat{kind: kind}
		}
		if kind == fmtDate {
			return numFormat{} // a date for negatives only: no register has one
		}
		f.sections = append(f.sections, s)
	}
	if len(f.sections) == 0 {
		return numFormat{}
	}
	f.kind = fmtNumber
	return f
}

// splitSections splits a format code at its semicolons (not those quoted
// or escaped).
func splitSections(code string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case c == '\\' && !quoted:
			i++
		case c == ';' && !quoted:
			out = append(out, code[start:i])
			start = i + 1
		}
	}
	return append(out, code[start:])
}

// parseSection reads one section; its kind says whether it is a number's,
// a date's, or one numFormat does not model (fmtGeneral).
func parseSection(sec string) (numSection, fmtKind) {
	var (
		s           numSection
		lit         strings.Builder // the literal text being read
		seenDigits  bool
		afterDigits bool // literal text came after the digits
		commas      int  // commas since the last placeholder
		text        bool // an @: the section is for text
	)
	addLit := func(t string) {
		if t == "" {
			return
		}
		if seenDigits {
			afterDigits = true
		}
		lit.WriteString(t)
	}
	// startDigits ends the prefix: the first placeholder or point.
	startDigits := func() {
		if !seenDigits {
			s.prefix, seenDigits = lit.String(), true
			lit.Reset()
		}
	}
	placeholder := func(c byte) bool {
		if afterDigits && !s.sci {
			return false // digits, text, digits: 000-0000
		}
		startDigits()
		if commas > 0 {
			s.thousands, commas = true, 0
		}
		switch {
		case s.sci:
			s.expDigits++
		case s.point:
			s.decimals++
			switch c {
			case '0':
				s.decZeros = s.decimals
			case '?':
				s.decSpaces = s.decimals
			}
		default:
			s.intDigits++
			if c == '0' || s.intZeros > 0 {
				s.intZeros++
			}
		}
		return true
	}
	for i := 0; i < len(sec); i++ {
		c := sec[i]
		switch {
		case c == '"':
			end := strings.IndexByte(sec[i+1:], '"')
			if end < 0 {
				end = len(sec) - i - 1
			}
			addLit(sec[i+1 : i+1+end])
			i += end + 1
		case c == '\\':
			if i+1 < len(sec) {
				addLit(sec[i+1 : i+2])
				i++
			}
		case c == '_':
			addLit(" ")
			i++
		case c == '*':
			i++ // fill: nothing to show in a cell's text
		case c == '[':
			end := strings.IndexByte(sec[i:], ']')
			if end < 0 {
				return s, fmtGeneral
			}
			inner := sec[i+1 : i+end]
			i += end
			switch {
			case strings.HasPrefix(inner, "$"):
				sym, _, _ := strings.Cut(inner[1:], "-")
				addLit(sym)
			case strings.ContainsAny(inner, "<>="):
				return s, fmtGeneral // a condition
			case strings.Trim(strings.ToLower(inner), "hms") == "":
				return s, fmtDate // elapsed time
			}
			// a colour: nothing shown
		case c == '0' || c == '#' || c == '?':
			if !placeholder(c) {
				return s, fmtGeneral
			}
		case c == '.' && !s.point && !s.sci:
			if afterDigits {
				return s, fmtGeneral
			}
			startDigits() // .00: the point starts the digits
			s.point = true
		case c == ',' && seenDigits && !afterDigits:
			commas++
		case c == '%':
			s.percent++
			addLit("%")
		case (c == 'E' || c == 'e') && seenDigits && i+1 < len(sec) && (sec[i+1] == '+' || sec[i+1] == '-'):
			s.sci = true
			i++
		case c == '/':
			return s, fmtGeneral // a fraction
		case c == '@':
			text = true
		case strings.IndexByte("yYmMdDhHsS", c) >= 0:
			return s, fmtDate
		case strings.HasPrefix(strings.ToUpper(sec[i:]), "AM/PM") || strings.HasPrefix(strings.ToUpper(sec[i:]), "A/P"):
			return s, fmtDate
		default:
			addLit(sec[i : i+1])
		}
	}
	if s.sci && s.intDigits > 1 {
		return s, fmtGeneral // ##0.0E+0: engineering notation
	}
	s.scale, s.digits = commas, seenDigits
	switch {
	case !seenDigits && text:
		return s, fmtGeneral // @: a number is shown as General
	case !seenDigits:
		s.prefix = lit.String() // only text ("-"), or nothing
	default:
		s.suffix = lit.String()
	}
	return s, fmtNumber
}

// show is a stored value as the format shows it.
func (f numFormat) show(raw string, date1904 bool) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return raw
	}
	switch f.kind {
	case fmtDate:
		return showDate(v, date1904, raw)
	case fmtNumber:
		s, sign := f.sections[0], ""
		switch {
		case v < 0 && len(f.sections) > 1:
			s, v = f.sections[1], -v
		case v < 0:
			sign, v = "-", -v
		case v == 0 && len(f.sections) > 2:
			s = f.sections[2]
		}
		return sign + s.render(v) // -0.4 with 0 shows -0, as in Excel
	}
	return general(raw, v)
}

// general is a number as Excel's General format shows it, as excelize
// reads it: up to 15 significant digits.
func general(raw string, v float64) string {
	shortest := strconv.FormatFloat(v, 'f', -1, 64)
	digits := len(shortest) - strings.Count(shortest, ".") - strings.Count(shortest, "-")
	if digits > 15 && !integerZeroFilled(raw) {
		return strconv.FormatFloat(v, 'G', 15, 64)
	}
	return shortest
}

// integerZeroFilled: an integer beyond 15 digits whose further digits
// are zeros (Excel stores no more than 15).
func integerZeroFilled(raw string) bool {
	if strings.ContainsAny(raw, ".Ee") {
		return false
	}
	s := strings.TrimLeft(raw, "+-0")
	return len(s) <= 15 || strings.Trim(s[15:], "0") == ""
}

// render is a non-negative number through the section.
func (s numSection) render(v float64) string {
	if !s.digits {
		return s.prefix
	}
	v *= math.Pow(100, float64(s.percent))
	v /= math.Pow(1000, float64(s.scale))
	if s.sci {
		return s.prefix + scientific(v, s) + s.suffix
	}
	digits := roundDecimal(significant15(v), s.decimals)
	whole, frac, _ := strings.Cut(digits, ".")
	whole = strings.TrimLeft(whole, "0")
	if len(whole) < s.intZeros {
		whole = strings.Repeat("0", s.intZeros-len(whole)) + whole
	}
	if s.thousands {
		whole = group(whole)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) < s.decZeros {
		frac += strings.Repeat("0", s.decZeros-len(frac))
	}
	if len(frac) < s.decSpaces {
		frac += strings.Repeat(" ", s.decSpaces-len(frac))
	}
	out := s.prefix + whole
	if s.point {
		out += "." + frac
	}
	return out + s.suffix
}

// scientific is v as 0.00E+00 shows it.
func scientific(v float64, s numSection) string {
	m := strconv.FormatFloat(v, 'E', s.decimals, 64)
	mant, exp, _ := strings.Cut(m, "E")
	sign := exp[0]
	n := strings.TrimLeft(exp[1:], "0")
	if len(n) < s.expDigits {
		n = strings.Repeat("0", s.expDigits-len(n)) + n
	}
	return mant + "E" + string(sign) + n
}

// significant15 is a non-negative number as a decimal numeral of at most
// 15 significant digits, without an exponent: Excel keeps 15 digits, and
// shows 8.4249999999999989 (8.425 as the nearest double) rounded to two
// decimals as 8.43.
func significant15(v float64) string {
	mant, exp, _ := strings.Cut(strconv.FormatFloat(v, 'e', 14, 64), "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(exp)
	point := e + 1 // digits before the point
	var num string
	switch {
	case point <= 0:
		num = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		num = digits + strings.Repeat("0", point-len(digits))
	default:
		num = digits[:point] + "." + digits[point:]
	}
	if strings.Contains(num, ".") {
		num = strings.TrimRight(strings.TrimRight(num, "0"), ".")
	}
	return num
}

// roundDecimal rounds a decimal numeral (digits, perhaps a point) to n
// decimals, half away from zero, as Excel shows a number: on its decimal
// digits, not its binary value (0.125 shows 0.13 with two decimals).
func roundDecimal(num string, n int) string {
	whole, frac, _ := strings.Cut(num, ".")
	if len(frac) <= n {
		return whole + "." + frac
	}
	up := frac[n] >= '5'
	digits := []byte(whole + frac[:n])
	if up {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		} else {
			digits[i]++
		}
	}
	cut := len(digits) - n
	return string(digits[:cut]) + "." + string(digits[cut:])
}

// group writes thousands separators into a run of digits.
func group(whole string) string {
	if len(whole) <= 3 {
		return whole
	}
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// showDate is a serial date as ISO 8601: the date, the time of day when
// there is one, or only the time for a time without a date.
func showDate(v float64, date1904 bool, raw string) string {
	if v < 0 || v > maxSerial {
		return raw
	}
	t := excelTime(v, date1904)
	switch {
	case v < 1 && v != math.Trunc(v):
		return t.Format("15:04:05")
	case v == math.Trunc(v):
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}

// maxSerial is 9999-12-31, the last date Excel shows.
const maxSerial = 2958465

// excelTime is the time of a serial date: days since 1899-12-30 (Excel's
// 1900 system, which counts a 29 February 1900 that never was, so dates
// before March 1900 are a day off and corrected here), or since 1904-01-01.
func excelTime(v float64, date1904 bool) time.Time {
	days := math.Floor(v)
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days < 61:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	secs := math.Round((v - days) * 86400)
	return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
}
