// Benchmarks of the stages kpilint's speed is judged by, at 1,000, 10,000
// and 100,000 KPIs (50 KPIs a file):
//
//	go test ./internal/bench -run '^$' -bench . -benchtime 3x
//
// ParseOnly is the floor (the YAML library's own tree), ParseEvents the
// stricter floor (its parser's events, no tree), Validate adds kpilint's
// tree and the schema validator derived from CUE, Lint is the whole run
// with every rule. internal/bench/run.sh compares whole processes.
package bench_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/kpilint/kpilint/internal/bench/gen"
	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/libyaml"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/load"
)

var sizes = []int{1_000, 10_000, 100_000}

var (
	catalogues   = map[int]string{}
	cataloguesMu sync.Mutex
)

// catalogue writes (once per process) a catalogue of n KPIs.
func catalogue(b *testing.B, n int) (string, []string) {
	b.Helper()
	cataloguesMu.Lock()
	defer cataloguesMu.Unlock()
	dir, ok := catalogues[n]
	if !ok {
		var err error
		dir, err = os.MkdirTemp("", fmt.Sprintf("kpilint-bench-%d-", n))
		if err != nil {
			b.Fatal(err)
		}
		if err := gen.Write(dir, gen.Options{KPIs: n, Files: n/50 + 1, Defects: 0.05, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		catalogues[n] = dir
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.kpi.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	return dir, files
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range catalogues {
		_ = os.RemoveAll(dir)
	}
	os.Exit(code)
}

// perSize runs op once per iteration at each catalogue size and reports the
// time per KPI.
func perSize(b *testing.B, op func(b *testing.B, n int, dir string, files []string)) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("kpis=%d", n), func(b *testing.B) {
			dir, files := catalogue(b, n)
			for b.Loop() {
				op(b, n, dir, files)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/kpi")
		})
	}
}

// eachFile reads each file on two workers, as kpilint does, and hands its
// path and bytes to parse.
func eachFile(b *testing.B, files []string, parse func(path string, data []byte) error) {
	next := make(chan string)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for p := range next {
				data, err := os.ReadFile(p)
				if err == nil {
					err = parse(p, data)
				}
				if err != nil {
					b.Error(err)
				}
			}
		})
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
}

func BenchmarkParseOnly(b *testing.B) {
	perSize(b, func(b *testing.B, _ int, _ string, files []string) {
		eachFile(b, files, func(_ string, data []byte) error {
			dec := yaml.NewDecoder(bytes.NewReader(data))
			for {
				var doc yaml.Node
				if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
					return nil
				} else if err != nil {
					return err
				}
			}
		})
	})
}

// BenchmarkParseEvents is the stricter floor: the scanner and parser kpilint
// reads YAML with, producing events and no tree.
func BenchmarkParseEvents(b *testing.B) {
	perSize(b, func(b *testing.B, _ int, _ string, files []string) {
		eachFile(b, files, func(_ string, data []byte) error {
			for parser := libyaml.NewParser(data); ; {
				ev, err := parser.Next()
				if err != nil {
					return err
				}
				if ev.Kind == libyaml.StreamEnd {
					return nil
				}
			}
		})
	})
}

func BenchmarkValidate(b *testing.B) {
	perSize(b, func(b *testing.B, _ int, dir string, files []string) {
		eachFile(b, files, func(p string, data []byte) error {
			rel, _ := filepath.Rel(dir, p)
			if _, fs := load.Parse(rel, data, document.DefaultLimits); len(fs) > 0 {
				return fmt.Errorf("%s: %v", rel, fs[0].Message)
			}
			return nil
		})
	})
}

func BenchmarkLint(b *testing.B) {
	perSize(b, func(b *testing.B, n int, dir string, _ []string) {
		cfg := config.Default(dir)
		res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{dir}, Today: time.Now(), Workers: 2, Compact: true})
		if err != nil {
			b.Fatal(err)
		}
		if res.Summary.KPIs != n {
			b.Fatalf("linted %d KPIs, want %d", res.Summary.KPIs, n)
		}
	})
}

// BenchmarkGate is the pre-commit hook on a one-file commit: the catalogue
// in a git repository, one KPI file changed, `lint --new-from-rev HEAD`
// (lint.Since, then the lint it calls for). Warm: the context cache is
// filled by the first iteration, as by the commit before.
func BenchmarkGate(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("needs git")
	}
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("kpis=%d", n), func(b *testing.B) {
			src, files := catalogue(b, n)
			dir := b.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				b.Fatal(err)
			}
			for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=b", "-c", "user.email=b@b.invalid", "commit", "-q", "-m", "base"}} {
				if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
					b.Fatal(string(out))
				}
			}
			changed := filepath.Join(dir, filepath.Base(files[len(files)/2]))
			data, err := os.ReadFile(changed)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(changed, bytes.Replace(data, []byte("name: "), []byte("name: Renamed "), 1), 0o644); err != nil {
				b.Fatal(err)
			}
			cache := b.TempDir()
			for b.Loop() {
				opts := lint.Options{Config: config.Default(dir), Today: time.Now(), Workers: 2, Compact: true, CacheDir: cache}
				gate, err := lint.Since(opts, "HEAD", lint.GateOptions{})
				if err != nil {
					b.Fatal(err)
				}
				opts.Paths, opts.Since = []string{dir}, gate.Baseline
				if gate.Narrow {
					opts.Paths, opts.CatalogueWide = gate.Files, true
				}
				if _, err := lint.Run(opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
