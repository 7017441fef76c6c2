package rules

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDuplicates(t *testing.T) {
	ids := []string{"a", "b", "", "a", "c", "b", "a", ""}
	got := duplicates(len(ids), func(i int) string { return ids[i] })
	assert.Equal(t, []duplicate{{3, 0}, {5, 1}, {6, 0}}, got, "each repeat points at the first declaration; empty ids are not declarations")

	// 100,000 declarations of one id, among as many distinct ones: one
	// duplicate each, found in linear time (a pairwise search took minutes).
	n := 200000
	same := func(i int) string {
		if i%2 == 0 {
			return "x"
		}
		return strconv.Itoa(i)
	}
	got = duplicates(n, same)
	assert.Len(t, got, n/2-1)
	assert.Equal(t, duplicate{2, 0}, got[0])
}
