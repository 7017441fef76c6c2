package load

import (
	"bytes"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kpilint/kpilint/internal/tree"
)

// parseYAML reads every document of a YAML stream. Aliases and merge keys
// are expanded here, not by the YAML library, so that the node budget covers
// both (merge keys bypass the library's own alias limit).
func parseYAML(data []byte, lim Limits) ([]*tree.Node, *ParseError) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	c := &yamlConverter{lim: lim}
	var docs []*tree.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, yamlError(err)
		}
		n, perr := c.convert(&doc, 0)
		if perr != nil {
			return nil, perr
		}
		if n != nil && n.Kind != tree.Null {
			docs = append(docs, n)
		}
	}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlError(err error) *ParseError {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return perr(tree.Pos{Line: line, Col: 1}, "invalid YAML: %s", Truncate(m[2], maxMessage))
	}
	return perr(tree.Pos{Line: 1, Col: 1}, "invalid YAML: %s", Truncate(strings.TrimPrefix(msg, "yaml: "), maxMessage))
}

type yamlConverter struct {
	lim   Limits
	nodes int // values converted, aliases and merges counted at full size
	// deepest is the greatest depth reached so far in the current anchor.
	deepest int
	// nodes and entries are handed out from slabs: one allocation per few
	// hundred values instead of one per value.
	nodeSlab  []tree.Node
	entrySlab []tree.Entry
	// anchors holds each anchored node once converted: aliases and merge
	// keys reuse it and add its size to the budget, so expansion costs no
	// memory and a bomb is rejected as soon as its size passes the limit.
	anchors map[*yaml.Node]anchored
}

type anchored struct {
	node         *tree.Node
	size, height int
}

const slabSize = 256

func (c *yamlConverter) newNode() *tree.Node {
	if len(c.nodeSlab) == 0 {
		c.nodeSlab = make([]tree.Node, slabSize)
	}
	n := &c.nodeSlab[0]
	c.nodeSlab = c.nodeSlab[1:]
	return n
}

func (c *yamlConverter) newEntry() *tree.Entry {
	if len(c.entrySlab) == 0 {
		c.entrySlab = make([]tree.Entry, slabSize)
	}
	e := &c.entrySlab[0]
	c.entrySlab = c.entrySlab[1:]
	return e
}

func (c *yamlConverter) count(n *yaml.Node, depth int) *ParseError {
	c.nodes++
	if c.nodes > c.lim.MaxNodes {
		return perr(tree.Pos{Line: n.Line, Col: n.Column}, "file expands to more than %d values (aliases and merge keys included); kpilint stops here", c.lim.MaxNodes)
	}
	if depth > c.lim.MaxDepth {
		return perr(tree.Pos{Line: n.Line, Col: n.Column}, "values are nested more than %d levels deep", c.lim.MaxDepth)
	}
	return nil
}

func (c *yamlConverter) convert(n *yaml.Node, depth int) (*tree.Node, *ParseError) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.convert(n.Content[0], depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, perr(tree.Pos{Line: n.Line, Col: n.Column}, "unknown alias %s", Truncate(n.Value, 40))
		}
		return c.convert(n.Alias, depth)
	}
	if n.Anchor != "" {
		return c.convertAnchored(n, depth)
	}
	return c.convertNode(n, depth)
}

func (c *yamlConverter) convertAnchored(n *yaml.Node, depth int) (*tree.Node, *ParseError) {
	if a, ok := c.anchors[n]; ok {
		c.nodes += a.size
		if c.nodes > c.lim.MaxNodes || depth+a.height > c.lim.MaxDepth {
			return nil, c.count(n, depth+a.height)
		}
		c.deepest = max(c.deepest, depth+a.height)
		return a.node, nil
	}
	start, outer := c.nodes, c.deepest
	c.deepest = depth
	out, err := c.convertNode(n, depth)
	if err != nil {
		return nil, err
	}
	if c.anchors == nil {
		c.anchors = map[*yaml.Node]anchored{}
	}
	c.anchors[n] = anchored{node: out, size: c.nodes - start, height: c.deepest - depth}
	c.deepest = max(outer, c.deepest)
	return out, nil
}

func (c *yamlConverter) convertNode(n *yaml.Node, depth int) (*tree.Node, *ParseError) {
	if err := c.count(n, depth); err != nil {
		return nil, err
	}
	c.deepest = max(c.deepest, depth)
	out := c.newNode()
	out.Pos, out.EndLine = tree.Pos{Line: n.Line, Col: n.Column}, n.Line
	switch n.Kind {
	case yaml.MappingNode:
		out.Kind = tree.Map
		if err := c.mapping(n, out, depth); err != nil {
			return nil, err
		}
	case yaml.SequenceNode:
		out.Kind = tree.List
		out.Items = make([]*tree.Node, 0, len(n.Content))
		for _, item := range n.Content {
			v, err := c.convert(item, depth+1)
			if err != nil {
				return nil, err
			}
			out.Items = append(out.Items, v)
			out.EndLine = max(out.EndLine, v.EndLine)
		}
	case yaml.ScalarNode:
		scalar(n, out)
	}
	return out, nil
}

// mapping converts a mapping, resolving merge keys (`<<`): keys written in
// the mapping win over merged ones, earlier merged mappings over later ones.
func (c *yamlConverter) mapping(n *yaml.Node, out *tree.Node, depth int) *ParseError {
	out.Entries = make([]*tree.Entry, 0, len(n.Content)/2)
	// Duplicate keys: a linear scan for the usual small mapping, a map for
	// big ones (a hostile file with 40,000 keys stays linear).
	var seen map[string]bool
	if len(n.Content)/2 > 16 {
		seen = make(map[string]bool, len(n.Content)/2)
	}
	has := func(key string) bool {
		if seen != nil {
			return seen[key]
		}
		for _, e := range out.Entries {
			if e.Key == key {
				return true
			}
		}
		return false
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			return perr(tree.Pos{Line: k.Line, Col: k.Column}, "mapping keys must be plain strings")
		}
		if has(k.Value) {
			return perr(tree.Pos{Line: k.Line, Col: k.Column}, "duplicate key %q", Truncate(k.Value, 60))
		}
		if seen != nil {
			seen[k.Value] = true
		}
		val, err := c.convert(v, depth+1)
		if err != nil {
			return err
		}
		e := c.newEntry()
		e.Key, e.KeyPos, e.Value = k.Value, tree.Pos{Line: k.Line, Col: k.Column}, val
		out.Entries = append(out.Entries, e)
		out.EndLine = max(out.EndLine, val.EndLine)
	}
	if len(merges) > 0 && seen == nil {
		seen = make(map[string]bool, len(out.Entries))
		for _, e := range out.Entries {
			seen[e.Key] = true
		}
	}
	for _, m := range merges {
		if err := c.merge(m, out, seen, depth); err != nil {
			return err
		}
	}
	return nil
}

func (c *yamlConverter) merge(m *yaml.Node, out *tree.Node, seen map[string]bool, depth int) *ParseError {
	src := m
	if src.Kind == yaml.AliasNode && src.Alias != nil {
		src = src.Alias
	}
	if src.Kind == yaml.SequenceNode {
		if err := c.count(src, depth); err != nil {
			return err
		}
		for _, item := range src.Content {
			if err := c.merge(item, out, seen, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if src.Kind != yaml.MappingNode {
		return perr(tree.Pos{Line: m.Line, Col: m.Column}, "a merge key (<<) must name a mapping or a list of mappings")
	}
	merged, err := c.convert(src, depth)
	if err != nil {
		return err
	}
	for _, e := range merged.Entries {
		if !seen[e.Key] {
			seen[e.Key] = true
			out.Entries = append(out.Entries, e)
		}
	}
	return nil
}

// scalar resolves a YAML scalar by its tag. Timestamps stay strings: an
// unquoted `2026-06-30` is a date in the catalogue format.
func scalar(n *yaml.Node, out *tree.Node) {
	out.Str = n.Value
	switch n.ShortTag() {
	case "!!null":
		out.Kind = tree.Null
	case "!!bool":
		out.Kind = tree.Bool
		out.Bool = strings.EqualFold(n.Value, "true")
	case "!!int":
		out.Kind = tree.Number
		out.IsInt = true
		clean := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(clean, 0, 64); err == nil {
			out.Num = float64(i)
		} else if f, err := strconv.ParseFloat(clean, 64); err == nil {
			out.Num = f
		} else {
			out.Kind = tree.String
		}
	case "!!float":
		out.Kind = tree.Number
		switch strings.ToLower(strings.TrimLeft(n.Value, "+-")) {
		case ".inf":
			out.Num = math.Inf(1)
			if strings.HasPrefix(n.Value, "-") {
				out.Num = math.Inf(-1)
			}
		case ".nan":
			out.Num = math.NaN()
		default:
			f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
			if err != nil {
				out.Kind = tree.String
			}
			out.Num = f
		}
	default:
		out.Kind = tree.String
		if strings.Contains(n.Value, "\n") {
			out.EndLine = n.Line + strings.Count(n.Value, "\n")
		}
	}
}
