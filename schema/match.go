package schema

import (
	"encoding/base64"
	"encoding/binary"
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode/utf8"
)

// pattern is a regular expression of the schema (=~"…"). Text in ASCII —
// ids, dates, levels, units: nearly every value a catalogue checks — is
// matched by a DFA built from the expression when it is (every pattern of
// kpi.cue is); anything else by the regexp package. The schema's patterns
// were a tenth of a JSON lint's work in the regexp package, whose
// matcher starts up for each call (FuzzPatternAgreesWithRegexp holds the
// two to the same answers).
//
// A pattern of the snapshot (snapshot.go) carries its DFA, encoded; the
// regexp package compiles an expression only when text beyond ASCII, or
// an expression without a DFA, needs it.
type pattern struct {
	expr string
	// snapshot: the DFA is dfaCode, as encodeDFA wrote it ("" for none);
	// otherwise it is built from expr when first needed.
	snapshot bool
	dfaCode  string
	dfaOnce  sync.Once
	dfa      *asciiDFA
	reOnce   sync.Once
	re       *regexp.Regexp
}

func compilePattern(expr string) (*pattern, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	p := &pattern{expr: expr}
	p.reOnce.Do(func() { p.re = re })
	return p, nil
}

// newPattern is the pattern of an expression known to compile (the
// snapshot's, written from compiled ones) with its DFA as encodeDFA wrote
// it ("" for none): decoding it is a copy, building it took a millisecond
// of a small run's start for the schema's dozen patterns.
func newPattern(expr, dfaCode string) *pattern {
	return &pattern{expr: expr, snapshot: true, dfaCode: dfaCode}
}

// automaton is the pattern's DFA, or nil when it has none.
func (p *pattern) automaton() *asciiDFA {
	p.dfaOnce.Do(func() {
		if p.snapshot {
			p.dfa = decodeDFA(p.dfaCode)
		} else {
			p.dfa = buildDFA(p.expr)
		}
	})
	return p.dfa
}

// regexp is the pattern compiled by the regexp package, which only text
// beyond ASCII and expressions without a DFA need.
func (p *pattern) regexp() *regexp.Regexp {
	p.reOnce.Do(func() { p.re = regexp.MustCompile(p.expr) })
	return p.re
}

// MatchString reports whether s contains a match of the expression, as
// regexp.MatchString does.
func (p *pattern) MatchString(s string) bool {
	if d := p.automaton(); d != nil {
		if m, ok := d.match(s); ok {
			return m
		}
	}
	return p.regexp().MatchString(s)
}

func (p *pattern) String() string { return p.expr }

// asciiDFA is an expression's automaton over ASCII bytes: state 0 is the
// start; next[s*128+c] is the state after byte c, or dead.
type asciiDFA struct {
	next []int32
	// found: a match ends in this state (whatever follows);
	// atEnd: a match ends here if the text ends here.
	found, atEnd []bool
}

const (
	dead         = -1
	maxDFAStates = 512
)

// match reports whether s contains a match; ok is false for text beyond
// ASCII, which the DFA does not read.
func (d *asciiDFA) match(s string) (matched, ok bool) {
	st := int32(0)
	for i := 0; i < len(s); i++ {
		if d.found[st] {
			return true, true
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			return false, false
		}
		st = d.next[int(st)*128+int(c)]
		if st == dead {
			return false, true
		}
	}
	return d.found[st] || d.atEnd[st], true
}

// buildDFA is the expression's DFA, or nil when it uses what the DFA does
// not model (assertions other than ^ and $ at the text's ends, such as
// \b or multi-line anchors) or has too many states.
func buildDFA(expr string) *asciiDFA {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	b := dfaBuilder{prog: prog, index: map[string]int32{}, after: map[uint32][]uint32{}}
	b.classes()
	// An unanchored search: the expression may start at any byte, so
	// every state but the first also holds the start (not at the text's
	// beginning, where ^ holds).
	pc := uint32(prog.Start) //nolint:gosec // an instruction's index, as syntax.Inst.Out holds them
	start, ok := b.closure(nil, pc, true, false)
	if !ok {
		return nil
	}
	if b.restart, ok = b.closure(nil, pc, false, false); !ok {
		return nil
	}
	if _, ok := b.state(start); !ok {
		return nil
	}
	for s := 0; s < len(b.sets); s++ {
		row := make([]int32, len(b.reps))
		for class, c := range b.reps {
			next, ok := b.step(b.sets[s], c)
			if !ok {
				return nil
			}
			st, ok := b.state(next)
			if !ok || st >= maxDFAStates {
				return nil
			}
			row[class] = st
		}
		for c := range 128 {
			b.d.next[s*128+c] = row[b.class[c]]
		}
	}
	return &b.d
}

type dfaBuilder struct {
	prog  *syntax.Prog
	sets  [][]uint32 // the instructions of each state, sorted
	index map[string]int32
	// after holds the closure after each rune instruction (not at the
	// text's beginning).
	after   map[uint32][]uint32
	restart []uint32
	// class[c] is byte c's class: bytes of a class match the same rune
	// instructions, so the states step on one of each (reps).
	class [128]int
	reps  []rune
	d     asciiDFA
}

// classes sorts the ASCII bytes into classes by the rune instructions
// they match.
func (b *dfaBuilder) classes() {
	var runes []*syntax.Inst
	for pc := range b.prog.Inst {
		switch inst := &b.prog.Inst[pc]; inst.Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			runes = append(runes, inst)
		}
	}
	seen := map[string]int{}
	sig := make([]byte, len(runes))
	for c := range rune(128) {
		for i, inst := range runes {
			sig[i] = 0
			if inst.MatchRune(c) {
				sig[i] = 1
			}
		}
		class, ok := seen[string(sig)]
		if !ok {
			class = len(b.reps)
			seen[string(sig)] = class
			b.reps = append(b.reps, c)
		}
		b.class[c] = class
	}
}

// state is the number of the state of instructions set (sorted), made
// when new; an empty set is dead.
func (b *dfaBuilder) state(set []uint32) (int32, bool) {
	if len(set) == 0 {
		return dead, true
	}
	key := make([]byte, 0, 4*len(set))
	for _, pc := range set {
		key = binary.LittleEndian.AppendUint32(key, pc)
	}
	if st, ok := b.index[string(key)]; ok {
		return st, true
	}
	st := int32(len(b.sets)) //nolint:gosec // at most maxDFAStates+1
	b.index[string(key)] = st
	b.sets = append(b.sets, set)
	b.d.next = append(b.d.next, make([]int32, 128)...)
	found, atEnd := false, false
	for _, pc := range set {
		switch inst := b.prog.Inst[pc]; inst.Op {
		case syntax.InstMatch:
			found = true
		case syntax.InstEmptyWidth: // $: the text ends here
			after, ok := b.closure(nil, inst.Out, false, true)
			if !ok {
				return 0, false
			}
			atEnd = atEnd || slices.ContainsFunc(after, func(pc uint32) bool { return b.prog.Inst[pc].Op == syntax.InstMatch })
		}
	}
	b.d.found = append(b.d.found, found)
	b.d.atEnd = append(b.d.atEnd, atEnd)
	return st, true
}

// step is the set after rune c from set.
func (b *dfaBuilder) step(set []uint32, c rune) ([]uint32, bool) {
	var next []uint32
	for _, pc := range set {
		inst := b.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if !inst.MatchRune(c) {
				continue
			}
			after, ok := b.after[pc]
			if !ok {
				if after, ok = b.closure(nil, inst.Out, false, false); !ok {
					return nil, false
				}
				b.after[pc] = after
			}
			next = append(next, after...)
		}
	}
	next = append(next, b.restart...)
	slices.Sort(next)
	return slices.Compact(next), true
}

// closure adds to set the instructions reachable from pc without reading
// a rune, keeping the rune, match and pending $ instructions; begin says
// whether this is the text's beginning (^ holds), end whether it is its
// end ($ holds; ^ then fails the closure, as it holds there only in an
// empty text). It fails on an assertion the DFA does not model.
func (b *dfaBuilder) closure(set []uint32, pc uint32, begin, end bool) ([]uint32, bool) {
	stack := []uint32{pc}
	seen := make([]bool, len(b.prog.Inst))
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		inst := b.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, inst.Arg, inst.Out)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, inst.Out)
		case syntax.InstFail:
		case syntax.InstEmptyWidth:
			switch syntax.EmptyOp(inst.Arg) { //nolint:gosec // syntax.Compile stores an EmptyOp in Arg
			case syntax.EmptyBeginText:
				if end {
					return nil, false
				}
				if begin {
					stack = append(stack, inst.Out)
				}
			case syntax.EmptyEndText:
				if end {
					stack = append(stack, inst.Out)
				} else {
					set = append(set, pc) // holds only where the text ends
				}
			default:
				return nil, false
			}
		default: // runes and match
			set = append(set, pc)
		}
	}
	slices.Sort(set)
	return slices.Compact(set), true
}

// encodeDFA writes a DFA as the snapshot carries it, in base64: the class
// of each ASCII byte (bytes whose columns of the table agree share one),
// then per state a flag byte (1 found, 2 atEnd) and, per class, the next
// state plus one as two bytes, little-endian. "" for nil.
func encodeDFA(d *asciiDFA) string {
	if d == nil {
		return ""
	}
	states := len(d.found)
	var class [128]byte
	var reps []int           // a byte of each class
	var columns [128][]int32 // byte c's next states, state by state
	for c := range 128 {
		columns[c] = make([]int32, states)
		for s := range states {
			columns[c][s] = d.next[s*128+c]
		}
		k := slices.IndexFunc(reps, func(r int) bool { return slices.Equal(columns[c], columns[r]) })
		if k < 0 {
			k = len(reps)
			reps = append(reps, c)
		}
		class[c] = byte(k) //nolint:gosec // at most 128 classes
	}
	out := append([]byte(nil), class[:]...)
	for s := range states {
		flags := byte(0)
		if d.found[s] {
			flags |= 1
		}
		if d.atEnd[s] {
			flags |= 2
		}
		out = append(out, flags)
		for _, r := range reps {
			out = binary.LittleEndian.AppendUint16(out, uint16(d.next[s*128+r]+1)) //nolint:gosec // a state < maxDFAStates, or dead
		}
	}
	return base64.StdEncoding.EncodeToString(out)
}

// decodeDFA reads what encodeDFA wrote; nil for "" (or for text it did
// not write: the regexp package then answers).
func decodeDFA(code string) *asciiDFA {
	data, err := base64.StdEncoding.DecodeString(code)
	if err != nil || len(data) < 128 {
		return nil
	}
	class, rows := data[:128], data[128:]
	k := int(slices.Max(class)) + 1
	if len(rows)%(1+2*k) != 0 || len(rows) == 0 {
		return nil
	}
	states := len(rows) / (1 + 2*k)
	d := &asciiDFA{next: make([]int32, states*128), found: make([]bool, states), atEnd: make([]bool, states)}
	for s := range states {
		row := rows[s*(1+2*k):]
		d.found[s], d.atEnd[s] = row[0]&1 != 0, row[0]&2 != 0
		for c := range 128 {
			next := int32(binary.LittleEndian.Uint16(row[1+2*int(class[c]):])) - 1
			if next >= int32(states) { //nolint:gosec // states ≤ len(code)
				return nil
			}
			d.next[s*128+c] = next
		}
	}
	return d
}
