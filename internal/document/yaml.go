package document

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kpilint/kpilint/internal/libyaml"
	"github.com/kpilint/kpilint/internal/tree"
)

// parseYAML reads every document of a YAML stream. kpilint's tree is built
// straight from the parser's events (internal/libyaml, the scanner and
// parser of go.yaml.in/yaml/v3), with no tree of the library's in between.
// Aliases and merge keys are expanded here, so that the node budget covers
// both.
//
// A file written in the part of YAML catalogues use is read by the fast
// path (yaml_fast.go) instead of libyaml; if the fast path gives up, or the
// composer finds anything wrong in its events but an exhausted budget,
// libyaml reads the file from the start, so every verdict and message is
// libyaml's.
func parseYAML(data []byte, lim Limits) ([]*tree.Node, *ParseError) {
	return parseYAMLOutline(data, lim, nil, nil)
}

// parseYAMLOutline is parseYAML, but for a file the fast path reads, the
// values of an element's keys other than keep are skipped (see
// ParseOutline) when keep is not nil.
func parseYAMLOutline(data []byte, lim Limits, keep []string, a *Arena) ([]*tree.Node, *ParseError) {
	queue := eventQueues.Get().(*[]fastEvent)
	events, texts, ok := scanPlainYAML(data, *queue, lim)
	if cap(events) <= maxPooledEvents {
		*queue = events[:0]
		defer eventQueues.Put(queue)
	}
	if ok {
		f := &fastEvents{data: data, events: events, texts: texts, keys: a.keys()}
		c := newComposer(f, lim, a)
		if keep != nil {
			c.outline, c.keep = f, keep
		}
		docs, err := c.documents()
		// A file over the values budget fails on libyaml's events as on
		// these (they are the same: the fast path read the whole file) at
		// the same value, after building as many values again: its error
		// stands. Any other error is left to libyaml to say.
		if err == nil || c.nodes > lim.MaxNodes {
			return docs, err
		}
	}
	return newComposer(libyaml.NewParser(data), lim, a).documents()
}

// eventSource is libyaml's parser or the fast path's events.
type eventSource interface {
	Next() (libyaml.Event, *libyaml.Error)
}

// compose builds the documents of a stream from its events.
func compose(events eventSource, lim Limits) ([]*tree.Node, *ParseError) {
	return newComposer(events, lim, nil).documents()
}

// newComposer composes events into a tree whose values come from a (when
// not nil).
func newComposer(events eventSource, lim Limits, a *Arena) *yamlComposer {
	c := &yamlComposer{p: events, lim: lim}
	c.treeBlocks = a.blocks()
	return c
}

func (c *yamlComposer) documents() ([]*tree.Node, *ParseError) {
	var docs []*tree.Node
	for {
		ev, err := c.next()
		if err != nil {
			return nil, err
		}
		switch ev.Kind {
		case libyaml.StreamStart, libyaml.DocumentEnd:
			continue
		case libyaml.StreamEnd:
			return docs, nil
		case libyaml.DocumentStart:
			ev, err = c.next()
			if err != nil {
				return nil, err
			}
			n, err := c.node(ev, 0)
			if err != nil {
				return nil, err
			}
			if n.Kind != tree.Null {
				docs = append(docs, n)
			}
		default:
			return nil, perr(tree.Pos{Line: ev.Line, Col: ev.Col}, "invalid YAML: unexpected %s", ev.Kind)
		}
	}
}

type yamlComposer struct {
	p   eventSource
	lim Limits
	// outline, when set, is the fast path's events, read to skip the
	// values of an element's keys other than keep (ParseOutline).
	outline *fastEvents
	keep    []string
	// nodes counts the values built, aliases and merges at full size.
	nodes int
	// deepest is the greatest depth reached so far in the current anchor.
	deepest int
	// nodes and entries are handed out from slabs: one allocation per few
	// hundred values instead of one per value.
	treeBlocks
	entries stack[*tree.Entry]
	items   stack[*tree.Node]
	// anchors holds each anchored value once built: aliases and merge keys
	// reuse it and add its size to the budget, so expansion costs no
	// memory and a bomb is rejected as soon as its size passes the limit.
	// An anchor is in the map (with a nil node) while its value is being
	// built, so an alias inside it is caught. As in the library, an anchor
	// stays defined for the rest of the stream and a later one of the same
	// name replaces it.
	anchors map[string]anchored
}

type anchored struct {
	node         *tree.Node
	size, height int
}

// next returns the next event, skipping the comment events the parser
// interleaves in block mappings.
func (c *yamlComposer) next() (libyaml.Event, *ParseError) {
	for {
		ev, err := c.p.Next()
		if err != nil {
			return ev, perr(tree.Pos{Line: err.Line, Col: err.Col}, "invalid YAML: %s", Truncate(err.Msg, maxMessage))
		}
		if ev.Kind != libyaml.TailComment {
			return ev, nil
		}
	}
}

func (c *yamlComposer) count(pos tree.Pos, depth int) *ParseError {
	c.nodes++
	if c.nodes > c.lim.MaxNodes {
		return perr(pos, "file expands to more than %d values (aliases and merge keys included); kpilint stops here", c.lim.MaxNodes)
	}
	if depth > c.lim.MaxDepth {
		return perr(pos, "values are nested more than %d levels deep", c.lim.MaxDepth)
	}
	return nil
}

// bytesPerValue is how many bytes of text weigh as much as one value in the
// budget: the rules read text, so an alias of a long string is not one
// value but all of its text again (a 900 KB file of aliases to a long
// string took 87 s when the budget counted values only).
const bytesPerValue = 64

// weigh adds the weight of n bytes of text to the budget.
func (c *yamlComposer) weigh(pos tree.Pos, n int) *ParseError {
	c.nodes += n / bytesPerValue
	if c.nodes > c.lim.MaxNodes {
		return perr(pos, "file expands to more than %d values (aliases and merge keys included; every %d bytes of text count as one); kpilint stops here", c.lim.MaxNodes, bytesPerValue)
	}
	return nil
}

// node builds the value that starts with ev.
func (c *yamlComposer) node(ev libyaml.Event, depth int) (*tree.Node, *ParseError) {
	pos := tree.Pos{Line: ev.Line, Col: ev.Col}
	if ev.Kind == libyaml.Alias {
		return c.alias(ev, pos, depth)
	}
	if ev.Anchor == "" {
		return c.value(ev, pos, depth)
	}
	if c.anchors == nil {
		c.anchors = map[string]anchored{}
	}
	name := ev.Anchor
	c.anchors[name] = anchored{}
	start, outer := c.nodes, c.deepest
	c.deepest = depth
	out, err := c.value(ev, pos, depth)
	if err != nil {
		return nil, err
	}
	c.anchors[name] = anchored{node: out, size: c.nodes - start, height: c.deepest - depth}
	c.deepest = max(outer, c.deepest)
	return out, nil
}

func (c *yamlComposer) alias(ev libyaml.Event, pos tree.Pos, depth int) (*tree.Node, *ParseError) {
	a, ok := c.anchors[ev.Anchor]
	switch {
	case !ok:
		return nil, perr(pos, "invalid YAML: unknown anchor %q referenced", Truncate(ev.Anchor, 40))
	case a.node == nil:
		// The library accepts this and builds a value that contains itself;
		// a catalogue has no use for one.
		return nil, perr(pos, "alias %q is used inside the value it names; a value cannot contain itself", Truncate(ev.Anchor, 40))
	}
	c.nodes += a.size
	if c.nodes > c.lim.MaxNodes || depth+a.height > c.lim.MaxDepth {
		return nil, c.count(pos, depth+a.height)
	}
	c.deepest = max(c.deepest, depth+a.height)
	return a.node, nil
}

func (c *yamlComposer) value(ev libyaml.Event, pos tree.Pos, depth int) (*tree.Node, *ParseError) {
	if err := c.count(pos, depth); err != nil {
		return nil, err
	}
	c.deepest = max(c.deepest, depth)
	out := c.nodeSlab.next()
	out.Pos, out.EndLine = pos, pos.Line
	switch ev.Kind {
	case libyaml.MappingStart:
		out.Kind = tree.Map
		return out, c.mapping(out, depth)
	case libyaml.SequenceStart:
		out.Kind = tree.List
		base := len(c.items)
		for {
			ev, err := c.next()
			if err != nil {
				return nil, err
			}
			if ev.Kind == libyaml.SequenceEnd {
				out.Items = c.items.take(base, c.nodeLists)
				return out, nil
			}
			v, err := c.node(ev, depth+1)
			if err != nil {
				return nil, err
			}
			c.items = append(c.items, v)
			out.EndLine = max(out.EndLine, v.EndLine)
		}
	case libyaml.Scalar:
		if err := c.weigh(pos, len(ev.Value)); err != nil {
			return nil, err
		}
		scalar(scalarTag(ev), ev.Value, out)
		return out, nil
	}
	return nil, perr(pos, "invalid YAML: unexpected %s", ev.Kind)
}

// scalarTag is the tag of a scalar as the library decides it: an explicit
// tag wins; quoted and block scalars are strings; a plain `<<` is a merge
// key; any other plain scalar is resolved from its text.
func scalarTag(ev libyaml.Event) string {
	switch {
	case ev.Tag != "" && ev.Tag != "!":
		return libyaml.ShortTag(ev.Tag)
	case !ev.Plain:
		return "!!str"
	case ev.Value == "<<":
		return "!!merge"
	}
	return libyaml.Resolve(ev.Value)
}

// mapping builds the entries of a mapping up to its end, resolving merge
// keys (`<<`): keys written in the mapping win over merged ones, earlier
// merged mappings over later ones.
func (c *yamlComposer) mapping(out *tree.Node, depth int) *ParseError {
	// Duplicate keys: a linear scan for the usual small mapping, a map for
	// big ones (a hostile file with 40,000 keys stays linear).
	var seen map[string]bool
	base := len(c.entries)
	has := func(key string) bool {
		if seen != nil {
			return seen[key]
		}
		for _, e := range c.entries[base:] {
			if e.Key == key {
				return true
			}
		}
		return false
	}
	type mergeValue struct {
		node *tree.Node
		pos  tree.Pos // where the value is written (an alias: the alias)
	}
	var merges []mergeValue
	for {
		k, err := c.next()
		if err != nil {
			return err
		}
		if k.Kind == libyaml.MappingEnd {
			break
		}
		kpos := tree.Pos{Line: k.Line, Col: k.Col}
		if k.Kind != libyaml.Scalar {
			return perr(kpos, "mapping keys must be plain strings")
		}
		if err := c.weigh(kpos, len(k.Value)); err != nil {
			return err
		}
		if k.Anchor != "" {
			// An anchored key (`&a name: …`) can be named by an alias later.
			if _, err := c.node(k, depth+1); err != nil {
				return err
			}
		}
		// An element's value the outline skips is checked on the fast
		// path's events without being built (yaml_fast.go).
		skim := c.outline != nil && depth == elementDepth && k.Value != "<<" && !slices.Contains(c.keep, k.Value)
		var v libyaml.Event
		if !skim {
			if v, err = c.next(); err != nil {
				return err
			}
		}
		if !skim && scalarTag(k) == "!!merge" {
			m, err := c.node(v, depth)
			if err != nil {
				return err
			}
			merges = append(merges, mergeValue{m, tree.Pos{Line: v.Line, Col: v.Col}})
			continue
		}
		if has(k.Value) {
			return perr(kpos, "duplicate key %q", Truncate(k.Value, 60))
		}
		if seen == nil && len(c.entries)-base == 16 {
			seen = make(map[string]bool, 64)
			for _, e := range c.entries[base:] {
				seen[e.Key] = true
			}
		}
		if seen != nil {
			seen[k.Value] = true
		}
		var val *tree.Node
		if skim {
			val, err = c.skip(depth + 1)
		} else {
			val, err = c.node(v, depth+1)
		}
		if err != nil {
			return err
		}
		e := c.entrySlab.next()
		e.Key, e.KeyPos, e.Value = k.Value, kpos, val
		c.entries = append(c.entries, e)
		out.EndLine = max(out.EndLine, val.EndLine)
	}
	out.Entries = c.entries.take(base, c.entryLists)
	if len(merges) > 0 && seen == nil {
		seen = make(map[string]bool, len(out.Entries))
		for _, e := range out.Entries {
			seen[e.Key] = true
		}
	}
	for _, m := range merges {
		if err := merge(m.node, m.pos, out, seen); err != nil {
			return err
		}
	}
	return nil
}

// merge adds the entries of m (a mapping, or a list of mappings), written
// at pos, that out does not have yet.
func merge(m *tree.Node, pos tree.Pos, out *tree.Node, seen map[string]bool) *ParseError {
	sources := []*tree.Node{m}
	if m.Kind == tree.List {
		sources = m.Items
	}
	for _, src := range sources {
		if src.Kind != tree.Map {
			if m.Kind == tree.List {
				pos = src.Pos
			}
			return perr(pos, "a merge key (<<) must name a mapping or a list of mappings")
		}
		for _, e := range src.Entries {
			if !seen[e.Key] {
				seen[e.Key] = true
				out.Entries = append(out.Entries, e)
			}
		}
	}
	return nil
}

// scalar sets out from a scalar's resolved tag and text. Timestamps stay
// strings: an unquoted `2026-06-30` is a date in the catalogue format.
func scalar(tag, value string, out *tree.Node) {
	out.Str = value
	switch tag {
	case "!!null":
		out.Kind = tree.Null
	case "!!bool":
		out.Kind = tree.Bool
		out.Bool = strings.EqualFold(value, "true")
	case "!!int":
		out.Kind = tree.Number
		out.IsInt = true
		clean := strings.ReplaceAll(value, "_", "")
		if i, err := strconv.ParseInt(clean, 0, 64); err == nil {
			out.Num = float64(i)
		} else if f, err := strconv.ParseFloat(clean, 64); err == nil {
			out.Num = f
		} else {
			out.Kind = tree.String
		}
	case "!!float":
		out.Kind = tree.Number
		switch strings.ToLower(strings.TrimLeft(value, "+-")) {
		case ".inf":
			out.Num = math.Inf(1)
			if strings.HasPrefix(value, "-") {
				out.Num = math.Inf(-1)
			}
		case ".nan":
			out.Num = math.NaN()
		default:
			f, err := strconv.ParseFloat(strings.ReplaceAll(value, "_", ""), 64)
			if err != nil {
				out.Kind = tree.String
			}
			out.Num = f
		}
	default:
		out.Kind = tree.String
		if strings.Contains(value, "\n") {
			out.EndLine = out.Pos.Line + strings.Count(value, "\n")
		}
	}
}
