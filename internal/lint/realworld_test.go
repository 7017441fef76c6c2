package lint_test

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/testtool"
	"github.com/kpilint/kpilint/rules"
)

// The judged corpus: real, public KPI definitions translated faithfully
// into kpilint's format (testdata/real/SOURCE, each file saying where it
// comes from), with every finding judged the way a KPI expert applying
// docs/principles.md would. On the line a finding points at:
//
//	# want RULE[:COL]...    kpilint reports it, and it is right
//	# wrong RULE[:COL]...   kpilint reports it, and it is wrong (precision)
//	# missed RULE...        an expert reports it, kpilint does not (recall)
//
// (several of them may follow one another in one comment). A finding that
// nobody has judged fails the test, and so does a judged finding that
// kpilint no longer gives. The test prints each rule's precision and
// recall and holds the figures of docs/rules.md: every completeness rule
// 100 % precise; every quality rule that fires five times or more, and the
// quality rules together, at least 90 %.
func TestJudgedRealWorldCorpus(t *testing.T) {
	sources, err := filepath.Glob("../../testdata/real/*")
	require.NoError(t, err)
	sources = slices.DeleteFunc(sources, func(p string) bool { fi, err := os.Stat(p); return err != nil || !fi.IsDir() })
	require.NotEmpty(t, sources)

	type tally struct{ right, wrong, missed int }
	byRule := map[string]*tally{}
	count := func(rule string) *tally {
		if byRule[rule] == nil {
			byRule[rule] = &tally{}
		}
		return byRule[rule]
	}
	kpis := 0
	for _, dir := range sources {
		judged := readJudgements(t, dir)
		res := runDir(t, dir, 2)
		kpis += res.Outline.KPIs.Len()
		seen := make([]bool, len(judged))
		for _, f := range res.Findings {
			i := slices.IndexFunc(judged, func(j judgement) bool {
				return j.kind != "missed" && j.file == f.File && j.line == f.Line && j.rule == f.Rule && (j.col == 0 || j.col == f.Column)
			})
			for i >= 0 && seen[i] {
				next := slices.IndexFunc(judged[i+1:], func(j judgement) bool {
					return j.kind != "missed" && j.file == f.File && j.line == f.Line && j.rule == f.Rule && (j.col == 0 || j.col == f.Column)
				})
				if next < 0 {
					i = -1
					break
				}
				i += 1 + next
			}
			if i < 0 {
				t.Errorf("%s/%s:%d:%d %s: %s — judge this finding (# want or # wrong)", filepath.Base(dir), f.File, f.Line, f.Column, f.Rule, f.Message)
				continue
			}
			seen[i] = true
			if judged[i].kind == "want" {
				count(f.Rule).right++
			} else {
				count(f.Rule).wrong++
			}
		}
		for i, j := range judged {
			switch {
			case j.kind == "missed":
				count(j.rule).missed++
			case !seen[i]:
				t.Errorf("%s/%s:%d %s: judged %s, but kpilint no longer reports it", filepath.Base(dir), j.file, j.line, j.rule, j.kind)
			}
		}
	}

	var ids []string
	for id := range byRule {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var report strings.Builder
	fmt.Fprintf(&report, "judged corpus: %d real KPIs from %d public sources\n", kpis, len(sources))
	fmt.Fprintf(&report, "%-24s %-13s %6s %6s %6s %10s %8s\n", "rule", "group", "right", "wrong", "missed", "precision", "recall")
	var qRight, qWrong int
	for _, id := range ids {
		c, r := byRule[id], rules.Lookup(id)
		require.NotNil(t, r, id)
		precision := ratio(c.right, c.right+c.wrong)
		fmt.Fprintf(&report, "%-24s %-13s %6d %6d %6d %9.0f%% %7.0f%%\n", id, r.Group, c.right, c.wrong, c.missed,
			100*precision, 100*ratio(c.right, c.right+c.missed))
		switch {
		case r.Group == rules.Completeness && c.wrong > 0:
			t.Errorf("completeness rule %s is wrong %d times: it must be 100 %% precise", id, c.wrong)
		case r.Group == rules.Quality:
			qRight, qWrong = qRight+c.right, qWrong+c.wrong
			if c.right+c.wrong >= 5 && precision < 0.9 {
				t.Errorf("quality rule %s: precision %.0f %% on the corpus, below 90 %%", id, 100*precision)
			}
		}
	}
	fmt.Fprintf(&report, "quality rules together: %.0f%% precise (%d right, %d wrong)\n", 100*ratio(qRight, qRight+qWrong), qRight, qWrong)
	t.Log("\n" + report.String())

	var cRight int
	for id, c := range byRule {
		if rules.Lookup(id).Group == rules.Completeness {
			cRight += c.right
		}
	}
	summary := fmt.Sprintf("Measured on %d real KPIs from %d public sources ([`testdata/real`](testdata/real), each finding judged by hand): "+
		"the completeness rules were right %d times of %d, the quality rules %d times of %d.\n",
		kpis, len(sources), cRight, cRight, qRight, qRight+qWrong)
	testtool.GeneratedBlock(t, *updateCompat, "corpus", summary, "../../README.md")
	if ratio(qRight, qRight+qWrong) < 0.9 {
		t.Errorf("the quality rules together are %.0f %% precise, below 90 %%", 100*ratio(qRight, qRight+qWrong))
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

type judgement struct {
	file, kind, rule string
	line, col        int
}

var judgedRE = regexp.MustCompile(`(?:#|//) ((?:want|wrong|missed)(?: [a-z-]+(?::\d+)?| want| wrong| missed)*)$`)

// readJudgements reads the # want / # wrong / # missed comments of a
// source's files (and FILE.want for JSON: `LINE [want|wrong|missed] RULE…`).
func readJudgements(t *testing.T, dir string) []judgement {
	t.Helper()
	var out []judgement
	parse := func(file string, line int, spec string) {
		kind := "want"
		for _, tok := range strings.Fields(spec) {
			if tok == "want" || tok == "wrong" || tok == "missed" {
				kind = tok
				continue
			}
			w := parseWant(file, line, tok)[0]
			out = append(out, judgement{file: file, kind: kind, rule: w.rule, line: line, col: w.col})
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	for _, p := range files {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		name := filepath.Base(p)
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimRight(sc.Text(), "\r ")
			if strings.HasSuffix(name, ".want") {
				num, spec, ok := strings.Cut(line, " ")
				var l int
				if _, err := fmt.Sscan(num, &l); ok && err == nil {
					parse(strings.TrimSuffix(name, ".want"), l, spec)
				}
				continue
			}
			if m := judgedRE.FindStringSubmatch(line); m != nil {
				parse(name, n, m[1])
			}
		}
	}
	return out
}
