package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/bench/gen"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/load"
	"github.com/kpilint/kpilint/internal/report"
)

// The context cache changes how fast, never what: linting one file of a
// catalogue gives the same report cold, warm and without the cache, and a
// changed context file is read again.
func TestContextCacheGivesTheSameResult(t *testing.T) {
	cacheDir := t.TempDir()
	dir := t.TempDir()
	require.NoError(t, gen.Write(dir, gen.Options{KPIs: 300, Files: 7, Defects: 0.2, Seed: 3}))
	named := filepath.Join(dir, "kpis-00002.kpi.yaml")
	run := func(cache bool) string { return lintOne(t, dir, named, cacheDir, cache) }
	without := run(false)
	require.Equal(t, without, run(true), "cold cache")
	require.Equal(t, without, run(true), "warm cache")

	// A context file gains a KPI with the id of one in the named file: the
	// duplicate must be seen, so the changed file cannot come from the cache.
	other := filepath.Join(dir, "kpis-00001.kpi.yaml")
	data, err := os.ReadFile(other)
	require.NoError(t, err)
	extra := "  - {id: kpi-120, name: Copy, scope: team-0}\n"
	require.NoError(t, os.WriteFile(other, append(data, extra...), 0o644))
	changed := run(true)
	require.NotEqual(t, without, changed)
	require.Equal(t, run(false), changed)
	require.Contains(t, changed, `"rule": "duplicate-id"`)
}

// lintOne lints one file of the catalogue in dir, with the context cache
// in cacheDir or without it, and returns the JSON report.
func lintOne(t *testing.T, dir, named, cacheDir string, cache bool) string {
	t.Helper()
	opts := lint.Options{Config: config.Default(dir), Paths: []string{named}, Today: Today, Workers: 2, Compact: true}
	if cache {
		opts.CacheDir = cacheDir
	}
	res, err := lint.Run(opts)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, report.JSON(&buf, res, report.Options{Version: "test"}))
	return buf.String()
}

// A change to the policy, or to the configuration's rules, keeps the
// context cache (context files are not checked: their entries do not
// depend on either); a change to the limits, which decide what a file
// holds, misses and stores new entries.
func TestContextCacheKeysByWhatDecidesAnEntry(t *testing.T) {
	cacheDir := t.TempDir()
	dir := t.TempDir()
	require.NoError(t, gen.Write(dir, gen.Options{KPIs: 300, Files: 7, Seed: 3}))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "acme.cue"), []byte(`#KPI: owner?: email!: =~"@acme\\.se$"`+"\n"), 0o644))
	named := filepath.Join(dir, "kpis-00002.kpi.yaml")
	entries := func(configText string) int {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "kpilint.yaml"), []byte(configText), 0o644))
		cfg, err := config.Load(filepath.Join(dir, "kpilint.yaml"), dir)
		require.NoError(t, err)
		_, err = lint.Run(lint.Options{Config: cfg, Paths: []string{named}, Today: Today, Workers: 2, Compact: true, CacheDir: cacheDir})
		require.NoError(t, err)
		_, n := load.CacheSize(cacheDir)
		return n
	}
	first := entries("{}\n")
	require.Equal(t, 5, first, "one entry per context file of KPIs")
	require.Equal(t, first, entries("policy: [\"acme.cue\"]\nrules: {owner-overload: {max: 3}}\n"), "policy and rules keep the entries")
	require.Equal(t, 2*first, entries("limits: {max_file_bytes: 4000000}\n"), "other limits, other entries")
}

// The pack (load's cache_pack.go) serves a context file whose size, time
// and inode are unchanged without reading it, as git's index does; a file
// whose time moved is read again, and the same report as without the
// cache comes back. A file modified during the run's first seconds is
// never packed (TestPackSkipsRacyFiles).
func TestPackServesFilesByTheirStat(t *testing.T) {
	cacheDir := t.TempDir()
	dir := t.TempDir()
	require.NoError(t, gen.Write(dir, gen.Options{KPIs: 300, Files: 7, Seed: 3}))
	old := time.Now().Add(-time.Hour)
	files, err := filepath.Glob(filepath.Join(dir, "*.kpi.yaml"))
	require.NoError(t, err)
	for _, f := range files {
		require.NoError(t, os.Chtimes(f, old, old))
	}
	named := filepath.Join(dir, "kpis-00002.kpi.yaml")
	run := func(cache bool) string { return lintOne(t, dir, named, cacheDir, cache) }
	clean := run(true)
	_, entries := load.CacheSize(cacheDir)
	require.Equal(t, 5+1, entries, "an entry per context file of KPIs, and the pack")
	require.Equal(t, clean, run(true), "served from the pack")

	// A context file takes the id of a KPI of the named file, keeping its
	// size; its time is put back: the pack still serves what it held.
	id := regexp.MustCompile(`id: (kpi-\d+)`)
	mine := id.FindSubmatch(must(os.ReadFile(named)))[1]
	other := filepath.Join(dir, "kpis-00003.kpi.yaml")
	data := must(os.ReadFile(other))
	var theirs []byte
	for _, m := range id.FindAllSubmatch(data, -1) {
		if len(m[1]) == len(mine) {
			theirs = m[1]
			break
		}
	}
	require.NotNil(t, theirs)
	require.NoError(t, os.WriteFile(other, bytes.Replace(data, append([]byte("id: "), theirs...), append([]byte("id: "), mine...), 1), 0o644))
	require.NoError(t, os.Chtimes(other, old, old))
	require.Equal(t, clean, run(true), "same size, time and inode: the pack's entry")

	// Its time moves: read again, and the duplicate is seen.
	require.NoError(t, os.Chtimes(other, old.Add(time.Second), old.Add(time.Second)))
	changed := run(true)
	require.Contains(t, changed, `"rule": "duplicate-id"`)
	require.Equal(t, run(false), changed)
	require.Equal(t, changed, run(true), "packed again")

	// The file of units and goals is in the pack too. A goal the named
	// file's KPIs use goes from it (renamed, keeping the file's size: the
	// commit pre-commit once let through was a deleted goal): served from
	// the pack while the stat holds; once its time moves, parsed again and
	// the reference reported.
	org := filepath.Join(dir, "organisation.kpi.yaml")
	goal := regexp.MustCompile(`goal: (goal-\d+)`).FindSubmatch(must(os.ReadFile(named)))[1]
	orgData := must(os.ReadFile(org))
	decl := []byte("{id: " + string(goal) + ",")
	require.Contains(t, string(orgData), string(decl))
	renamed := bytes.Replace(orgData, decl, bytes.Replace(decl, []byte("goal-"), []byte("gone-"), 1), 1)
	require.NoError(t, os.WriteFile(org, renamed, 0o644))
	require.NoError(t, os.Chtimes(org, old, old))
	require.Equal(t, changed, run(true), "the pack's units and goals, while the stat holds")
	require.NoError(t, os.Chtimes(org, old.Add(time.Second), old.Add(time.Second)))
	deleted := run(true)
	require.Contains(t, deleted, string(goal)+`\", which is not a declared goal`)
	require.Equal(t, run(false), deleted)
	require.Equal(t, deleted, run(true), "units and goals packed again")
}

// TestPackSkipsRacyFiles: files written just now (the generator's) are
// not packed, since a second change in the same clock tick could keep
// their stat; a change to one is always seen.
func TestPackSkipsRacyFiles(t *testing.T) {
	cacheDir := t.TempDir()
	dir := t.TempDir()
	require.NoError(t, gen.Write(dir, gen.Options{KPIs: 300, Files: 7, Seed: 3}))
	named := filepath.Join(dir, "kpis-00002.kpi.yaml")
	opts := lint.Options{Config: config.Default(dir), Paths: []string{named}, Today: Today, Workers: 2, Compact: true, CacheDir: cacheDir}
	_, err := lint.Run(opts)
	require.NoError(t, err)
	packs, err := filepath.Glob(filepath.Join(cacheDir, "packs", "*"))
	require.NoError(t, err)
	require.Empty(t, packs, "no pack of racy files")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
