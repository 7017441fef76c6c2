package report

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Charts are small hand-written SVG: no library we could add produces
// self-contained, script-free SVG that follows the page's colour scheme
// through CSS classes, and these are a few dozen lines each. Every label
// is escaped.

// bar is one labelled value of a chart.
type bar struct {
	Label string
	Value int
	// Second is a second value stacked after Value (lagging after leading).
	Second int
	// Class styles the bar (e.g. "over" for a unit above the band).
	Class string
}

const (
	labelWidth = 190
	plotWidth  = 420
	rowHeight  = 22
)

// hbarChart draws horizontal bars; band, when hi > 0, shades the
// recommended range [lo, hi] behind them.
func hbarChart(title string, bars []bar, lo, hi int, legend [2]string, bandLabel string) template.HTML {
	maxV := max(hi+2, 1)
	for _, b := range bars {
		maxV = max(maxV, b.Value+b.Second)
	}
	scale := float64(plotWidth) / float64(maxV)
	height := len(bars)*rowHeight + 40
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" role="img" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet"><title>%s</title>`,
		labelWidth+plotWidth+40, height, html.EscapeString(title))
	if hi > 0 {
		fmt.Fprintf(&s, `<rect class="band" x="%.1f" y="0" width="%.1f" height="%d"/>`, labelWidth+float64(lo)*scale, float64(hi-lo)*scale, len(bars)*rowHeight)
		fmt.Fprintf(&s, `<text class="axis" x="%.1f" y="%d">%s</text>`, labelWidth+float64(lo)*scale, len(bars)*rowHeight+14, html.EscapeString(bandLabel))
	}
	for i, b := range bars {
		y := i * rowHeight
		fmt.Fprintf(&s, `<text class="label" x="%d" y="%d" text-anchor="end">%s</text>`, labelWidth-8, y+15, html.EscapeString(truncate(b.Label, 28)))
		cls := "bar"
		if b.Class != "" {
			cls += " " + b.Class
		}
		w1 := float64(b.Value) * scale
		fmt.Fprintf(&s, `<rect class="%s" x="%d" y="%d" width="%.1f" height="%d"/>`, cls, labelWidth, y+4, w1, rowHeight-8)
		if b.Second > 0 {
			fmt.Fprintf(&s, `<rect class="bar second" x="%.1f" y="%d" width="%.1f" height="%d"/>`, labelWidth+w1, y+4, float64(b.Second)*scale, rowHeight-8)
		}
		total := b.Value + b.Second
		fmt.Fprintf(&s, `<text class="value" x="%.1f" y="%d">%d</text>`, labelWidth+float64(total)*scale+4, y+15, total)
	}
	if legend[0] != "" {
		y := len(bars)*rowHeight + 30
		fmt.Fprintf(&s, `<rect class="bar" x="%d" y="%d" width="10" height="10"/><text class="axis" x="%d" y="%d">%s</text>`, labelWidth, y-9, labelWidth+14, y, html.EscapeString(legend[0]))
		fmt.Fprintf(&s, `<rect class="bar second" x="%d" y="%d" width="10" height="10"/><text class="axis" x="%d" y="%d">%s</text>`, labelWidth+90, y-9, labelWidth+104, y, html.EscapeString(legend[1]))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String()) //nolint:gosec // built above from escaped text and numbers
}

// vbarChart draws a vertical bar per bucket (a histogram).
func vbarChart(title string, bars []bar) template.HTML {
	const w, h, pad = 560, 200, 30
	maxV := 1
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	slot := float64(w-2*pad) / float64(max(len(bars), 1))
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" role="img" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet"><title>%s</title>`, w, h+40, html.EscapeString(title))
	fmt.Fprintf(&s, `<line class="axis-line" x1="%d" y1="%d" x2="%d" y2="%d"/>`, pad, h, w-pad, h)
	for i, b := range bars {
		bh := float64(b.Value) / float64(maxV) * float64(h-20)
		x := float64(pad) + float64(i)*slot + slot*0.15
		cls := "bar"
		if b.Class != "" {
			cls += " " + b.Class
		}
		fmt.Fprintf(&s, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, cls, x, float64(h)-bh, slot*0.7, bh)
		fmt.Fprintf(&s, `<text class="value" x="%.1f" y="%.1f" text-anchor="middle">%d</text>`, x+slot*0.35, float64(h)-bh-4, b.Value)
		fmt.Fprintf(&s, `<text class="axis" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x+slot*0.35, h+16, html.EscapeString(b.Label))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String()) //nolint:gosec // built above from escaped text and numbers
}
