// Package schema holds kpilint's CUE schemas and the validator derived from
// them. The CUE files are the one source of truth for the shape of a
// catalogue file and of kpilint.yaml; at start-up kpilint compiles them and
// walks the compiled values (fields, required markers, kinds, literal
// disjunctions, regular expressions, bounds, closedness) into a Go validator
// that runs directly on parsed documents. Any construct the walk cannot
// translate makes Compile fail, so the validator can never silently accept
// what CUE would reject; TestValidatorAgreesWithCUE checks the two agree.
package schema

import (
	_ "embed"
	"fmt"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
)

//go:embed kpi.cue
var kpiSource string

//go:embed config.cue
var configSource string

// KPISource and ConfigSource are the schemas as written.
func KPISource() string    { return kpiSource }
func ConfigSource() string { return configSource }

// Source is both schemas as one CUE file, for `kpilint schema` and for
// `cue vet -d '#File'`.
func Source() string { return kpiSource + "\n" + trimPackage(configSource) }

// Schema is the compiled CUE schema and the validators derived from it.
type Schema struct {
	ctx  *cue.Context
	root cue.Value
	mu   sync.Mutex // guards CUE calls made lazily while validating
	// File validates a catalogue file; Config validates kpilint.yaml.
	File   *Type
	Config *Type
	// Descriptions are the descriptions of the schema's named types, which
	// reach messages as arguments ("an id", "a date"): texts to translate.
	Descriptions []string
	cueState
}

var (
	loadOnce sync.Once
	loaded   *Schema
)

// Load makes the schema's validators once per process, from the
// snapshot of their derivation (snapshot.go); the CUE is compiled when
// first needed.
func Load() (*Schema, error) {
	loadOnce.Do(func() {
		snap := snapshotted()
		loaded = &Schema{File: snap.file, Config: snap.config, Descriptions: snap.descriptions}
		loaded.structs = snap.structs
	})
	return loaded, nil
}

// MustLoad is Load for callers that cannot go on without the schema: the
// schema is embedded, so a failure is a bug caught by the tests.
func MustLoad() *Schema {
	s, err := Load()
	if err != nil {
		panic(err)
	}
	return s
}

func compile() (*Schema, error) {
	ctx := cuecontext.New()
	root := ctx.CompileString(Source(), cue.Filename("schema.cue"))
	if err := root.Err(); err != nil {
		return nil, fmt.Errorf("compile schema: %w", err)
	}
	s := &Schema{ctx: ctx, root: root}
	d := &deriver{s: s}
	var err error
	if s.File, err = d.derive(root.LookupPath(cue.ParsePath("#File"))); err != nil {
		return nil, fmt.Errorf("derive #File: %w", err)
	}
	if s.Config, err = d.derive(root.LookupPath(cue.ParsePath("#Config"))); err != nil {
		return nil, fmt.Errorf("derive #Config: %w", err)
	}
	derivePatternTypes(s)
	return s, nil
}

// derivePatternTypes derives the type of each pattern constraint of every
// struct, through a key the pattern matches (sampleKey), in the order of
// the structs (so every compile makes its structs in the same order; the
// ones these types add are walked too): what the snapshot answers
// pattern keys with (an input name of a measure, an x- key) without CUE.
func derivePatternTypes(s *Schema) {
	for i := 0; i < len(s.structs); i++ {
		t := s.structs[i]
		t.patternTypes = make([]*Type, len(t.patternREs))
		for j, re := range t.patternREs {
			if typ, ok := t.patternType(sampleKey(re.String())); ok {
				t.patternTypes[j] = typ
			}
		}
	}
}

func trimPackage(src string) string {
	const clause = "package schema"
	for i := 0; i+len(clause) <= len(src); i++ {
		if src[i:i+len(clause)] == clause {
			return src[:i] + src[i+len(clause):]
		}
	}
	return src
}

// Definition returns a compiled definition such as "#KPI", for policy
// unification and the CUE validation path.
func (s *Schema) Definition(name string) cue.Value {
	s.bindCUE()
	return s.root.LookupPath(cue.ParsePath(name))
}

// Context is the CUE context the schema was compiled in. CUE values from
// different contexts cannot be unified.
func (s *Schema) Context() *cue.Context {
	s.bindCUE()
	return s.ctx
}

// RequiredFields lists the required fields of a definition, read from the
// schema (`name!:`), for documentation and tests.
func (s *Schema) RequiredFields(def string) []string {
	var out []string
	it, err := s.Definition(def).Fields(cue.Optional(true))
	if err != nil {
		return nil
	}
	for it.Next() {
		if it.Selector().ConstraintType() == cue.RequiredConstraint {
			out = append(out, it.Selector().Unquoted())
		}
	}
	return out
}

// Validators derives validators for the named definitions of root, a value
// compiled in ctx, the way the schema's own are derived: a policy's
// definitions (the schema and the user's files as one instance) for the
// policy's fast path (internal/policy/simple.go). It fails on any
// construct the derivation cannot translate. The validators use ctx
// lazily (keys allowed by pattern constraints), so they belong to the
// goroutine that owns ctx.
func Validators(ctx *cue.Context, root cue.Value, names ...string) (map[string]*Type, error) {
	d := &deriver{s: &Schema{ctx: ctx, root: root}, unified: true}
	out := make(map[string]*Type, len(names))
	for _, name := range names {
		t, err := d.derive(root.LookupPath(cue.ParsePath(name)))
		if err != nil {
			return nil, fmt.Errorf("derive %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}
