// Package config finds, validates and reads kpilint.yaml.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/tree"
	"github.com/kpilint/kpilint/rules"
	"github.com/kpilint/kpilint/schema"
)

// Names are the file names searched for, in order, in each directory.
var Names = []string{"kpilint.yaml", ".kpilint.yaml"}

// Config is a validated configuration.
type Config struct {
	Path    string // "" when none was found
	Root    string // the catalogue root: the configuration's directory, else the working directory
	Include []string
	Exclude []string
	FailOn  finding.Severity
	Rules   rules.Settings
	Ignore  []Ignore
	Policy  []string
	Limits  document.Limits
	// Language of messages and reports: en (the default) or sv.
	Language string
	// Levels are the organisation's levels, top down (nil: the default
	// organisation, department, team).
	Levels []string
}

// Ignore hides findings of a rule in some paths or for some ids.
type Ignore struct {
	Rule   string
	Paths  []string
	IDs    []string
	Reason string
}

// Error is an invalid configuration, with the position of the problem.
type Error struct {
	Path string
	Pos  tree.Pos
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Find walks up from dir looking for a configuration file, and stops at
// the top of the git work tree that holds dir: a configuration above it
// belongs to something else (docs/configuration.md, "Where kpilint looks").
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		for _, n := range Names {
			p := filepath.Join(dir, n)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p, nil
			}
		}
		if isWorkTreeTop(dir) {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// WorkTreeTop is the top of the git work tree that holds dir (the nearest
// folder with a .git entry), or "" outside one.
func WorkTreeTop(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if isWorkTreeTop(dir) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func isWorkTreeTop(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// Boundary is what the files a configuration names (policy files, the
// baseline) must lie inside: the git work tree that holds the root, else the
// root (docs/security.md).
func (c *Config) Boundary() string {
	if top := WorkTreeTop(c.Root); top != "" {
		return top
	}
	return c.Root
}

// Default is the configuration used without a file, rooted at root.
func Default(root string) *Config {
	return &Config{Root: root, Include: document.DefaultInclude(), FailOn: finding.Error,
		Rules:  rules.Settings{Severities: map[string]finding.Severity{}, Options: map[string]map[string]any{}},
		Limits: document.DefaultLimits}
}

// Load reads path (relative to cwd), or discovers a configuration from cwd
// when path is "".
func Load(path, cwd string) (*Config, error) {
	if path == "" {
		found, err := Find(cwd)
		if err != nil {
			return nil, err
		}
		if found == "" {
			// No configuration: the root is the work tree's top, else cwd.
			if top := WorkTreeTop(cwd); top != "" {
				return Default(top), nil
			}
			abs, err := filepath.Abs(cwd)
			if err != nil {
				return nil, err
			}
			return Default(abs), nil
		}
		// A discovered configuration comes from the repository: a symbolic
		// link out of it is not followed (docs/security.md).
		boundary := WorkTreeTop(filepath.Dir(found))
		if boundary == "" {
			boundary = filepath.Dir(found)
		}
		if err := document.Inside(boundary, found); err != nil {
			msg := err.Error()
			if errors.Is(err, document.ErrOutside) {
				msg = "the configuration is " + document.ErrOutside.Error()
			}
			return nil, &Error{Path: found, Pos: tree.Pos{Line: 1, Col: 1}, Msg: msg}
		}
		path = found
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(cwd, path) // relative to the working directory the caller names
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	data, perr := document.ReadFile(filepath.Dir(abs), filepath.Base(abs), document.DefaultLimits)
	if perr != nil {
		return nil, &Error{Path: abs, Pos: perr.Pos, Msg: perr.Msg.String()}
	}
	return Parse(abs, data)
}

// Parse validates and reads a configuration file's content.
func Parse(path string, data []byte) (*Config, error) {
	c := Default(filepath.Dir(path))
	c.Path = path
	_, _, docs, perr := document.Parse(filepath.Base(path), data, document.DefaultLimits)
	if perr != nil {
		return nil, &Error{Path: path, Pos: perr.Pos, Msg: perr.Msg.String()}
	}
	if len(docs) == 0 {
		return c, nil
	}
	if len(docs) > 1 {
		return nil, &Error{Path: path, Pos: docs[1].Anchor(), Msg: "the configuration must be a single YAML document"}
	}
	doc := docs[0]
	if vs := schema.MustLoad().Config.Check(doc, "configuration", doc.Anchor(), doc.AnchorWidth()); len(vs) > 0 {
		return nil, &Error{Path: path, Pos: vs[0].Pos, Msg: vs[0].Msg.String()}
	}
	return c, c.read(doc)
}

func (c *Config) read(doc *tree.Node) error {
	at := func(e *tree.Entry, format string, args ...any) error {
		return &Error{Path: c.Path, Pos: e.KeyPos, Msg: fmt.Sprintf(format, args...)}
	}
	if v := doc.Get("include"); v != nil {
		c.Include = strings(v)
	}
	c.Exclude = strings(doc.Get("exclude"))
	c.Policy = strings(doc.Get("policy"))
	for _, key := range []string{"include", "exclude", "policy"} {
		if err := c.validGlobs(doc.Entry(key)); err != nil {
			return err
		}
	}
	if s, ok := doc.Get("language").StringValue(); ok {
		c.Language = s
	}
	if s, ok := doc.Get("fail_on").StringValue(); ok {
		c.FailOn, _ = finding.ParseSeverity(s)
	}
	if lim := doc.Get("limits"); lim != nil {
		if v, ok := lim.Get("max_file_bytes").NumberValue(); ok {
			c.Limits.MaxFileBytes = int64(v)
		}
		if v, ok := lim.Get("max_nodes").NumberValue(); ok {
			c.Limits.MaxNodes = int(v)
		}
		if v, ok := lim.Get("max_depth").NumberValue(); ok {
			c.Limits.MaxDepth = int(v)
		}
		if v, ok := lim.Get("max_message").NumberValue(); ok {
			c.Limits.MaxMessage = int(v)
		}
	}
	if sheet := doc.Get("spreadsheet"); sheet != nil {
		if cols := sheet.Get("columns"); cols != nil {
			c.Limits.Columns = map[string]string{}
			for _, e := range cols.Entries {
				field, _ := e.Value.StringValue()
				if !slices.Contains(document.SheetFields(), field) && (len(field) < 3 || field[:2] != "x-") {
					return at(e, "spreadsheet column %q: %q is not a field a column can fill (%v, or an x- field)",
						e.Key, field, document.SheetFields())
				}
				c.Limits.Columns[document.NormalHeader(e.Key)] = field
			}
		}
	}
	if e := doc.Entry("levels"); e != nil {
		c.Levels = strings(e.Value)
		if len(c.Levels) == 0 {
			return at(e, "levels must name at least one level, top down")
		}
		for i, l := range c.Levels {
			if slices.Contains(c.Levels[:i], l) {
				return at(e, "level %q is listed twice", l)
			}
		}
	}
	if rs := doc.Get("rules"); rs != nil {
		for _, e := range rs.Entries {
			r := rules.Lookup(e.Key)
			if r == nil {
				return at(e, "%s", rules.Unknown(e.Key))
			}
			if err := c.readRule(r, e); err != nil {
				return at(e, "%v", err)
			}
		}
	}
	if ig := doc.Get("ignore"); ig != nil {
		for _, item := range ig.Items {
			rule, _ := item.Get("rule").StringValue()
			if rules.Lookup(rule) == nil {
				return at(item.Entry("rule"), "ignore: %s", rules.Unknown(rule))
			}
			reason, _ := item.Get("reason").StringValue()
			c.Ignore = append(c.Ignore, Ignore{Rule: rule, Paths: strings(item.Get("paths")), IDs: strings(item.Get("ids")), Reason: reason})
		}
	}
	return nil
}

// validGlobs checks every pattern of a list: a pattern doublestar cannot
// read would silently match nothing (an include that lints nothing).
func (c *Config) validGlobs(e *tree.Entry) error {
	if e == nil {
		return nil
	}
	for _, item := range e.Value.Items {
		if g, ok := item.StringValue(); ok && !doublestar.ValidatePattern(g) {
			return &Error{Path: c.Path, Pos: item.Pos, Msg: fmt.Sprintf("%s: %q is not a valid glob pattern", e.Key, g)}
		}
	}
	return nil
}

func (c *Config) readRule(r *rules.Rule, e *tree.Entry) error {
	if s, ok := e.Value.StringValue(); ok {
		sev, err := finding.ParseSeverity(s)
		c.Rules.Severities[r.ID] = sev
		return err
	}
	opts := map[string]any{}
	for _, o := range e.Value.Entries {
		if o.Key == "severity" {
			s, _ := o.Value.StringValue()
			sev, err := finding.ParseSeverity(s)
			if err != nil {
				return err
			}
			c.Rules.Severities[r.ID] = sev
			continue
		}
		switch o.Value.Kind {
		case tree.Number:
			opts[o.Key] = o.Value.Num
		case tree.String:
			opts[o.Key] = o.Value.Str
		default:
			return errors.New("rule options are numbers or strings")
		}
	}
	levels := c.Levels
	if levels == nil {
		levels = catalogue.DefaultLevels
	}
	if err := r.Configure(opts, levels); err != nil {
		return err
	}
	c.Rules.Options[r.ID] = opts
	return nil
}

func strings(n *tree.Node) []string {
	var out []string
	if n == nil {
		return nil
	}
	for _, it := range n.Items {
		if s, ok := it.StringValue(); ok {
			out = append(out, s)
		}
	}
	return out
}
