package policy

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cuelang.org/go/cue/parser"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/load"
	"github.com/kpilint/kpilint/internal/tree"
)

// TestSimpleSubset keeps the constructs the derived validator does not
// model out of the fast path.
func TestSimpleSubset(t *testing.T) {
	for src, want := range map[string]bool{
		`#KPI: owner?: email!: =~"@acme\\.se$"`:                         true,
		`#KPI: measure?: unit?: "percent" | "SEK"`:                      true,
		`#KPI: target?: value?: >= 0 & <= 100`:                          true,
		`#KPI: target?: value?: > -5`:                                   true,
		`#KPI: {owner!: {email!: string}, "x-team"?: #ID}`:              true,
		`#KPI: tags?: [...=~"^[a-z]+$"]`:                                true,
		`package acme` + "\n" + `// a comment` + "\n" + `#Goal: id!: _`: true,
		`#KPI: owner: email!: string`:                                   false, // a regular field
		`#KPI: owner?: email: string`:                                   false,
		`#KPI: {if status == "active" {owner!: _}}`:                     false, // a comprehension
		`#KPI: cadence?: review?: *"weekly" | "monthly"`:                false, // a default
		`import "strings"` + "\n" + `#KPI: id?: strings.MinRunes(3)`:    false,
		`#KPI: id?: strings.MinRunes(3)`:                                false,
		`#KPI: id?: != ""`:                                              false,
		`#KPI: id?: !~"^tmp"`:                                           false,
		`#KPI: [=~"^y-"]: string`:                                       false, // a pattern constraint
		`#KPI: {#Base, owner?: _}`:                                      false, // an embedding
		`#KPI: {...}`:                                                   false,
		`let x = "a"` + "\n" + `#KPI: id?: x`:                           false,
		`#KPI: id?: "\(1)"`:                                             false,
		`#KPI: _hidden?: string`:                                        false,
		`#KPI: id?: status`:                                             false, // a reference to a field
		`kpis: 1`:                                                       false,
		`#KPI?: id?: string`:                                            false,
		`#KPI: tags?: ["a", "b"]`:                                       false,
	} {
		f, err := parser.ParseFile("p.cue", src)
		require.NoError(t, err, src)
		assert.Equal(t, want, isSimple(f), src)
	}
}

// derivedPolicies are policies in the simple subset, for
// TestDerivedValidatorAgreesWithCUE.
var derivedPolicies = map[string]string{
	"bounds":   `#Target: value!: >= 0 & <= 100`,
	"id":       `#KPI: id!: =~"^[a-z]"`,
	"owner":    `#KPI: owner!: {email!: string, role!: string}`,
	"goal":     `#Goal: owner!: _`,
	"unit":     `#Unit: name!: =~"^[A-Z]"`,
	"team":     `#TeamKPI: cadence!: review!: "weekly" | "daily"`,
	"kind":     `#KPI: kind!: "kpi"`,
	"measure":  `#KPI: measure!: {formula!: string, unit!: "percent" | "count" | "SEK"}`,
	"register": `#KPI: owner?: unit?: =~"^[a-z]+(-[a-z]+)*$"`,
}

// TestDerivedValidatorAgreesWithCUE checks the fast path's one promise on
// every unit, goal and KPI of the repository's catalogues, fixtures and
// real-world files: under the examples' policy and others in the subset,
// an element the derived validator accepts has no CUE violation. It also
// checks that the fast path is taken and that CUE still sees violations.
func TestDerivedValidatorAgreesWithCUE(t *testing.T) {
	elems := corpus(t)
	require.Greater(t, len(elems), 500)
	acme, err := os.ReadFile("../../examples/policy/acme.cue")
	require.NoError(t, err)
	policies := map[string]string{"acme": string(acme)}
	for name, src := range derivedPolicies {
		policies[name] = src
	}
	for name, src := range policies {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "p.cue"), []byte(src), 0o644))
			p, err := Load(dir, dir, []string{"p.cue"})
			require.NoError(t, err)
			require.NotNil(t, p.fast, "the policy is in the subset and its validators derive")
			accepted, violations := 0, 0
			for _, e := range elems {
				for _, def := range e.defs {
					fs, err := check(p.ctx, p.value, &catalogue.Element{File: e.file, Node: e.node, ID: "x"}, false, def)
					require.NoError(t, err)
					violations += len(fs)
					if p.fast[def].Accepts(e.node) {
						accepted++
						assert.Empty(t, fs, "%s at %s:%d accepted by the derived validator", def, e.file.Path, e.node.Pos.Line)
					}
				}
			}
			t.Logf("%d elements × definitions: %d accepted by the derived validator, %d CUE violations", len(elems), accepted, violations)
			assert.Positive(t, accepted, "elements the fast path settles")
			assert.Positive(t, violations, "elements CUE rejects")
		})
	}
}

// TestUnderivedPolicyGoesToCUE: a policy in the subset whose unification
// with the schema the derivation cannot translate (a field of the target
// disjunction, struct or list) has no fast path; CUE checks everything.
func TestUnderivedPolicyGoesToCUE(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.cue"), []byte(`#KPI: target?: value?: >= 0 & <= 100`), 0o644))
	p, err := Load(dir, dir, []string{"p.cue"})
	require.NoError(t, err)
	f, err := parser.ParseFile("p.cue", `#KPI: target?: value?: >= 0 & <= 100`)
	require.NoError(t, err)
	assert.True(t, isSimple(f))
	assert.Nil(t, p.fast)
}

type corpusElement struct {
	file *catalogue.File
	node *tree.Node
	defs []string
}

// corpus is every unit, goal and KPI mapping in the repository's
// catalogue files.
func corpus(t *testing.T) []corpusElement {
	t.Helper()
	var out []corpusElement
	for _, root := range []string{"../../examples", "../../testdata"} {
		require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.Contains(d.Name(), ".kpi.") || document.ForName(path) == nil || strings.Contains(path, "hostile") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil || len(data) > 1<<20 {
				return err
			}
			f, _ := load.Parse(path, data, document.DefaultLimits)
			for _, doc := range f.Docs {
				for list, defs := range map[string][]string{"units": {"#Unit"}, "goals": {"#Goal"}, "kpis": definitions[2:]} {
					l := doc.Get(list)
					if l == nil {
						continue
					}
					for _, n := range l.Items {
						if n.Kind == tree.Map {
							out = append(out, corpusElement{f, n, defs})
						}
					}
				}
			}
			return nil
		}))
	}
	return out
}
