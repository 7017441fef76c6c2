package schema

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/kpilint/kpilint/internal/suggest"

	"cuelang.org/go/cue"

	"github.com/kpilint/kpilint/internal/i18n"

	"github.com/kpilint/kpilint/internal/tree"
)

// Violation is one place where a document breaks the schema.
type Violation struct {
	Pos   tree.Pos
	Width int // characters of the key or value at Pos
	Msg   i18n.Message
}

func violation(pos tree.Pos, width int, text i18n.Message) Violation {
	return Violation{Pos: pos, Width: width, Msg: text}
}

// MaxViolations bounds the schema problems reported for one document: a
// hostile file with 40,000 unknown keys costs no more than one with 100.
const MaxViolations = 100

// Validate checks a document against t. The document's root is reported at
// its anchor (first key).
func (t *Type) Validate(n *tree.Node) []Violation {
	if t.valid(n) {
		return nil // the common case, without building a message
	}
	var out []Violation
	t.check(n, "file", n.Anchor(), n.AnchorWidth(), &out)
	return capped(out)
}

// capped replaces what lies past MaxViolations with one closing sentence.
func capped(out []Violation) []Violation {
	if len(out) <= MaxViolations {
		return out
	}
	last := out[MaxViolations-1]
	return append(out[:MaxViolations-1], violation(last.Pos, last.Width, i18n.Msg("more than %d schema problems in this document; kpilint stops reporting them here", MaxViolations-1)))
}

// Check validates one value that sits under the key name at pos.
func (t *Type) Check(n *tree.Node, name string, pos tree.Pos, width int) []Violation {
	var out []Violation
	t.check(n, name, pos, width, &out)
	return capped(out)
}

func (t *Type) check(n *tree.Node, name string, pos tree.Pos, width int, out *[]Violation) {
	if len(*out) > MaxViolations {
		return
	}
	start := len(*out)
	t.checkInner(n, name, pos, width, out)
	// A described scalar type (#ID, #Date, …) reports one clear sentence
	// rather than the regular expressions it is made of.
	if len(*out) > start && t.Desc != "" && !t.isContainer() {
		*out = append((*out)[:start], violation(pos, width, i18n.Msg("%s must be %s, not %s", name, t.Desc, show(n))))
	}
}

func (t *Type) isContainer() bool { return t.fields != nil || t.elem != nil }

func (t *Type) checkInner(n *tree.Node, name string, pos tree.Pos, width int, out *[]Violation) {
	switch {
	case len(t.and) > 0:
		for _, a := range t.and {
			a.check(n, name, pos, width, out)
		}
		return
	case len(t.or) > 0:
		t.checkOr(n, name, pos, width, out)
		return
	}
	if !kindAllows(t.kind, n) {
		if t.Desc != "" && t.kind == cue.StructKind {
			// Say what the mapping is: `actions: [a string]` is answered
			// with how an action is written.
			*out = append(*out, violation(pos, width, i18n.Msg("%s must be %s, not %s", name, t.Desc, kindOf(n))))
			return
		}
		*out = append(*out, violation(pos, width, i18n.Msg("%s must be %s, not %s", name, kindName(t.kind), kindOf(n))))
		return
	}
	switch {
	case t.isLit:
		if !litEqual(t.lit, n) {
			*out = append(*out, violation(pos, width, i18n.Msg("%s must be %s, not %s", name, showLit(t.lit), show(n))))
		}
	case t.re != nil:
		if !t.re.MatchString(n.Str) {
			*out = append(*out, violation(pos, width, i18n.Msg("%s must match %s, not %s", name, t.re, show(n))))
		}
	case t.bound != nil:
		if !t.bound.holds(n.Num) {
			*out = append(*out, violation(pos, width, i18n.Msg("%s must be %s, not %s", name, t.bound, show(n))))
		}
	case t.fields != nil:
		t.checkStruct(n, name, pos, width, out)
	case t.elem != nil:
		for i, item := range n.Items {
			t.elem.check(item, fmt.Sprintf("%s[%d]", name, i), item.Anchor(), item.AnchorWidth(), out)
		}
	}
}

func (t *Type) checkStruct(n *tree.Node, name string, pos tree.Pos, width int, out *[]Violation) {
	for _, e := range n.Entries {
		if len(*out) > MaxViolations {
			return
		}
		w := len([]rune(e.Key))
		if f, ok := t.fields[e.Key]; ok {
			f.typ.check(e.Value, e.Key, e.KeyPos, w, out)
			continue
		}
		pt, ok := t.patternType(e.Key)
		if !ok {
			text := i18n.Msg("unknown key %q", truncate(e.Key, 60))
			if s := t.suggest(e.Key); s != "" {
				text = i18n.Msg("unknown key %q (did you mean %q?)", truncate(e.Key, 60), s)
			}
			*out = append(*out, violation(e.KeyPos, w, text))
			continue
		}
		pt.check(e.Value, e.Key, e.KeyPos, w, out)
	}
	// A missing field is reported at the mapping that lacks it: its first
	// key, or the key that holds an empty mapping.
	at, atWidth := n.Anchor(), n.AnchorWidth()
	if len(n.Entries) == 0 {
		at, atWidth = pos, width
	}
	for _, fname := range t.order {
		if f := t.fields[fname]; f.required && n.Entry(fname) == nil {
			*out = append(*out, violation(at, atWidth, i18n.Msg("%s is missing the required field %q", name, fname)))
		}
	}
}

// checkOr accepts n if any alternative does. Otherwise it reports the
// alternative of n's own kind when there is exactly one (a list of ids
// with a bad id reports that id), or, among mappings, the one whose fields
// n's keys name most (a target with `value:` is checked as a target, one
// with `none:` as the absence of one); else one sentence listing what is
// allowed.
func (t *Type) checkOr(n *tree.Node, name string, pos tree.Pos, width int, out *[]Violation) {
	var sameKind []*Type
	for _, alt := range t.or {
		if alt.Accepts(n) {
			return
		}
		if alt.kindMatches(n) {
			sameKind = append(sameKind, alt)
		}
	}
	if len(sameKind) == 1 && sameKind[0].isContainer() {
		sameKind[0].check(n, name, pos, width, out)
		return
	}
	if best := closestStruct(sameKind, n); best != nil {
		best.check(n, name, pos, width, out)
		return
	}
	*out = append(*out, violation(pos, width, i18n.Msg("%s must be %s, not %s", name, t.alternatives(), show(n))))
}

// Accepts reports whether n breaks nothing t checks, without building
// messages.
func (t *Type) Accepts(n *tree.Node) bool { return t.valid(n) }

// closestStruct is the struct among alts that declares most of n's keys,
// or nil when none does or two tie.
func closestStruct(alts []*Type, n *tree.Node) *Type {
	var best *Type
	bestScore, tie := 0, false
	for _, alt := range alts {
		if alt.fields == nil {
			continue
		}
		score := 0
		for _, e := range n.Entries {
			if _, ok := alt.fields[e.Key]; ok {
				score++
			}
		}
		switch {
		case score > bestScore:
			best, bestScore, tie = alt, score, false
		case score == bestScore && score > 0:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return best
}

// valid reports whether check would find nothing wrong with n, without
// building the messages check builds. It mirrors checkInner case by case;
// internal/load's TestValidatorAgreesWithCUE and FuzzValidatorAgreesWithCUE
// hold the two verdicts together (and both to CUE's).
func (t *Type) valid(n *tree.Node) bool {
	switch {
	case len(t.and) > 0:
		for _, a := range t.and {
			if !a.valid(n) {
				return false
			}
		}
		return true
	case len(t.or) > 0:
		for _, alt := range t.or {
			if alt.valid(n) {
				return true
			}
		}
		return false
	}
	if !kindAllows(t.kind, n) {
		return false
	}
	switch {
	case t.isLit:
		return litEqual(t.lit, n)
	case t.re != nil:
		return t.re.MatchString(n.Str)
	case t.bound != nil:
		return t.bound.holds(n.Num)
	case t.fields != nil:
		return t.validStruct(n)
	case t.elem != nil:
		for _, item := range n.Items {
			if !t.elem.valid(item) {
				return false
			}
		}
	}
	return true
}

func (t *Type) validStruct(n *tree.Node) bool {
	required := 0
	for _, e := range n.Entries {
		if f, ok := t.fields[e.Key]; ok {
			if !f.typ.valid(e.Value) {
				return false
			}
			if f.required {
				required++
			}
			continue
		}
		pt, ok := t.patternType(e.Key)
		if !ok || !pt.valid(e.Value) {
			return false
		}
	}
	return required == t.nRequired
}

func (t *Type) kindMatches(n *tree.Node) bool {
	switch {
	case len(t.and) > 0:
		for _, a := range t.and {
			if !a.kindMatches(n) {
				return false
			}
		}
		return true
	case len(t.or) > 0:
		for _, a := range t.or {
			if a.kindMatches(n) {
				return true
			}
		}
		return false
	}
	return kindAllows(t.kind, n)
}

// alternatives describes a disjunction: `one of "a", "b" or …`.
func (t *Type) alternatives() string {
	var lits, others []string
	for _, alt := range t.or {
		switch {
		case alt.isLit:
			lits = append(lits, showLit(alt.lit))
		case alt.Desc != "":
			others = append(others, alt.Desc)
		case alt.re != nil:
			others = append(others, "a string matching "+alt.re.String())
		case alt.elem != nil:
			others = append(others, "a list")
		default:
			others = append(others, kindName(alt.kind))
		}
	}
	var parts []string
	if len(lits) > 0 {
		parts = append(parts, "one of "+strings.Join(lits, ", "))
	}
	parts = append(parts, others...)
	return strings.Join(parts, " or ")
}

func (t *Type) suggest(key string) string {
	best, bestDist := "", 3
	for _, f := range t.order {
		if d := editDistance(key, f); d < bestDist {
			best, bestDist = f, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	if len(a) > 256 || len(b) > 256 {
		return math.MaxInt // a key that long is no typo of a field name
	}
	return suggest.Distance(a, b)
}

func (b *bound) holds(x float64) bool {
	switch b.op {
	case cue.LessThanOp:
		return x < b.val
	case cue.LessThanEqualOp:
		return x <= b.val
	case cue.GreaterThanOp:
		return x > b.val
	case cue.GreaterThanEqualOp:
		return x >= b.val
	}
	return false
}

func (b *bound) String() string {
	return fmt.Sprintf("%s %s", b.op, strconv.FormatFloat(b.val, 'f', -1, 64))
}

func kindAllows(k cue.Kind, n *tree.Node) bool {
	if k == cue.TopKind {
		return true
	}
	switch n.Kind {
	case tree.Null:
		return k&cue.NullKind != 0
	case tree.Bool:
		return k&cue.BoolKind != 0
	case tree.Number:
		if k&cue.FloatKind != 0 {
			return true
		}
		return k&cue.IntKind != 0 && n.IsInt
	case tree.String:
		return k&cue.StringKind != 0
	case tree.Map:
		return k&cue.StructKind != 0
	case tree.List:
		return k&cue.ListKind != 0
	}
	return false
}

func kindName(k cue.Kind) string {
	var names []string
	for _, c := range []struct {
		k    cue.Kind
		name string
	}{{cue.StructKind, "a mapping"}, {cue.ListKind, "a list"}, {cue.StringKind, "a string"},
		{cue.NumberKind, "a number"}, {cue.IntKind, "an integer"}, {cue.BoolKind, "a boolean"}, {cue.NullKind, "null"}} {
		if k&c.k == c.k {
			names = append(names, c.name)
			k &^= c.k
		}
	}
	sort.Strings(names)
	return strings.Join(names, " or ")
}

func kindOf(n *tree.Node) string {
	if n.Kind == tree.Number && !n.IsInt {
		return "a number with a fraction"
	}
	return n.Kind.String()
}

func litEqual(lit any, n *tree.Node) bool {
	switch l := lit.(type) {
	case string:
		return n.Kind == tree.String && n.Str == l
	case float64:
		return n.Kind == tree.Number && n.Num == l
	case bool:
		return n.Kind == tree.Bool && n.Bool == l
	case nil:
		return n.Kind == tree.Null
	}
	return false
}

func showLit(lit any) string {
	switch l := lit.(type) {
	case string:
		return l
	case nil:
		return "null"
	}
	return fmt.Sprint(lit)
}

// show renders a value for a message, short and quoted.
func show(n *tree.Node) string {
	switch n.Kind {
	case tree.String:
		return strconv.Quote(truncate(n.Str, 40))
	case tree.Map, tree.List, tree.Null:
		return n.Kind.String()
	}
	return truncate(n.Str, 40)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// KindNames are the names of kinds, and the prefix of a list of allowed
// values, which reach messages as arguments: texts to translate.
var KindNames = []string{"a mapping", "a list", "a string", "a number", "an integer", "a boolean", "null",
	"a number with a fraction", "one of "}
