package document

import (
	"fmt"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/literal"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"github.com/kpilint/kpilint/internal/tree"
)

// parseCUE reads a CUE data file. Catalogue files in CUE are data: structs,
// lists and literals. Expressions that need evaluation (references,
// comprehensions, unification) are reported rather than silently evaluated,
// so that every value keeps the position where it is written.
func parseCUE(path string, data []byte, lim Limits) ([]*tree.Node, *ParseError) {
	if perr := checkNesting(data, lim.MaxDepth); perr != nil {
		return nil, perr
	}
	f, err := parser.ParseFile(path, data, parser.ParseComments)
	if err != nil {
		pos := tree.Pos{Line: 1, Col: 1}
		msg := err.Error()
		var ce errors.Error
		if errors.As(err, &ce) {
			if p := ce.Position(); p.IsValid() {
				pos = positionAt(data, p.Offset())
			}
			format, args := ce.Msg()
			msg = fmt.Sprintf(format, args...)
		}
		return nil, perr(pos, "invalid CUE: %s", Truncate(msg, maxMessage))
	}
	c := &cueConverter{lines: NewLines(data), lim: lim}
	root := &tree.Node{Kind: tree.Map, Pos: tree.Pos{Line: 1, Col: 1}, EndLine: 1}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.Package, *ast.CommentGroup, *ast.Attribute:
			continue
		case *ast.Field:
			if err := c.field(d, root, 1); err != nil {
				return nil, err
			}
		default:
			return nil, c.unsupported(d)
		}
	}
	if len(root.Entries) == 0 {
		return nil, nil
	}
	root.Pos = root.Entries[0].KeyPos
	return []*tree.Node{root}, nil
}

type cueConverter struct {
	lines *Lines
	lim   Limits
	nodes int
}

func (c *cueConverter) pos(p token.Pos) tree.Pos {
	if !p.IsValid() {
		return tree.Pos{Line: 1, Col: 1}
	}
	return c.lines.Pos(p.Offset())
}

func (c *cueConverter) unsupported(n ast.Node) *ParseError {
	return perr(c.pos(n.Pos()), "kpilint reads CUE catalogue files as data: %T is not a plain value (use literals, structs and lists)", n)
}

func (c *cueConverter) field(f *ast.Field, parent *tree.Node, depth int) *ParseError {
	if f.Constraint != token.ILLEGAL {
		return perr(c.pos(f.Pos()), "optional and required markers (? and !) are for schemas, not catalogue data")
	}
	name, _, err := ast.LabelName(f.Label)
	if err != nil {
		return c.unsupported(f.Label)
	}
	keyPos := c.pos(f.Label.Pos())
	if parent.Entry(name) != nil {
		return perr(keyPos, "duplicate key %q", Truncate(name, 60))
	}
	v, perr := c.value(f.Value, depth+1)
	if perr != nil {
		return perr
	}
	parent.Entries = append(parent.Entries, &tree.Entry{Key: name, KeyPos: keyPos, Value: v})
	parent.EndLine = max(parent.EndLine, v.EndLine)
	return nil
}

func (c *cueConverter) value(x ast.Expr, depth int) (*tree.Node, *ParseError) {
	c.nodes++
	pos := c.pos(x.Pos())
	if c.nodes > c.lim.MaxNodes {
		return nil, perr(pos, "file has more than %d values; kpilint stops here", c.lim.MaxNodes)
	}
	if depth > c.lim.MaxDepth {
		return nil, perr(pos, "values are nested more than %d levels deep", c.lim.MaxDepth)
	}
	n := &tree.Node{Pos: pos, EndLine: pos.Line}
	if end := x.End(); end.IsValid() {
		n.EndLine = c.pos(end).Line
	}
	switch x := x.(type) {
	case *ast.StructLit:
		n.Kind = tree.Map
		for _, d := range x.Elts {
			switch d := d.(type) {
			case *ast.Field:
				if err := c.field(d, n, depth); err != nil {
					return nil, err
				}
			case *ast.CommentGroup:
			default:
				return nil, c.unsupported(d)
			}
		}
	case *ast.ListLit:
		n.Kind = tree.List
		for _, e := range x.Elts {
			v, err := c.value(e, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, v)
		}
	case *ast.UnaryExpr:
		if x.Op != token.SUB && x.Op != token.ADD {
			return nil, c.unsupported(x)
		}
		v, err := c.value(x.X, depth)
		if err != nil {
			return nil, err
		}
		if v.Kind != tree.Number {
			return nil, c.unsupported(x)
		}
		if x.Op == token.SUB {
			v.Num, v.Str = -v.Num, "-"+v.Str
		}
		v.Pos = pos
		return v, nil
	case *ast.BasicLit:
		if err := c.basic(x, n); err != nil {
			return nil, err
		}
	default:
		return nil, c.unsupported(x)
	}
	return n, nil
}

func (c *cueConverter) basic(x *ast.BasicLit, n *tree.Node) *ParseError {
	n.Str = x.Value
	switch x.Kind {
	case token.NULL:
		n.Kind = tree.Null
	case token.TRUE, token.FALSE:
		n.Kind, n.Bool = tree.Bool, x.Kind == token.TRUE
	case token.INT, token.FLOAT:
		var num literal.NumInfo
		if err := literal.ParseNum(x.Value, &num); err != nil {
			return perr(n.Pos, "invalid number %s", Truncate(x.Value, 40))
		}
		f, err := strconv.ParseFloat(num.String(), 64)
		if err != nil {
			return perr(n.Pos, "number out of range: %s", Truncate(x.Value, 40))
		}
		n.Kind, n.Num, n.IsInt = tree.Number, f, num.IsInt()
	case token.STRING:
		s, err := literal.Unquote(x.Value)
		if err != nil {
			return perr(n.Pos, "invalid string: %s", Truncate(err.Error(), maxMessage))
		}
		if strings.HasPrefix(x.Value, "'") {
			return perr(n.Pos, "byte strings ('…') are not text; use double quotes")
		}
		n.Kind, n.Str = tree.String, s
	default:
		return perr(n.Pos, "unsupported literal %s", Truncate(x.Value, 40))
	}
	return nil
}

// checkNesting rejects brackets nested deeper than maxDepth before the CUE
// parser, which recurses on them, sees the file. Strings and comments are
// skipped; the count is a conservative bound on the nesting of values.
func checkNesting(data []byte, maxDepth int) *ParseError {
	depth := 0
	inString := false
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case inString:
			switch b {
			case '\\':
				i++
			case '"', '\n':
				inString = false
			}
		case b == '"':
			inString = true
		case b == '/' && i+1 < len(data) && data[i+1] == '/':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case b == '{' || b == '[' || b == '(':
			depth++
			if depth > maxDepth {
				return perr(positionAt(data, i), "values are nested more than %d levels deep", maxDepth)
			}
		case b == '}' || b == ']' || b == ')':
			depth--
		}
	}
	return nil
}
