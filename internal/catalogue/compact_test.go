package catalogue

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/tree"
)

// CompactOrg copies every string a unit or goal keeps out of the parser's
// text, which the next file reuses: here a buffer overwritten afterwards.
func TestCompactOrgKeepsItsOwnText(t *testing.T) {
	src := []byte("idname team-7 Team Seven team dept-2 g-1 Customers can rely on us dept-2 org")
	view := func(s string) string {
		at := strings.Index(string(src), s)
		require.GreaterOrEqual(t, at, 0, s)
		return unsafe.String(&src[at], len(s))
	}
	f := &File{Path: "org.kpi.yaml"}
	node := func() *tree.Node {
		return &tree.Node{Kind: tree.Map, Entries: []*tree.Entry{{Key: view("idname"), KeyPos: tree.Pos{Line: 2, Col: 3}}}}
	}
	u := &Unit{Element: Element{File: f, Node: node(), ID: view("team-7")}, Name: view("Team Seven"), Level: view("team"), Parent: view("dept-2")}
	g := &Goal{Element: Element{File: f, Node: node(), ID: view("g-1")}, Statement: view("Customers can rely on us"), Scope: view("dept-2"), Parent: ""}
	CompactOrg([]*Unit{u}, []*Goal{g})
	for i := range src {
		src[i] = 'X'
	}
	assert.Equal(t, []string{"team-7", "Team Seven", "team", "dept-2", "idname"}, []string{u.ID, u.Name, u.Level, u.Parent, u.firstKey})
	assert.Equal(t, []string{"g-1", "Customers can rely on us", "dept-2", "", "idname"}, []string{g.ID, g.Statement, g.Scope, g.Parent, g.firstKey})
	assert.Equal(t, 2, u.Loc().Line)
	assert.Equal(t, unsafe.StringData(common["team"]), unsafe.StringData(u.Level), "a common value is shared, not copied")

	before := u.Name
	CompactOrg([]*Unit{u}, nil) // compacted already: left as it is
	assert.Equal(t, unsafe.StringData(before), unsafe.StringData(u.Name))
}
