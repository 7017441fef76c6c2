package audit

import (
	"slices"

	"github.com/kpilint/kpilint/internal/lint"
)

// MaxHistory bounds --history: each commit is one lint of the catalogue.
const MaxHistory = 500

// Point is the catalogue at one commit of its history: its scores and the
// key KPIs added and retired by the commit (against the commit before it in
// the history; the oldest point has nothing to compare with).
type Point struct {
	Commit       string   `json:"commit"`
	Date         string   `json:"date"`
	Subject      string   `json:"subject"`
	Quality      float64  `json:"quality"`
	Completeness float64  `json:"completeness"`
	KPIs         int      `json:"active_kpis"`
	Added        []string `json:"added"`
	Retired      []string `json:"retired"`
}

// History is the trend of the last n commits that touched the catalogue,
// oldest first: `kpilint audit --history N` (docs/output.md, "Audit").
// Each commit's catalogue is linted with the configuration it had then.
func History(opts lint.Options, n int) ([]Point, error) {
	var newestFirst []Point
	var ids []map[string]bool
	opts.KeepScores = true
	err := lint.History(opts, n, func(c lint.Revision, res *lint.Result) {
		set := map[string]bool{}
		for _, s := range res.Scores {
			set[s.KPI.ID()] = true
		}
		newestFirst = append(newestFirst, Point{Commit: c.Short(), Date: c.Date, Subject: c.Subject, Quality: res.Summary.Score,
			Completeness: res.Summary.Completeness, KPIs: len(res.Scores)})
		ids = append(ids, set)
	})
	if err != nil {
		return nil, err
	}
	out := make([]Point, 0, len(newestFirst))
	for i := len(newestFirst) - 1; i >= 0; i-- {
		p := newestFirst[i]
		if i+1 < len(ids) {
			p.Added, p.Retired = diff(ids[i+1], ids[i]), diff(ids[i], ids[i+1])
		}
		out = append(out, p)
	}
	return out, nil
}

// diff is the sorted ids in b and not in a.
func diff(a, b map[string]bool) []string {
	out := []string{}
	for id := range b {
		if !a[id] && id != "" {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
