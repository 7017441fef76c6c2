package catalogue

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrgFindsUnitsAndGoalsByID(t *testing.T) {
	var c Catalogue
	for i := range 5000 { // enough for long probe chains
		c.Units = append(c.Units, &Unit{Element: Element{ID: "team-" + strconv.Itoa(i)}, Name: "first " + strconv.Itoa(i)})
	}
	c.Units = append(c.Units, &Unit{Element: Element{ID: "team-7"}, Name: "second"}, &Unit{Name: "no id"})
	c.Goals = []*Goal{{Element: Element{ID: "g"}, Statement: "first"}, {Element: Element{ID: "g"}, Statement: "second"}}
	c.Index()

	for i := range 5000 {
		u, ok := c.Unit("team-" + strconv.Itoa(i))
		require.True(t, ok, i)
		assert.Equal(t, "first "+strconv.Itoa(i), u.Name, "the first declaration wins")
		assert.Equal(t, i, c.UnitIndex(u.ID))
	}
	assert.Equal(t, "second", c.UnitAt(5000).Name)
	assert.Equal(t, 7, c.UnitIndex("team-7"))
	assert.Equal(t, -1, c.UnitIndex("team-5000"))
	assert.Equal(t, -1, c.UnitIndex(""), "a unit without an id is not found by the empty id")
	g, ok := c.Goal("g")
	assert.True(t, ok)
	assert.Equal(t, "first", g.Statement)
	assert.Equal(t, -1, c.GoalIndex("team-1"), "goals and units are apart")
	assert.Equal(t, -1, (&Org{}).UnitIndex("team-1"), "an organisation not indexed finds nothing")
}

// The records give back every value and position a unit or goal had, the
// text of each held once: a parent or scope that is a declared id is
// that id's text.
func TestOrgRecordsGiveBackTheUnitsAndGoals(t *testing.T) {
	f1, f2 := &File{Path: "a.kpi.yaml"}, &File{Path: "b.kpi.yaml"}
	weekly := &Cadence{Review: "weekly", Forum: "ops"}
	units := []*Unit{
		{Element: Element{File: f1, ID: "acme", firstKey: "id", first: pos32{2, 5}, idAt: pos32{2, 5}}, Name: "Acme", Level: "organisation", Cadence: weekly},
		{Element: Element{File: f2, ID: "support", firstKey: "name", first: pos32{7, 3}, idAt: pos32{8, 3}, parentAt: pos32{9, 3}},
			Name: "Support", Level: "department", Parent: "acme"},
		{Element: Element{File: f2, ID: "lost", firstKey: "id", first: pos32{12, 3}, idAt: pos32{12, 3}, parentAt: pos32{13, 3}},
			Level: "team", Parent: "nowhere", Cadence: &Cadence{Measure: "daily"}},
	}
	goals := []*Goal{
		{Element: Element{File: f1, ID: "loved", firstKey: "id", first: pos32{20, 5}, scopeAt: pos32{22, 5}}, Statement: "Customers love us", Scope: "acme"},
		{Element: Element{File: f2, ID: "fast", firstKey: "id", first: pos32{30, 5}, parentAt: pos32{31, 5}}, Parent: "loved", Scope: "elsewhere"},
	}
	c := &Catalogue{Units: units, Goals: goals}
	c.Index()
	require.Equal(t, 3, c.NumUnits())
	require.Equal(t, 2, c.NumGoals())
	for i, u := range units {
		assert.Equal(t, *u, c.UnitAt(i), "unit %d", i)
	}
	for i, g := range goals {
		assert.Equal(t, *g, c.GoalAt(i), "goal %d", i)
	}
	assert.Equal(t, 1, strings.Count(c.text, "acme"), "a parent or scope that is an id is that id's text")
	assert.Equal(t, 1, strings.Count(c.text, "loved"))
	assert.Contains(t, c.text, "nowhere")
	assert.Contains(t, c.text, "elsewhere")
	assert.Equal(t, "team", c.Level("lost"))
	k := &KPI{Scope: "support", Detail: Detail{Cadence: &Cadence{Measure: "monthly"}}}
	c.Resolve(k)
	assert.Equal(t, Cadence{Measure: "monthly", Review: "weekly", Forum: "ops"}, k.Effective, "inherited from acme")
	assert.True(t, c.IsAncestor("acme", "support"))
	assert.False(t, c.IsAncestor("acme", "lost"))
	support := c.UnitAt(1)
	at := support.At("parent")
	assert.Equal(t, [3]any{"b.kpi.yaml", 9, 3}, [3]any{at.File, at.Line, at.Column})
}
