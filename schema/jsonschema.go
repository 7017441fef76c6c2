package schema

import (
	"encoding/json"
	"regexp/syntax"
	"slices"
	"strings"

	"cuelang.org/go/cue"
)

// JSONSchema returns a JSON Schema (draft 2020-12) of catalogue files for
// editors (YAML language server, VS Code), generated from the validator
// derived from the CUE schema, so the three cannot drift apart.
// CUE v0.17's own encoder (encoding/jsonschema) was tried first: it leaves
// #KPI, #Goal, #Action and the maps of inputs and examples as bare
// {"type": "object"}, so editors would neither complete nor check them.
func (s *Schema) JSONSchema() ([]byte, error) {
	return s.jsonSchema(s.File, "kpi.schema.json", "kpilint catalogue file",
		"Units, strategic goals and KPIs, as kpilint reads them (generated from schema/kpi.cue).")
}

// ConfigJSONSchema returns a JSON Schema of kpilint.yaml, for editors,
// generated the same way from schema/config.cue.
func (s *Schema) ConfigJSONSchema() ([]byte, error) {
	return s.jsonSchema(s.Config, "config.schema.json", "kpilint configuration (kpilint.yaml)",
		"Which files kpilint reads, how strict it is and which rules run (generated from schema/config.cue).")
}

func (s *Schema) jsonSchema(t *Type, file, title, desc string) ([]byte, error) {
	g := &jsGen{s: s, defs: map[string]any{}}
	root := g.schema(t)
	doc := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "https://github.com/kpilint/kpilint/schema/" + file,
		"title":       title,
		"description": desc,
		"$defs":       g.defs,
	}
	for k, v := range root.(map[string]any) {
		doc[k] = v
	}
	return json.MarshalIndent(doc, "", "  ")
}

type jsGen struct {
	s    *Schema
	defs map[string]any
}

func (g *jsGen) schema(t *Type) any {
	if t.Name != "" {
		if _, done := g.defs[t.Name]; !done {
			g.defs[t.Name] = nil // placeholder: a recursive reference stops here
			g.defs[t.Name] = g.body(t)
		}
		return map[string]any{"$ref": "#/$defs/" + t.Name}
	}
	return g.body(t)
}

func (g *jsGen) body(t *Type) any {
	out := map[string]any{}
	if t.Desc != "" {
		out["description"] = t.Desc
	}
	switch {
	case t.unconstrained():
	case len(t.and) > 0:
		var all []any
		for _, a := range t.and {
			if !a.unconstrained() {
				all = append(all, g.schema(a))
			}
		}
		if len(all) == 1 && t.Desc == "" {
			return all[0]
		}
		out["allOf"] = all
	case len(t.or) > 0:
		var lits []any
		for _, a := range t.or {
			if !a.isLit {
				lits = nil
				break
			}
			lits = append(lits, a.lit)
		}
		if len(lits) == len(t.or) {
			out["enum"] = lits
			break
		}
		var any_ []any
		for _, a := range t.or {
			any_ = append(any_, g.schema(a))
		}
		out["anyOf"] = any_
	case t.isLit:
		out["const"] = t.lit
	case t.re != nil:
		out["type"] = "string"
		out["pattern"] = t.re.String()
	case t.bound != nil:
		key := map[cue.Op]string{cue.LessThanOp: "exclusiveMaximum", cue.LessThanEqualOp: "maximum",
			cue.GreaterThanOp: "exclusiveMinimum", cue.GreaterThanEqualOp: "minimum"}[t.bound.op]
		out[key] = t.bound.val
	case t.fields != nil:
		out["type"] = "object"
		props := map[string]any{}
		var required []string
		for _, name := range t.order {
			f := t.fields[name]
			props[name] = g.schema(f.typ)
			if f.required {
				required = append(required, name)
			}
		}
		if len(props) > 0 {
			out["properties"] = props
		}
		if len(required) > 0 {
			slices.Sort(required)
			out["required"] = required
		}
		if len(t.patternREs) > 0 {
			pats := map[string]any{}
			for _, re := range t.patternREs {
				pt, ok := t.patternType(sampleKey(re.String()))
				if !ok {
					continue
				}
				if pt.unconstrained() {
					pats[re.String()] = true
				} else {
					pats[re.String()] = g.schema(pt)
				}
			}
			out["patternProperties"] = pats
		}
		out["additionalProperties"] = false
	case t.elem != nil:
		out["type"] = "array"
		out["items"] = g.schema(t.elem)
	default:
		if types := jsonTypes(t.kind); types != nil {
			if len(types) == 1 {
				out["type"] = types[0]
			} else {
				out["type"] = types
			}
		}
	}
	return out
}

// unconstrained reports whether t accepts any value (CUE's top, _).
func (t *Type) unconstrained() bool {
	if len(t.and) > 0 {
		for _, a := range t.and {
			if !a.unconstrained() {
				return false
			}
		}
		return true
	}
	return t.kind == cue.TopKind && t.fields == nil && t.elem == nil && len(t.or) == 0 && !t.isLit && t.re == nil && t.bound == nil
}

func jsonTypes(k cue.Kind) []string {
	if k == cue.TopKind {
		return nil
	}
	var out []string
	for _, c := range []struct {
		k    cue.Kind
		name string
	}{{cue.StructKind, "object"}, {cue.ListKind, "array"}, {cue.StringKind, "string"}, {cue.BoolKind, "boolean"}, {cue.NullKind, "null"}} {
		if k&c.k != 0 {
			out = append(out, c.name)
		}
	}
	switch {
	case k&cue.FloatKind != 0:
		out = append(out, "number")
	case k&cue.IntKind != 0:
		out = append(out, "integer")
	}
	return out
}

// sampleKey builds a short string the regular expression matches, to ask
// the schema what a key under that pattern may hold.
func sampleKey(pattern string) string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(r *syntax.Regexp)
	walk = func(r *syntax.Regexp) {
		switch r.Op {
		case syntax.OpLiteral:
			b.WriteString(string(r.Rune))
		case syntax.OpCharClass:
			if len(r.Rune) > 0 {
				b.WriteRune(r.Rune[0])
			}
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			b.WriteByte('a')
		case syntax.OpConcat:
			for _, s := range r.Sub {
				walk(s)
			}
		case syntax.OpCapture, syntax.OpPlus:
			walk(r.Sub[0])
		case syntax.OpRepeat:
			for range r.Min {
				walk(r.Sub[0])
			}
		case syntax.OpAlternate:
			walk(r.Sub[0])
		}
	}
	walk(re)
	return b.String()
}
