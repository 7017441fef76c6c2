package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The plot is well-formed SVG with one line per series, in the order the
// series first appear, JSON series dashed; a series with a point missing
// (cue vet past 100k) draws the points it has.
func TestPlot(t *testing.T) {
	in := "kpilint lint (yaml)\t1000\t0.08\t37000\nkpilint lint (yaml)\t100000\t6.29\t145000\n" +
		"bare parse (json)\t1000\t0.01\t13000\nbare parse (json)\t100000\t1.36\t28000\ncue vet\t1000\t0.69\t137000\n"
	series, order, err := read(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, []string{"kpilint lint (yaml)", "bare parse (json)", "cue vet"}, order)
	var b bytes.Buffer
	draw(&b, series, order)
	dec := xml.NewDecoder(&b)
	lines, dashed := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "polyline" {
			lines++
			for _, a := range el.Attr {
				if a.Name.Local == "stroke-dasharray" {
					dashed++
				}
			}
		}
	}
	assert.Equal(t, 6, lines, "three series in each of the two charts")
	assert.Equal(t, 2, dashed, "the JSON series, in each chart")

	_, _, err = read(strings.NewReader("kpilint\t1000\tfast\t1\n"))
	assert.Error(t, err, "a value that is not a number")
}
