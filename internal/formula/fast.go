package formula

import (
	"slices"
)

// parseFast parses the common case — decimal numbers, plain names, + - * /,
// parentheses and calls — without building CUE's syntax tree,
// which costs ten times more. Anything else (hexadecimal or underscored
// numbers, CUE's multipliers, prose) returns ok=false and goes to the CUE
// parser, whose answer is the reference: FuzzFastParserAgrees checks that
// the two agree wherever the fast one answers.
func parseFast(src string) (*Expr, bool) {
	p := &fastParser{src: src}
	p.next()
	n, ok := p.expr(0)
	if !ok || p.tok != tokEOF {
		return nil, false
	}
	return &Expr{root: n}, true
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokNum
	tokName
	tokOp // + - * / ( ) ,
	tokBad
)

type fastParser struct {
	src   string
	pos   int
	tok   tokKind
	text  string
	depth int
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// digits consumes a run of digits and reports whether there was one.
func (p *fastParser) digits() bool {
	start := p.pos
	for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
		p.pos++
	}
	return p.pos > start
}

func (p *fastParser) next() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
	if p.pos >= len(p.src) {
		p.tok, p.text = tokEOF, ""
		return
	}
	start := p.pos
	c := p.src[p.pos]
	switch {
	case isDigit(c):
		p.digits()
		if p.pos < len(p.src) && p.src[p.pos] == '.' {
			p.pos++
			if !p.digits() {
				p.tok = tokBad
				return
			}
		}
		if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
			p.pos++
			if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
				p.pos++
			}
			if !p.digits() {
				p.tok = tokBad
				return
			}
		}
		// A number glued to a letter, an underscore or a dot is something
		// else (0x10, 1_000, 1Ki, 1.2.3): let CUE decide.
		if p.pos < len(p.src) && (isLetter(p.src[p.pos]) || p.src[p.pos] == '_' || p.src[p.pos] == '.' || p.src[p.pos] >= 0x80) {
			p.tok = tokBad
			return
		}
		if p.src[start] == '0' && p.pos-start > 1 && isDigit(p.src[start+1]) {
			p.tok = tokBad // a leading zero: CUE's rules on octals apply
			return
		}
		p.tok, p.text = tokNum, p.src[start:p.pos]
	case isLetter(c):
		for p.pos < len(p.src) && (isLetter(p.src[p.pos]) || isDigit(p.src[p.pos]) || p.src[p.pos] == '_') {
			p.pos++
		}
		if p.pos < len(p.src) && p.src[p.pos] >= 0x80 {
			p.tok = tokBad
			return
		}
		p.tok, p.text = tokName, p.src[start:p.pos]
		if isKeyword(p.text) {
			p.tok = tokBad
		}
	case c == '+' || c == '-' || c == '*' || c == '/' || c == '(' || c == ')' || c == ',':
		p.pos++
		if c == '/' && p.pos < len(p.src) && (p.src[p.pos] == '/' || p.src[p.pos] == '*') {
			p.tok = tokBad // a comment
			return
		}
		p.tok, p.text = tokOp, p.src[start:p.pos]
	default:
		p.tok = tokBad
	}
}

// isKeyword lists CUE's keywords and predeclared names that a name may not be.
func isKeyword(s string) bool {
	return slices.Contains([]string{"true", "false", "null", "if", "for", "in", "let", "import", "package", "func", "div", "mod", "quo", "rem", "_"}, s)
}

func precedence(op string) int {
	switch op {
	case "+", "-":
		return 1
	case "*", "/":
		return 2
	}
	return 0
}

// expr parses a binary expression whose operators bind tighter than min.
func (p *fastParser) expr(min int) (node, bool) {
	if p.depth++; p.depth > maxDepth {
		return nil, false
	}
	defer func() { p.depth-- }()
	left, ok := p.unary()
	if !ok {
		return nil, false
	}
	for p.tok == tokOp && precedence(p.text) > min {
		op := p.text[0]
		prec := precedence(p.text)
		p.next()
		right, ok := p.expr(prec)
		if !ok {
			return nil, false
		}
		left = binary{op, left, right}
	}
	return left, true
}

func (p *fastParser) unary() (node, bool) {
	if p.tok == tokOp && (p.text == "-" || p.text == "+") {
		// Each sign nests one level, as in the reference (convert).
		if p.depth++; p.depth > maxDepth {
			return nil, false
		}
		defer func() { p.depth-- }()
		neg := p.text == "-"
		p.next()
		x, ok := p.unary()
		if !ok || !neg {
			return x, ok
		}
		return unary{x}, true
	}
	return p.primary()
}

func (p *fastParser) primary() (node, bool) {
	switch p.tok {
	case tokNum:
		r, ok := Rat(p.text) // bounded like every literal
		if !ok {
			return nil, false
		}
		p.next()
		return newNum(r), true
	case tokName:
		name := p.text
		p.next()
		if p.tok != tokOp || p.text != "(" {
			return nameNode(name), true
		}
		if !isFunction(name) {
			return nil, false
		}
		p.next()
		var args []node
		for {
			arg, ok := p.expr(0)
			if !ok {
				return nil, false
			}
			args = append(args, arg)
			if p.tok == tokOp && p.text == "," {
				p.next()
				continue
			}
			break
		}
		if p.tok != tokOp || p.text != ")" {
			return nil, false
		}
		p.next()
		c, err := newCall(name, args)
		return c, err == nil
	case tokOp:
		if p.text != "(" {
			return nil, false
		}
		p.next()
		x, ok := p.expr(0)
		if !ok || p.tok != tokOp || p.text != ")" {
			return nil, false
		}
		p.next()
		return x, true
	}
	return nil, false
}

func nameNode(s string) node { return name{s} }
