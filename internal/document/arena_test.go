package document

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/tree"
)

func TestArenaTreesEqualFreshOnes(t *testing.T) {
	a := NewArena()
	for _, name := range []string{"x.kpi.yaml", "x.kpi.json"} {
		data := []byte("kpis:\n  - id: a\n    goal: [g1, g2]\n    owner: {name: Anna}\n")
		if name == "x.kpi.json" {
			data = []byte(`{"kpis": [{"id": "a", "goal": ["g1", "g2"], "owner": {"name": "Anna"}}]}`)
		}
		for range 3 { // the second and third reuse the first's blocks
			_, _, want, werr := Parse(name, data, DefaultLimits)
			_, _, got, gerr := a.Parse(name, data, DefaultLimits)
			require.Nil(t, werr)
			require.Nil(t, gerr)
			require.Equal(t, want, got, name)
			a.Reset()
		}
	}
}

func TestArenaResetPoisonsTheTreeForTests(t *testing.T) {
	PoisonArenas(true)
	defer PoisonArenas(false)
	a := NewArena()
	_, _, docs, perr := a.Parse("x.kpi.yaml", []byte("kpis:\n  - id: a\n"), DefaultLimits)
	require.Nil(t, perr)
	kpi := docs[0].Get("kpis").Items[0]
	require.Equal(t, tree.Map, kpi.Kind)
	a.Reset()
	assert.Equal(t, tree.Kind(-1), kpi.Kind, "a tree used after Reset must show it")
}

func TestArenaReusesItsMemory(t *testing.T) {
	data := []byte("kpis:\n  - id: a\n    name: Share of orders delivered on time\n    goal: [g1, g2]\n    owner: {name: Anna}\n")
	a := NewArena()
	parse := func() {
		if _, _, _, perr := a.Parse("x.kpi.yaml", data, DefaultLimits); perr != nil {
			t.Fatal(perr)
		}
		a.Reset()
	}
	parse()
	inArena := testing.AllocsPerRun(20, parse)
	fresh := testing.AllocsPerRun(20, func() {
		if _, _, _, perr := Parse("x.kpi.yaml", data, DefaultLimits); perr != nil {
			t.Fatal(perr)
		}
	})
	assert.LessOrEqual(t, inArena+4, fresh, "blocks of nodes, entries and lists come from the arena")
}

func TestKeyTableGivesOneStringAKey(t *testing.T) {
	var kt keyTable
	keys := []string{"id", "name", "goal", "scope", "owner", "measure", "formula", "unit", "inputs", "examples", "di", "ab", "ba"}
	first := map[string]string{}
	for range 3 {
		for _, k := range keys {
			got := kt.intern([]byte(k))
			require.Equal(t, k, got)
			if f, ok := first[k]; ok {
				assert.Same(t, unsafe.StringData(f), unsafe.StringData(got), "%q: interned once", k)
			}
			first[k] = got
		}
	}
	assert.Empty(t, kt.intern(nil))
	for i := range 2 * maxKeys {
		kt.intern(fmt.Appendf(nil, "k%d", i))
	}
	assert.Len(t, kt.all, maxKeys, "a hostile file's keys are not all remembered")
	long := make([]byte, maxKeyLen+1)
	assert.Equal(t, string(long), kt.intern(long))
	_, kept := kt.all[string(long)]
	assert.False(t, kept, "a long key is not kept for the run")
}
