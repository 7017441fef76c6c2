package schema

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"testing"

	"cuelang.org/go/cue"
	"github.com/stretchr/testify/require"
)

// snapshot_gen.go is what the derivation from the CUE schema writes.
func TestSnapshotIsCurrent(t *testing.T) {
	fresh, err := compile()
	require.NoError(t, err)
	src, err := writeSnapshot(fresh)
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile("snapshot_gen.go", src, 0o600))
	}
	have, err := os.ReadFile("snapshot_gen.go")
	require.NoError(t, err)
	if !bytes.Equal(have, src) {
		t.Fatal("schema/snapshot_gen.go is stale: run go test ./schema -update")
	}
}

// The snapshot writer writes every field of Type but the two bound from
// CUE when first needed: a field added to Type fails here until the
// writer (snapshot.go, literal) writes it or says why not.
func TestSnapshotCoversType(t *testing.T) {
	written := []string{"Desc", "kind", "lit", "isLit", "re", "bound", "and", "or", "Name", "fields", "order", "nRequired", "patternREs", "patternTypes", "elem", "snapshot", "open"}
	boundLater := []string{"structV", "patterns"}
	var fields []string
	for f := range reflect.TypeFor[Type]().Fields() {
		fields = append(fields, f.Name)
	}
	slices.Sort(fields)
	want := slices.Concat(written, boundLater)
	slices.Sort(want)
	require.Equal(t, want, fields)
}

// The snapshot's validators and a fresh derivation's are the same graph:
// written out they are the same source, and the snapshot's structs get
// their CUE values when a key only CUE can judge comes.
func TestSnapshotBindsCUE(t *testing.T) {
	s := MustLoad()
	unit := s.File.fields["units"].typ.elem
	require.True(t, unit.snapshot)
	typ, ok := unit.patternType("x-custom")
	require.True(t, ok, "x- keys are allowed by the schema's pattern")
	require.NotNil(t, typ)
	_, ok = unit.patternType("surely-not-allowed")
	require.False(t, ok)
	_, ok = s.File.patternType("x-custom")
	require.False(t, ok, "a file's top level has no pattern")
	require.True(t, s.Definition("#KPI").Exists())
}

// A key a struct does not admit (closed, no pattern matches) is one CUE
// refuses: tried with every key the schema declares anywhere, and others.
func TestAdmitsAgreesWithCUE(t *testing.T) {
	fresh, err := compile()
	require.NoError(t, err)
	keys := []string{"", "x-", "x-note", "X-note", "xnote", "foo", probeKey, "kpis ", "Id"}
	for _, st := range fresh.structs {
		keys = append(keys, st.order...)
	}
	checked := 0
	for _, st := range fresh.structs {
		for _, key := range keys {
			if _, declared := st.fields[key]; declared || st.admits(key) {
				continue
			}
			require.False(t, st.structV.Allows(cue.Str(key)), "struct %s refuses %q without CUE, CUE allows it", st.Name, key)
			checked++
		}
	}
	require.Greater(t, checked, 100)
}

// A pattern key's type from the snapshot (onePatternType) is the one CUE
// gives that key, for keys of every pattern of the schema.
func TestPatternTypesAgreeWithCUE(t *testing.T) {
	fresh, err := compile()
	require.NoError(t, err)
	keys := []string{"on_time", "delivered", "Ärenden", "_x", "x-note", "x-", "a1"}
	checked := 0
	for _, st := range fresh.structs {
		for _, re := range st.patternREs {
			keys = append(keys, sampleKey(re.String()))
		}
	}
	for _, st := range fresh.structs {
		for _, key := range keys {
			quick := st.onePatternType(key)
			if quick == nil {
				continue
			}
			slow, ok := st.cuePatternType(key)
			require.True(t, ok, "struct %s, key %q", st.Name, key)
			require.Equal(t, render(slow), render(quick), "struct %s, key %q", st.Name, key)
			checked++
		}
	}
	require.Greater(t, checked, 5)
}

// render is t and the types it refers to, as the snapshot writes them.
func render(t *Type) string {
	w := &snapshotWriter{index: map[*Type]int{}}
	w.add(t)
	out := ""
	for _, typ := range w.types {
		out += w.literal(typ) + "\n"
	}
	return out
}

// BenchmarkStart: what a run pays for the schema's validators, from the
// snapshot and from the CUE (what every run paid before the snapshot).
func BenchmarkStart(b *testing.B) {
	b.Run("snapshot", func(b *testing.B) {
		for b.Loop() {
			snapshotted()
		}
	})
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			if _, err := compile(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
