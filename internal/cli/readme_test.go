package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/cli"
)

// The README shows real output; this test fails when it is stale
// (go test ./internal/cli -update rewrites it).
func TestReadmeOutputIsCurrent(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	var out, errOut bytes.Buffer
	ios := &cli.IOStreams{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" },
		Getwd: func() (string, error) { return root, nil }}
	code := cli.Run(ios, []string{"lint", "examples/needs-work/support.kpi.yaml", "--today", "2026-11-27"})
	require.Equal(t, 1, code, errOut.String())

	readmePath := filepath.Join(root, "README.md")
	readme, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	re := regexp.MustCompile("(?s)(\\$ go run ./cmd/kpilint lint examples/needs-work/support.kpi.yaml\n).*?(\n```)")
	require.Regexp(t, re, string(readme))
	want := re.ReplaceAllString(string(readme), "${1}"+escapeDollar(bytes.TrimRight(out.Bytes(), "\n"))+"${2}")
	if *update {
		require.NoError(t, os.WriteFile(readmePath, []byte(want), 0o644))
		return
	}
	require.Equal(t, want, string(readme), "README output is stale: go test ./internal/cli -update")
}

func escapeDollar(b []byte) string { return string(bytes.ReplaceAll(b, []byte("$"), []byte("$$"))) }
