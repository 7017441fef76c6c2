package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/kpilint/kpilint/internal/audit"
)

// AuditJSON writes the audit as one indented JSON object, for dashboards.
//
// It writes what encoding/json's indenting encoder writes for the report
// (the golden files hold the two to the same bytes), but a field at a time
// and a list an element at a time: the encoder made the whole document,
// then an indented copy of it, before writing a byte, which for a million
// KPIs' 333 MB report was a gigabyte.
func AuditJSON(w io.Writer, r *audit.Report, _ Options) error { return writeObject(w, r) }

// writeObject writes the struct ptr points to as json.MarshalIndent does
// with two spaces of indent, a field at a time and the elements of a list
// one at a time.
func writeObject(w io.Writer, ptr any) error {
	bw := bufio.NewWriter(w)
	v := reflect.ValueOf(ptr).Elem()
	sep := "{"
	for i := range v.NumField() {
		f := v.Type().Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		fv := v.Field(i)
		if !f.IsExported() || name == "-" || hasOption(opts, "omitempty") && emptyJSON(fv) {
			continue
		}
		if name == "" {
			name = f.Name
		}
		key, err := json.Marshal(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "%s\n  %s: ", sep, key)
		sep = ","
		list, isList := fv.Interface().(sequence)
		if !isList && fv.Kind() == reflect.Slice && fv.Len() > 0 {
			list, isList = reflectSequence{fv}, true
		}
		switch {
		case !isList: // an empty slice too: [] or null, as encoding/json writes it
			if err := writeIndented(bw, fv.Interface(), "  "); err != nil {
				return err
			}
			continue
		case list.Len() == 0:
			fmt.Fprint(bw, "[]")
			continue
		}
		open := "["
		for j := range list.Len() {
			fmt.Fprint(bw, open+"\n    ")
			open = ","
			if err := writeIndented(bw, list.At(j), "    "); err != nil {
				return err
			}
		}
		fmt.Fprint(bw, "\n  ]")
	}
	fmt.Fprint(bw, "\n}\n")
	return bw.Flush()
}

// sequence is a list writeObject writes an element at a time, each made
// as it is written (jsonFindings).
type sequence interface {
	Len() int
	At(i int) any
}

// reflectSequence is a slice as a sequence.
type reflectSequence struct{ v reflect.Value }

func (r reflectSequence) Len() int     { return r.v.Len() }
func (r reflectSequence) At(i int) any { return r.v.Index(i).Interface() }

// writeIndented writes v as json.MarshalIndent does with prefix and two
// spaces of indent.
func writeIndented(w io.Writer, v any, prefix string) error {
	b, err := json.MarshalIndent(v, prefix, "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func hasOption(opts, want string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// emptyJSON is encoding/json's "empty value" for omitempty: a struct is
// never empty.
func emptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		return false
	}
	return v.IsZero()
}
