package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// translatable lists, per function name, which argument is the English
// text to translate. Every call of these functions in kpilint's sources
// carries a message a user reads.
var translatable = map[string]int{
	"Report":    2, // (*rules.CataloguePass).Report(element, loc, format, args...)
	"ReportKPI": 2, // (*rules.KPIPass).ReportKPI(kpi, loc, format, args...)
	"report":    3, // the passes' report(id, kpi, loc, format, args...)
	"Related":   2, // rules.Related(finding, loc, format, args...)
	"T":         1, // i18n.T(lang, text)
	"Tf":        1, // i18n.Tf(lang, format, args...)
	"Msg":       0, // i18n.Msg(format, args...): a message translated later
	"perr":      1, // load's perr(pos, format, args...): a syntax message
	"tr":        0, // a report's tr(text), i18n.T bound to its language
	"readErr":   0, // document's readErr(format, args...): why a file was not read
}

// templateText finds {{t "text"}} in HTML templates.
var templateText = regexp.MustCompile(`\{\{t "((?:[^"\\]|\\.)*)"\}\}`)

// sourceTexts returns every translatable literal in the module's non-test
// Go files, with where it is.
func sourceTexts() (map[string]string, error) {
	out := map[string]string{}
	root := "../.."
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tmpl") {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range templateText.FindAllStringSubmatch(string(data), -1) {
				if text, err := strconv.Unquote(`"` + m[1] + `"`); err == nil {
					out[text] = p
				}
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			i, ok := translatable[name]
			if !ok || i >= len(call.Args) {
				return true
			}
			lit, ok := call.Args[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			text, err := strconv.Unquote(lit.Value)
			if err == nil {
				out[text] = fset.Position(lit.Pos()).String()
			}
			return true
		})
		return nil
	})
	return out, err
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
