package report

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Charts are HTML and CSS bars, not SVG: text keeps its size at any width
// (an SVG scaled to a phone shrank its labels to 5 px), rows never
// overlap, and print breaks between rows. No library we could add draws
// script-free charts that follow the page's colour scheme through CSS
// classes; these are a few dozen lines. Every label is escaped.

// bar is one labelled row of a chart: up to three stacked values.
type bar struct {
	Label string
	// Values are stacked left to right, styled by the chart's series.
	Values []int
	// Class styles the bar's values (e.g. "over" for a unit above the
	// band), else the series of the legend do.
	Class string
	// Text, if set, is shown after the bar instead of the total.
	Text string
}

// series names and styles the stacked values of a chart's bars.
type series struct{ Name, Class string }

// barChart draws one row per bar, scaled to the largest total (or to
// scale, if larger). band, when band[1] > 0, shades the range band[0]…
// band[1] behind the bars, from half a step below to half a step above,
// so a bar ending at either bound ends inside it.
func barChart(title string, bars []bar, legend []series, scale int, band [2]int, bandLabel string) template.HTML {
	maxV := max(scale, band[1]+1, 1)
	for _, b := range bars {
		total := 0
		for _, v := range b.Values {
			total += v
		}
		maxV = max(maxV, total)
	}
	width := func(v float64) float64 { return 85 * v / float64(maxV) } // percent of the track; the rest holds the number
	var s strings.Builder
	fmt.Fprintf(&s, `<figure class="chart" aria-label="%s"><figcaption>%s</figcaption>`, html.EscapeString(title), html.EscapeString(title))
	for _, b := range bars {
		s.WriteString(`<div class="row"><span class="label">` + html.EscapeString(b.Label) + `</span><span class="track">`)
		if band[1] > 0 {
			fmt.Fprintf(&s, `<span class="band" style="left: %.2f%%; width: %.2f%%"></span>`, width(float64(band[0])-0.5), width(float64(band[1]-band[0])+1))
		}
		total := 0
		for i, v := range b.Values {
			total += v
			cls := "bar"
			switch {
			case b.Class != "":
				cls += " " + b.Class
			case len(legend) > i && legend[i].Class != "":
				cls += " " + legend[i].Class
			}
			if v > 0 {
				fmt.Fprintf(&s, `<span class="%s" style="width: %.2f%%"></span>`, cls, width(float64(v)))
			}
		}
		text := fmt.Sprint(total)
		if b.Text != "" {
			text = b.Text
		}
		s.WriteString(`<span class="value">` + html.EscapeString(text) + `</span></span></div>`)
	}
	if len(legend) > 0 || bandLabel != "" {
		s.WriteString(`<div class="legend">`)
		for _, l := range legend {
			s.WriteString(`<span><i class="bar ` + l.Class + `"></i>` + html.EscapeString(l.Name) + `</span>`)
		}
		if bandLabel != "" {
			s.WriteString(`<span><i class="band"></i>` + html.EscapeString(bandLabel) + `</span>`)
		}
		s.WriteString(`</div>`)
	}
	s.WriteString(`</figure>`)
	return template.HTML(s.String()) //nolint:gosec // built above from escaped text, numbers and fixed class names
}
