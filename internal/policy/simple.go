package policy

import (
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"
)

// A policy written only in the constructs below is checked first by a Go
// validator derived from the compiled policy, as the schema's is (package
// schema): an element it accepts is one CUE accepts, so CUE runs only on
// the elements it rejects, for CUE's own messages. At 100,000 KPIs under
// the examples' policy this makes the policy cost a tenth of the lint
// rather than five times it (BENCHMARKS.md).
//
// The subset is what the derivation models exactly: definitions (#Name)
// at the top, and inside them optional (name?:) and required (name!:)
// fields whose values are structs of such fields, literals, basic types,
// references to definitions, =~ and bounds (<, <=, >, >=), lists [...T],
// and | and & of those. Anything else — regular fields (a missing one
// makes CUE report it incomplete), comprehensions and if-clauses (a
// definition's fields do not show them), defaults, builtins, imports, let,
// embeddings, pattern constraints — sends every element to CUE, as before.

// isSimple reports whether a parsed policy file is in the subset.
func isSimple(f *ast.File) bool {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.Package, *ast.CommentGroup:
		case *ast.Field:
			id, ok := d.Label.(*ast.Ident)
			if !ok || !strings.HasPrefix(id.Name, "#") || d.Constraint != token.ILLEGAL || !simpleValue(d.Value) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// basicTypes are the identifiers a simple value may name besides
// definitions.
var basicTypes = map[string]bool{"string": true, "int": true, "float": true, "number": true, "bool": true, "null": true, "_": true}

func simpleValue(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return basicTypes[x.Name] || strings.HasPrefix(x.Name, "#")
	case *ast.ParenExpr:
		return simpleValue(x.X)
	case *ast.UnaryExpr:
		switch x.Op {
		case token.MAT, token.LSS, token.LEQ, token.GTR, token.GEQ:
			return simpleLiteral(x.X)
		case token.SUB:
			_, ok := x.X.(*ast.BasicLit)
			return ok
		}
		return false
	case *ast.BinaryExpr:
		return (x.Op == token.OR || x.Op == token.AND) && simpleValue(x.X) && simpleValue(x.Y)
	case *ast.StructLit:
		for _, e := range x.Elts {
			if _, ok := e.(*ast.CommentGroup); ok {
				continue
			}
			f, ok := e.(*ast.Field)
			if !ok || !simpleField(f) {
				return false
			}
		}
		return true
	case *ast.ListLit:
		if len(x.Elts) != 1 {
			return false
		}
		e, ok := x.Elts[0].(*ast.Ellipsis)
		return ok && e.Type != nil && simpleValue(e.Type)
	}
	return false
}

// simpleLiteral is the operand of =~ or a bound: a literal, or a negative
// number.
func simpleLiteral(x ast.Expr) bool {
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.SUB {
		x = u.X
	}
	_, ok := x.(*ast.BasicLit)
	return ok
}

// simpleField is an optional or required field with a simple value, named
// by an identifier or a quoted string (not a definition, a pattern or an
// interpolation).
func simpleField(f *ast.Field) bool {
	if f.Constraint != token.OPTION && f.Constraint != token.NOT {
		return false
	}
	switch l := f.Label.(type) {
	case *ast.Ident:
		if strings.HasPrefix(l.Name, "#") || strings.HasPrefix(l.Name, "_") {
			return false
		}
	case *ast.BasicLit:
		if l.Kind != token.STRING {
			return false
		}
	default:
		return false
	}
	return simpleValue(f.Value)
}
