package lint_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
)

// Fixtures are annotated catalogues, in the manner of analysistest: a line
// that should produce a finding says so in a comment, `# want RULE` (YAML)
// or `// want RULE` (CUE), optionally `RULE:COLUMN`. JSON files, which have
// no comments, list their expectations in FILE.want as `LINE RULE[:COLUMN]`.
// The harness fails on a missing finding and on an unexpected one.
// Each directory under testdata/fixtures is one catalogue; a kpilint.yaml
// in it configures the run.

var wantRE = regexp.MustCompile(`(?:#|//) want ((?:[a-z-]+(?::\d+)?\s*)+)$`)

type want struct {
	file string
	line int
	rule string
	col  int // 0: any
}

func (w want) String() string {
	if w.col > 0 {
		return fmt.Sprintf("%s:%d:%d %s", w.file, w.line, w.col, w.rule)
	}
	return fmt.Sprintf("%s:%d %s", w.file, w.line, w.rule)
}

func parseWant(file string, line int, spec string) []want {
	var out []want
	for _, f := range strings.Fields(spec) {
		rule, colText, _ := strings.Cut(f, ":")
		col, _ := strconv.Atoi(colText)
		out = append(out, want{file: file, line: line, rule: rule, col: col})
	}
	return out
}

func readWants(t *testing.T, dir string) []want {
	t.Helper()
	var out []want
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if strings.HasSuffix(rel, ".want") {
				num, spec, ok := strings.Cut(strings.TrimSpace(line), " ")
				if ok {
					l, _ := strconv.Atoi(num)
					out = append(out, parseWant(strings.TrimSuffix(rel, ".want"), l, spec)...)
				}
				continue
			}
			if m := wantRE.FindStringSubmatch(strings.TrimRight(line, "\r ")); m != nil {
				out = append(out, parseWant(rel, n, m[1])...)
			}
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

// Today is the fixed date fixtures are linted on.
var Today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func runDir(t *testing.T, dir string, workers int) *lint.Result {
	t.Helper()
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	cfg := config.Default(abs)
	if _, err := os.Stat(filepath.Join(abs, "kpilint.yaml")); err == nil {
		cfg, err = config.Load(filepath.Join(abs, "kpilint.yaml"), abs)
		require.NoError(t, err)
	}
	// Both modes: the full load the audit uses and the streaming one lint
	// uses must find exactly the same, so a rule tested here behaves the
	// same in the real command.
	res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{abs}, Today: Today, Workers: workers})
	require.NoError(t, err)
	streamed, err := lint.Run(lint.Options{Config: cfg, Paths: []string{abs}, Today: Today, Workers: workers, Compact: true})
	require.NoError(t, err)
	require.Equal(t, res.Findings, streamed.Findings, "streaming and full runs must find the same")
	require.Equal(t, res.Summary, streamed.Summary)
	return res
}

func TestFixtures(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/fixtures/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			wants := readWants(t, dir)
			res := runDir(t, dir, 2)
			var missing []string
			matched := make([]bool, len(res.Findings))
			for _, w := range wants {
				i := slices.IndexFunc(res.Findings, func(f lintFinding) bool {
					return f.File == w.file && f.Line == w.line && f.Rule == w.rule && (w.col == 0 || f.Column == w.col)
				})
				for i >= 0 && matched[i] {
					j := slices.IndexFunc(res.Findings[i+1:], func(f lintFinding) bool {
						return f.File == w.file && f.Line == w.line && f.Rule == w.rule && (w.col == 0 || f.Column == w.col)
					})
					if j < 0 {
						i = -1
						break
					}
					i += 1 + j
				}
				if i < 0 {
					missing = append(missing, w.String())
					continue
				}
				matched[i] = true
			}
			var unexpected []string
			for i, f := range res.Findings {
				if !matched[i] {
					unexpected = append(unexpected, fmt.Sprintf("%s:%d:%d %s: %s", f.File, f.Line, f.Column, f.Rule, f.Message))
				}
			}
			if len(missing) > 0 || len(unexpected) > 0 {
				t.Errorf("missing findings:\n  %s\nunexpected findings:\n  %s",
					strings.Join(missing, "\n  "), strings.Join(unexpected, "\n  "))
			}
		})
	}
}
