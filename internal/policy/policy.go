// Package policy checks a catalogue against the user's own CUE constraints
// (kpilint.yaml: policy). Policy files are compiled in one package with
// kpilint's schema, so they add constraints to its definitions (#KPI,
// #Goal, #Unit, and #OrganisationKPI, #DepartmentKPI, #TeamKPI by the
// level of a KPI's scope) rather than replace them. Each violation becomes
// a `policy` finding at the offending key, with CUE's own message.
package policy

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"
	"github.com/bmatcuk/doublestar/v4"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/rules"
	"github.com/kpilint/kpilint/schema"
)

// Error is a policy file that cannot be used, with its position.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Policy is a set of compiled policy files.
type Policy struct {
	root  string
	files map[string][]byte // absolute path → source
	paths []string          // sorted absolute paths
	ctx   *cue.Context
	value cue.Value
	uses  int
	// fast holds the validators derived from value, by definition, when
	// every policy file is in the subset simple.go describes.
	fast map[string]*schema.Type
	// deadline ends the run's budget (RunBudget from Load), shared by
	// the policy's clones.
	deadline time.Time
}

// renewAfter bounds how many values one CUE context accumulates.
const renewAfter = 500

// MaxPolicyBytes bounds one policy file.
const MaxPolicyBytes = 1 << 20

// Load finds the policy files matching globs (relative to root) and
// compiles them with the schema. No globs, no policy: nil. A match that
// leads outside boundary (the repository, symbolic links resolved) is not
// read: the configuration comes from the pull request (docs/security.md).
func Load(root, boundary string, globs []string) (*Policy, error) {
	if len(globs) == 0 {
		return nil, nil
	}
	p := &Policy{root: root, files: map[string][]byte{}}
	for _, g := range globs {
		matches, err := doublestar.FilepathGlob(filepath.Join(root, filepath.FromSlash(g)))
		if err != nil {
			return nil, &Error{File: "kpilint.yaml", Msg: fmt.Sprintf("policy glob %q: %v", g, err)}
		}
		if len(matches) == 0 {
			return nil, &Error{File: "kpilint.yaml", Msg: fmt.Sprintf("policy glob %q matches no file under %s", g, root)}
		}
		for _, m := range matches {
			if _, seen := p.files[m]; seen {
				continue
			}
			data, err := document.ReadInside(boundary, m, MaxPolicyBytes)
			if err != nil {
				return nil, &Error{File: "kpilint.yaml", Msg: fmt.Sprintf("policy glob %q: %v", g, err)}
			}
			p.files[m] = data
			p.paths = append(p.paths, m)
		}
	}
	slices.Sort(p.paths)
	if err := p.compile(); err != nil {
		return nil, err
	}
	p.deadline = time.Now().Add(RunBudget)
	return p, nil
}

// Clone is the policy in a CUE context of its own, for another goroutine
// (a context is not safe for concurrent use); it shares the run's budget.
func (p *Policy) Clone() (*Policy, error) {
	c := &Policy{root: p.root, files: p.files, paths: p.paths, deadline: p.deadline}
	if err := c.compile(); err != nil {
		return nil, err
	}
	return c, nil
}

// compile builds the schema and the policy files as one CUE instance in a
// fresh context.
func (p *Policy) compile() error {
	inst := build.NewContext().NewInstance(p.root, nil)
	base, err := parser.ParseFile("kpilint/schema/kpi.cue", schema.KPISource())
	if err != nil {
		return fmt.Errorf("parse the built-in schema: %w", err)
	}
	if err := inst.AddSyntax(base); err != nil {
		return err
	}
	simple := true
	for _, path := range p.paths {
		f, err := parser.ParseFile(p.rel(path), p.files[path], parser.ParseComments)
		if err != nil {
			return p.cueError(path, err)
		}
		simple = simple && isSimple(f)
		setPackage(f, base.PackageName())
		if err := inst.AddSyntax(f); err != nil {
			return p.cueError(path, err)
		}
	}
	p.ctx = cuecontext.New()
	p.value = p.ctx.BuildInstance(inst)
	if err := p.value.Err(); err != nil {
		return p.cueError(p.paths[0], err)
	}
	if err := p.value.Validate(); err != nil {
		return p.cueError(p.paths[0], err)
	}
	p.uses = 0
	p.fast = nil
	if simple {
		// A derivation that fails only leaves every element to CUE.
		p.fast, _ = schema.Validators(p.ctx, p.value, definitions...)
	}
	return nil
}

// definitions are the definitions elements are checked against.
var definitions = []string{"#Unit", "#Goal", "#KPI", "#OrganisationKPI", "#DepartmentKPI", "#TeamKPI"}

// setPackage puts the policy file in the schema's package, so its
// definitions add to the schema's instead of standing beside them.
func setPackage(f *ast.File, name string) {
	for _, d := range f.Decls {
		if pkg, ok := d.(*ast.Package); ok {
			pkg.Name = ast.NewIdent(name)
			return
		}
	}
	f.Decls = append([]ast.Decl{&ast.Package{Name: ast.NewIdent(name)}}, f.Decls...)
}

func (p *Policy) rel(abs string) string {
	if r, err := filepath.Rel(p.root, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return abs
}

// cueError reports a CUE error at the first position that lies in a policy
// file.
func (p *Policy) cueError(fallback string, err error) error {
	errs := cueerrors.Errors(err)
	if len(errs) == 0 {
		return &Error{File: p.rel(fallback), Msg: err.Error()}
	}
	format, args := errs[0].Msg()
	msg := fmt.Sprintf(format, args...)
	if pos := policyPos(errs[0]); pos.IsValid() {
		return &Error{File: pos.Filename(), Line: pos.Line(), Col: pos.Column(), Msg: msg}
	}
	return &Error{File: p.rel(fallback), Msg: msg}
}

// The policy's budgets (docs/security.md). CUE evaluation cannot be
// interrupted, so an element past ElementBudget is abandoned with a finding
// (its evaluation finishes in the background, in a context of its own) and
// the rest continue in a fresh context; past RunBudget from Load, the
// remaining elements of each file are not evaluated and one finding per
// file says so.
var (
	ElementBudget = 2 * time.Second
	RunBudget     = 30 * time.Second
)

// evalDelay slows every evaluation down, for the test of ElementBudget.
var evalDelay time.Duration

// MaxPerElement bounds the policy findings of one unit, goal or KPI.
const MaxPerElement = 20

// Check validates every unit, goal and active KPI of c against the
// policy; org says the level of a KPI's scope. c may be a whole catalogue
// or one file's elements (a streaming lint checks each file in the worker
// that parsed it, each worker with its own Clone). An element for which
// skip is true (one the schema already rejects: an unknown key is a schema
// finding, and 40,000 of them made CUE take 13 s) is not evaluated.
func (p *Policy) Check(org *catalogue.Org, c *catalogue.Catalogue, skip func(*catalogue.Element) bool) ([]finding.Finding, error) {
	type item struct {
		e     *catalogue.Element
		isKPI bool
		def   string
	}
	var items []item
	for _, u := range c.Units {
		items = append(items, item{&u.Element, false, "#Unit"})
	}
	for _, g := range c.Goals {
		items = append(items, item{&g.Element, false, "#Goal"})
	}
	for _, k := range c.ActiveKPIs() {
		// A level's definition includes #KPI, so it alone is checked.
		def := "#KPI"
		switch org.Level(k.Scope) {
		case "organisation":
			def = "#OrganisationKPI"
		case "department":
			def = "#DepartmentKPI"
		case "team":
			def = "#TeamKPI"
		}
		items = append(items, item{&k.Element, true, def})
	}
	var out []finding.Finding
	for i, it := range items {
		if skip != nil && skip(it.e) {
			continue
		}
		if t := p.fast[it.def]; t != nil && it.e.Node != nil && t.Accepts(it.e.Node) {
			continue // what the derived validator accepts, CUE does
		}
		if !time.Now().Before(p.deadline) {
			f := finding.New(rules.Policy.ID, it.e.Loc(), i18n.Msg("policy evaluation stopped here: the run's budget of %s is spent; %d elements were not evaluated", RunBudget, len(items)-i))
			f.ID = it.e.ID
			out = append(out, f)
			break
		}
		fs, err := p.checkWithin(it.e, it.isKPI, it.def)
		if err != nil {
			return nil, err
		}
		if len(fs) > MaxPerElement {
			rest := len(fs) - MaxPerElement
			fs = fs[:MaxPerElement]
			more := finding.New(rules.Policy.ID, it.e.Loc(), i18n.Msg("%d more policy violations in %q are not shown", rest, it.e.ID))
			more.ID = it.e.ID
			fs = append(fs, more)
		}
		out = append(out, fs...)
	}
	return out, nil
}

// checkWithin is check under ElementBudget.
func (p *Policy) checkWithin(e *catalogue.Element, isKPI bool, def string) ([]finding.Finding, error) {
	if p.uses++; p.uses > renewAfter {
		if err := p.compile(); err != nil {
			return nil, err
		}
	}
	type result struct {
		fs  []finding.Finding
		err error
	}
	done := make(chan result, 1)
	ctx, value, delay := p.ctx, p.value, evalDelay
	go func() {
		time.Sleep(delay)
		fs, err := check(ctx, value, e, isKPI, def)
		done <- result{fs, err}
	}()
	timer := time.NewTimer(ElementBudget)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.fs, r.err
	case <-timer.C:
		// The abandoned evaluation keeps its context; the rest get a new one.
		if err := p.compile(); err != nil {
			return nil, err
		}
		f := finding.New(rules.Policy.ID, e.Loc(), i18n.Msg("policy evaluation of %q stopped after %s: simplify the policy or this element", e.ID, ElementBudget))
		f.ID = e.ID
		if isKPI {
			f.KPI, f.Subject = true, e.Loc()
		}
		return []finding.Finding{f}, nil
	}
}

func check(ctx *cue.Context, value cue.Value, e *catalogue.Element, isKPI bool, def string) ([]finding.Finding, error) {
	data := ctx.Encode(e.Node.Interface())
	err := value.LookupPath(cue.ParsePath(def)).Unify(data).Validate(cue.Concrete(true))
	var out []finding.Finding
	for _, v := range violations(err) {
		msg := v.text
		if msg.Format == "" {
			msg = i18n.Verbatim(v.msg)
		}
		f := finding.New(rules.Policy.ID, e.At(v.path...), msg)
		f.ID = e.ID
		if isKPI {
			f.KPI, f.Subject = true, e.Loc()
		}
		if v.pos.IsValid() {
			f.Relate(finding.Location{File: v.pos.Filename(), Line: v.pos.Line(), Column: v.pos.Column()},
				i18n.Msg("the policy constraint"))
		}
		out = append(out, f)
	}
	return out, nil
}

type violation struct {
	path []string
	msg  string       // CUE's message
	text i18n.Message // ours, when we rewrote CUE's
	pos  token.Pos    // in a policy file, if known
}

var conflict = regexp.MustCompile(`^conflicting values (\S+) and (.+)$`)

// violations turns CUE's errors into one violation per path. CUE reports a
// failed disjunction as a header and one conflict per alternative; those
// become one sentence listing the allowed values.
func violations(err error) []violation {
	var out []violation
	index := map[string]int{}
	allowed := map[string][]string{}
	disjunction := map[string]bool{}
	for _, ce := range cueerrors.Errors(err) {
		path := ce.Path()
		if len(path) > 0 && strings.HasPrefix(path[0], "#") {
			path = path[1:] // the definition itself
		}
		key := strings.Join(path, "\x00")
		format, args := ce.Msg()
		msg := fmt.Sprintf(format, args...)
		var text i18n.Message
		if msg == "field is required but not present" && len(path) > 0 {
			text = i18n.Msg("field %q is required but not present", path[len(path)-1])
		}
		pos := policyPos(ce)
		i, seen := index[key]
		if !seen {
			index[key] = len(out)
			out = append(out, violation{path: path, msg: msg, text: text, pos: pos})
			disjunction[key] = strings.HasSuffix(msg, "empty disjunction:")
			continue
		}
		if m := conflict.FindStringSubmatch(msg); m != nil && disjunction[key] {
			allowed[key] = append(allowed[key], m[1])
			out[i].text = i18n.Msg("%s is not one of the allowed values %s", m[2], strings.Join(allowed[key], ", "))
			if !out[i].pos.IsValid() {
				out[i].pos = pos
			}
		}
	}
	return out
}

// policyPos is the first position of an error that lies in a policy file.
func policyPos(ce cueerrors.Error) token.Pos {
	for _, pos := range append([]token.Pos{ce.Position()}, ce.InputPositions()...) {
		if pos.IsValid() && !strings.HasPrefix(pos.Filename(), "kpilint/") && filepath.Ext(pos.Filename()) == ".cue" {
			return pos
		}
	}
	return token.NoPos
}
