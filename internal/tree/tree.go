// Package tree is the format-neutral document tree that YAML, JSON and CUE
// files are parsed into. Every node keeps the position of its key and its
// value, so a finding can point at exactly what is wrong.
package tree

import "strconv"

// Kind is the type of a node's value.
type Kind int

// The kinds of node.
const (
	Null Kind = iota
	Bool
	Number
	String
	Map
	List
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "a boolean"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Map:
		return "a mapping"
	case List:
		return "a list"
	}
	return "kind " + strconv.Itoa(int(k))
}

// Pos is a 1-based position: line and column, the column counted in
// characters (not bytes).
type Pos struct {
	Line int
	Col  int
}

// IsValid reports whether p was set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Node is one value in a document.
type Node struct {
	Kind Kind
	Pos  Pos // where the value starts
	// EndLine is the last line the value (with everything inside it) occupies.
	EndLine int

	Str   string  // String: the text; Number, Bool: the literal as written
	Num   float64 // Number
	IsInt bool    // Number written without fraction or exponent
	Bool  bool    // Bool

	Entries []*Entry // Map, in source order
	Items   []*Node  // List
}

// Entry is one key of a mapping and its value.
type Entry struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Get returns the value under key, or nil.
func (n *Node) Get(key string) *Node {
	if e := n.Entry(key); e != nil {
		return e.Value
	}
	return nil
}

// Entry returns the entry for key, or nil. It is nil-safe.
func (n *Node) Entry(key string) *Entry {
	if n == nil || n.Kind != Map {
		return nil
	}
	for _, e := range n.Entries {
		if e.Key == key {
			return e
		}
	}
	return nil
}

// Anchor is where a finding about this node as a whole points: for a mapping,
// its first key (for a block-style list item, the line of `- id: …`); for
// anything else, the value itself.
func (n *Node) Anchor() Pos {
	if n == nil {
		return Pos{}
	}
	if n.Kind == Map && len(n.Entries) > 0 {
		return n.Entries[0].KeyPos
	}
	return n.Pos
}

// AnchorWidth is the width in characters of what Anchor points at.
func (n *Node) AnchorWidth() int {
	if n == nil {
		return 0
	}
	if n.Kind == Map && len(n.Entries) > 0 {
		return len([]rune(n.Entries[0].Key))
	}
	if n.Kind == String || n.Kind == Number || n.Kind == Bool {
		return len([]rune(n.Str))
	}
	return 1
}

// StringValue returns the text of a String node and whether it was one.
func (n *Node) StringValue() (string, bool) {
	if n == nil || n.Kind != String {
		return "", false
	}
	return n.Str, true
}

// NumberValue returns the value of a Number node and whether it was one.
func (n *Node) NumberValue() (float64, bool) {
	if n == nil || n.Kind != Number {
		return 0, false
	}
	return n.Num, true
}

// Interface converts the tree to plain Go values (map[string]any, []any,
// string, float64 or int64, bool, nil), for encoders.
func (n *Node) Interface() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Bool:
		return n.Bool
	case Number:
		if n.IsInt && n.Num == float64(int64(n.Num)) {
			return int64(n.Num)
		}
		return n.Num
	case String:
		return n.Str
	case Map:
		m := make(map[string]any, len(n.Entries))
		for _, e := range n.Entries {
			m[e.Key] = e.Value.Interface()
		}
		return m
	case List:
		l := make([]any, len(n.Items))
		for i, it := range n.Items {
			l[i] = it.Interface()
		}
		return l
	}
	return nil
}
