package schema

import (
	"fmt"
	"slices"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/literal"
	"cuelang.org/go/cue/token"
)

// Type is a validator for one CUE value, derived from the compiled schema.
type Type struct {
	// Desc describes the value in words, from the doc comment of the
	// definition it came from ("#ID is an id: …"), for messages.
	Desc string

	kind  cue.Kind // allowed kinds for a leaf; cue.TopKind allows anything
	lit   any      // a literal the value must equal (string, float64, bool)
	isLit bool
	re    *pattern
	bound *bound

	and []*Type
	or  []*Type

	// Name is the definition the type was derived from ("KPI" for #KPI).
	Name string

	// struct
	fields map[string]*field
	order  []string
	// nRequired counts the required fields, for valid.
	nRequired int
	structV   cue.Value
	patterns  *patternCache
	// patternREs are the struct's pattern constraints ([=~"^x-"]: _),
	// read from the schema's syntax, for the JSON Schema.
	patternREs []*pattern

	elem *Type // list

	// snapshot marks a struct of the snapshot, whose CUE value is bound
	// when patternType first needs it (snapshot.go).
	snapshot bool
	// patternTypes are the types of the keys each of patternREs matches,
	// nil where derivePatternTypes found none.
	patternTypes []*Type
	// open is true for a struct that allows a key which matches none of
	// patternREs (it is not closed, or has a pattern constraint
	// patternsOf cannot read): only CUE can say which keys it allows.
	open bool
}

// probeKey is a key no pattern of the schema matches.
const probeKey = "\x00kpilint probe"

// onePatternType is the type of a key of a closed struct that exactly one
// of its patterns matches, as derivePatternTypes found it; nil when CUE
// must say (an open struct, two patterns, none derived).
func (t *Type) onePatternType(key string) *Type {
	if t.open || len(t.patternTypes) != len(t.patternREs) {
		return nil
	}
	var typ *Type
	for i, re := range t.patternREs {
		if re.MatchString(key) {
			if typ != nil {
				return nil
			}
			if typ = t.patternTypes[i]; typ == nil {
				return nil
			}
		}
	}
	return typ
}

// admits reports whether the struct could allow a key it does not
// declare: false means CUE would refuse it (a closed struct, and none of
// its patterns matches), which is answered without CUE.
func (t *Type) admits(key string) bool {
	return t.open || slices.ContainsFunc(t.patternREs, func(re *pattern) bool { return re.MatchString(key) })
}

type field struct {
	name     string
	required bool
	typ      *Type
}

type bound struct {
	op  cue.Op
	val float64
}

type deriver struct {
	s       *Schema
	structs map[string]*Type
	// unified derives a conjunction of structs as the one struct it is
	// (Validators: a policy's definitions). The schema's own derivation
	// keeps the parts, whose syntax the JSON Schema is written from.
	unified bool
}

func (d *deriver) derive(v cue.Value) (*Type, error) {
	if err := v.Err(); err != nil && v.IncompleteKind() == cue.BottomKind {
		return nil, fmt.Errorf("%v: %w", v.Pos(), err)
	}
	op, args := v.Expr()
	if op == cue.AndOp && d.unified && v.IncompleteKind() == cue.StructKind {
		// A conjunction of structs (a definition and a policy's additions
		// to it) is one struct: its fields are the unified ones, and it
		// is closed as the whole, not as each part.
		return d.structType(v)
	}
	switch op {
	case cue.AndOp, cue.OrOp:
		t := &Type{}
		for _, a := range args {
			at, err := d.derive(a)
			if err != nil {
				return nil, err
			}
			if op == cue.AndOp {
				t.and = append(t.and, at)
			} else {
				t.or = append(t.or, at)
			}
		}
		return t, nil
	case cue.SelectorOp:
		return d.reference(v, args)
	case cue.RegexMatchOp:
		pattern, err := args[0].String()
		if err != nil {
			return nil, err
		}
		re, err := compilePattern(pattern)
		if err != nil {
			return nil, err
		}
		return &Type{kind: cue.StringKind, re: re}, nil
	case cue.LessThanOp, cue.LessThanEqualOp, cue.GreaterThanOp, cue.GreaterThanEqualOp:
		f, err := args[0].Float64()
		if err != nil {
			return nil, err
		}
		return &Type{kind: cue.NumberKind, bound: &bound{op: op, val: f}}, nil
	case cue.NoOp:
		return d.leaf(v)
	}
	return nil, fmt.Errorf("%v: the validator cannot derive a check for operator %v in %v", v.Pos(), op, v)
}

func (d *deriver) reference(v cue.Value, args []cue.Value) (*Type, error) {
	name, err := args[len(args)-1].String()
	if err != nil {
		return nil, fmt.Errorf("%v: unsupported selector in %v", v.Pos(), v)
	}
	if t, ok := d.structs[name]; ok {
		return t, nil
	}
	ref := d.s.root.LookupPath(cue.ParsePath(name))
	if !ref.Exists() {
		return nil, fmt.Errorf("%v: reference %s not found at the top of the schema", v.Pos(), name)
	}
	t, err := d.derive(ref)
	if err != nil {
		return nil, err
	}
	t.Desc = describe(ref, name)
	d.s.Descriptions = append(d.s.Descriptions, t.Desc)
	if t.fields != nil {
		t.Name = strings.TrimPrefix(name, "#")
	}
	if d.structs == nil {
		d.structs = map[string]*Type{}
	}
	d.structs[name] = t
	return t, nil
}

// describe turns "#ID is an id: …" into "an id: …".
func describe(v cue.Value, name string) string {
	for _, c := range v.Doc() {
		text := strings.TrimSpace(c.Text())
		if rest, ok := strings.CutPrefix(text, name+" is "); ok {
			first, _, _ := strings.Cut(rest, "\n")
			return strings.TrimSuffix(first, ".")
		}
	}
	return ""
}

func (d *deriver) leaf(v cue.Value) (*Type, error) {
	k := v.IncompleteKind()
	switch {
	case k == cue.StructKind:
		return d.structType(v)
	case k == cue.ListKind:
		elem, err := d.derive(v.LookupPath(cue.MakePath(cue.AnyIndex)))
		if err != nil {
			return nil, err
		}
		return &Type{kind: cue.ListKind, elem: elem}, nil
	case k == cue.TopKind:
		return &Type{kind: cue.TopKind}, nil
	case v.IsConcrete():
		var lit any
		var err error
		switch k {
		case cue.StringKind:
			lit, err = v.String()
		case cue.IntKind, cue.FloatKind, cue.NumberKind:
			lit, err = v.Float64()
		case cue.BoolKind:
			lit, err = v.Bool()
		case cue.NullKind:
		default:
			return nil, fmt.Errorf("%v: unsupported literal %v", v.Pos(), v)
		}
		if err != nil {
			return nil, err
		}
		return &Type{kind: k, lit: lit, isLit: true}, nil
	case k&^(cue.StringKind|cue.NumberKind|cue.BoolKind|cue.NullKind) == 0:
		return &Type{kind: k}, nil
	}
	return nil, fmt.Errorf("%v: the validator cannot derive a check for %v (kind %v)", v.Pos(), v, k)
}

func (d *deriver) structType(v cue.Value) (*Type, error) {
	t := &Type{kind: cue.StructKind, fields: map[string]*field{}, structV: v, patterns: newPatternCache(d), patternREs: patternsOf(v)}
	d.s.structs = append(d.s.structs, t)
	t.open = v.Allows(cue.Str(probeKey)) || slices.ContainsFunc(t.patternREs, func(re *pattern) bool { return re.MatchString(probeKey) })
	it, err := v.Fields(cue.Optional(true))
	if err != nil {
		return nil, err
	}
	for it.Next() {
		sel := it.Selector()
		ft, err := d.derive(it.Value())
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", sel.Unquoted(), err)
		}
		name := sel.Unquoted()
		required := sel.ConstraintType() == cue.RequiredConstraint
		t.fields[name] = &field{name: name, required: required, typ: ft}
		t.order = append(t.order, name)
		if required {
			t.nRequired++
		}
	}
	return t, nil
}

// patternCache answers, for a key that is not a declared field, whether the
// struct allows it (closedness, pattern constraints such as [=~"^x-"]) and
// with what type. It asks CUE once per distinct key and remembers.
type patternCache struct {
	d    *deriver
	keys map[string]*Type // nil value: not allowed
}

const maxCachedKeys = 10_000

func newPatternCache(d *deriver) *patternCache {
	return &patternCache{d: d, keys: map[string]*Type{}}
}

// patternType is the type of a key the struct does not declare, and
// whether the struct allows the key at all.
//
// A struct of the snapshot answers what its patterns tell without CUE
// (tests hold those answers to CUE's for the schema's structs): a
// disjunction tries its structs on keys they do not declare, and every
// input name of a measure is a pattern key. Other structs (a policy's,
// whose patterns patternsOf may not all see) ask CUE.
func (t *Type) patternType(key string) (*Type, bool) {
	if t.snapshot {
		if !t.admits(key) {
			return nil, false
		}
		if typ := t.onePatternType(key); typ != nil {
			return typ, true
		}
		MustLoad().bindCUE()
	}
	return t.cuePatternType(key)
}

// cuePatternType is patternType as CUE answers it.
func (t *Type) cuePatternType(key string) (*Type, bool) {
	pc := t.patterns
	s := pc.d.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if typ, ok := pc.keys[key]; ok {
		return typ, typ != nil
	}
	var typ *Type
	if t.structV.Allows(cue.Str(key)) {
		path := cue.MakePath(cue.Str(key))
		fv := t.structV.FillPath(path, s.ctx.CompileString("_")).LookupPath(path)
		derived, err := pc.d.derive(fv)
		if err != nil {
			derived = &Type{kind: cue.TopKind}
		}
		typ = derived
	}
	if len(pc.keys) < maxCachedKeys {
		pc.keys[key] = typ
	}
	return typ, typ != nil
}

// patternsOf reads the pattern constraints ([=~"re"]: T) a struct declares.
// The cue.Value API does not expose them, so they come from the syntax the
// value was compiled from.
func patternsOf(v cue.Value) []*pattern {
	var lit *ast.StructLit
	switch src := v.Source().(type) {
	case *ast.Field:
		lit, _ = src.Value.(*ast.StructLit)
	case *ast.StructLit:
		lit = src
	}
	if lit == nil {
		return nil
	}
	var out []*pattern
	for _, e := range lit.Elts {
		f, ok := e.(*ast.Field)
		if !ok {
			continue
		}
		l, ok := f.Label.(*ast.ListLit)
		if !ok || len(l.Elts) != 1 {
			continue
		}
		u, ok := l.Elts[0].(*ast.UnaryExpr)
		if !ok || u.Op != token.MAT {
			continue
		}
		b, ok := u.X.(*ast.BasicLit)
		if !ok {
			continue
		}
		text, err := literal.Unquote(b.Value)
		if err != nil {
			continue
		}
		if re, err := compilePattern(text); err == nil {
			out = append(out, re)
		}
	}
	return out
}
