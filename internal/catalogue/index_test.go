package catalogue

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrgFindsUnitsAndGoalsByID(t *testing.T) {
	var o Org
	for i := range 5000 { // enough for long probe chains
		o.Units = append(o.Units, &Unit{Element: Element{ID: "team-" + strconv.Itoa(i)}, Name: "first " + strconv.Itoa(i)})
	}
	o.Units = append(o.Units, &Unit{Element: Element{ID: "team-7"}, Name: "second"}, &Unit{Name: "no id"})
	o.Goals = []*Goal{{Element: Element{ID: "g"}, Statement: "first"}, {Element: Element{ID: "g"}, Statement: "second"}}
	o.Index()

	for i := range 5000 {
		u := o.Unit("team-" + strconv.Itoa(i))
		require.NotNil(t, u, i)
		assert.Equal(t, "first "+strconv.Itoa(i), u.Name, "the first declaration wins")
	}
	assert.Nil(t, o.Unit("team-5000"))
	assert.Nil(t, o.Unit(""), "a unit without an id is not found by the empty id")
	assert.Equal(t, "first", o.Goal("g").Statement)
	assert.Nil(t, o.Goal("team-1"), "goals and units are apart")
	assert.Nil(t, (&Org{}).Unit("team-1"), "an organisation not indexed finds nothing")
}
