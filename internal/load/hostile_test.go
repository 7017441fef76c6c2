package load

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/rules"
)

// maxAllocPerFile is the memory bound of issue #4: no hostile file may make
// kpilint allocate more than this while reading it.
const maxAllocPerFile = 256 << 20

type expectation struct {
	none      bool
	line, col int
	rule, msg string
}

func readExpectations(t *testing.T, dir string) map[string]expectation {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "expect.txt"))
	require.NoError(t, err)
	defer f.Close()
	out := map[string]expectation{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, " | ")
		if len(parts) == 2 && parts[1] == "-" {
			out[parts[0]] = expectation{none: true}
			continue
		}
		require.Len(t, parts, 4, line)
		l, c, _ := strings.Cut(parts[1], ":")
		e := expectation{rule: parts[2], msg: parts[3]}
		e.line, _ = strconv.Atoi(l)
		e.col, _ = strconv.Atoi(c)
		out[parts[0]] = e
	}
	return out
}

func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileCorpus reads every file of testdata/hostile and checks the
// finding it must produce, its exact position, and the memory it costs.
func TestHostileCorpus(t *testing.T) {
	dir := "../../testdata/hostile"
	want := readExpectations(t, dir)
	files, err := filepath.Glob(filepath.Join(dir, "*.kpi.*"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 30)
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			exp, ok := want[name]
			require.True(t, ok, "add %s to expect.txt", name)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			var fs []findingT
			bytes := allocated(func() { _, fs = Parse(name, data, document.DefaultLimits) })
			assert.Less(t, bytes, uint64(maxAllocPerFile), "allocated %d MB", bytes>>20)
			for _, f := range fs {
				assert.LessOrEqual(t, utf8.RuneCountInString(f.Message.String()), 400, "messages are bounded")
				assert.NotEqual(t, rules.InternalError.ID, f.Rule, f.Message.String())
			}
			if exp.none {
				assert.Empty(t, fs)
				return
			}
			require.NotEmpty(t, fs)
			f := fs[0]
			assert.Equal(t, exp.rule, f.Rule)
			assert.Equal(t, exp.line, f.Line, "line")
			assert.Equal(t, exp.col, f.Column, "column")
			assert.Contains(t, f.Message.String(), exp.msg)
		})
	}
}

type findingT = finding.Finding
