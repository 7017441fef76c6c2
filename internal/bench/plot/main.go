// Command plot draws the benchmark script's measurements as an SVG: time
// and peak memory against catalogue size, one line per tool, both axes
// logarithmic. It reads lines of "tool<TAB>kpis<TAB>seconds<TAB>rss_kb" on
// standard input and writes the SVG to standard output:
//
//	plot < points.tsv > BENCHMARKS.svg
package main

import (
	"bufio"
	"cmp"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

type point struct{ kpis, seconds, mb float64 }

func main() {
	series, order, err := read(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	draw(w, series, order)
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

func read(r io.Reader) (map[string][]point, []string, error) {
	series := map[string][]point{}
	var order []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 {
			continue
		}
		var v [3]float64
		for i := range v {
			x, err := strconv.ParseFloat(f[i+1], 64)
			if err != nil {
				return nil, nil, fmt.Errorf("line %q: %w", sc.Text(), err)
			}
			v[i] = x
		}
		if _, ok := series[f[0]]; !ok {
			order = append(order, f[0])
		}
		series[f[0]] = append(series[f[0]], point{v[0], v[1], v[2] / 1024})
	}
	for _, s := range series {
		slices.SortFunc(s, func(a, b point) int { return cmp.Compare(a.kpis, b.kpis) })
	}
	return series, order, sc.Err()
}

var colours = []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2"}

// dashes draws a series about JSON catalogues dashed, beside its YAML twin.
func dashes(name string) string {
	if strings.Contains(name, "json") {
		return ` stroke-dasharray="6 4"`
	}
	return ""
}

const (
	panelW, panelH = 420, 300
	left, top      = 70, 40
)

func draw(w io.Writer, series map[string][]point, order []string) {
	width, height := 2*(panelW+left)+90, panelH+top+110
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	panel(w, series, order, left, "time (s)", func(p point) float64 { return p.seconds })
	panel(w, series, order, 2*left+panelW+40, "peak RSS (MB)", func(p point) float64 { return p.mb })
	for i, name := range order {
		x, y := left+(i%3)*260, top+panelH+55+(i/3)*20
		fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/><text x="%d" y="%d">%s</text>`+"\n",
			x, y-4, x+24, y-4, colours[i%len(colours)], dashes(name), x+30, y, html.EscapeString(name))
	}
	fmt.Fprintln(w, "</svg>")
}

// panel draws one log-log chart of the series at x0.
func panel(w io.Writer, series map[string][]point, order []string, x0 int, label string, of func(point) float64) {
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, p := range s {
			if v := of(p); v > 0 {
				minX, maxX = math.Min(minX, p.kpis), math.Max(maxX, p.kpis)
				minY, maxY = math.Min(minY, v), math.Max(maxY, v)
			}
		}
	}
	if math.IsInf(minX, 0) {
		return
	}
	lx0, lx1 := math.Floor(math.Log10(minX)), math.Ceil(math.Log10(maxX))
	ly0, ly1 := math.Floor(math.Log10(minY)), math.Ceil(math.Log10(maxY))
	if lx1 == lx0 {
		lx1++
	}
	if ly1 == ly0 {
		ly1++
	}
	px := func(v float64) float64 { return float64(x0) + (math.Log10(v)-lx0)/(lx1-lx0)*panelW }
	py := func(v float64) float64 { return float64(top+panelH) - (math.Log10(v)-ly0)/(ly1-ly0)*panelH }
	fmt.Fprintf(w, `<text x="%d" y="%d" font-weight="bold">%s against KPIs in the catalogue</text>`+"\n", x0, top-15, html.EscapeString(label))
	fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>`+"\n", x0, top, panelW, panelH)
	for e := lx0; e <= lx1; e++ {
		x := px(math.Pow(10, e))
		fmt.Fprintf(w, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eee"/><text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n",
			x, top, x, top+panelH, x, top+panelH+16, tick(e))
	}
	for e := ly0; e <= ly1; e++ {
		y := py(math.Pow(10, e))
		fmt.Fprintf(w, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/><text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n",
			x0, y, x0+panelW, y, x0-6, y+4, tick(e))
	}
	for i, name := range order {
		var pts []string
		for _, p := range series[name] {
			if v := of(p); v > 0 {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(p.kpis), py(v)))
			}
		}
		c := colours[i%len(colours)]
		fmt.Fprintf(w, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), c, dashes(name))
		for _, xy := range pts {
			x, y, _ := strings.Cut(xy, ",")
			fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="3" fill="%s"/>`+"\n", x, y, c)
		}
	}
}

// tick labels a power of ten: 0.01, 1, 1k, 1M.
func tick(e float64) string {
	v := math.Pow(10, e)
	switch {
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + "M"
	case v >= 1e3:
		return strconv.FormatFloat(v/1e3, 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
