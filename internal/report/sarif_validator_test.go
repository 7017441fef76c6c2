package report_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kpilint/kpilint/internal/config"
	"github.com/kpilint/kpilint/internal/lint"
	"github.com/kpilint/kpilint/internal/report"
	"github.com/kpilint/kpilint/internal/testtool"
)

// Microsoft's SARIF validator, with GitHub's rules, reports no error on
// kpilint's SARIF for examples/needs-work.
func TestSARIFPassesMicrosoftValidator(t *testing.T) {
	tool := testtool.Find(t, "KPILINT_SARIF_MULTITOOL", "Sarif.Multitool", "sarif-multitool")
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	cfg, err := config.Load("", root)
	require.NoError(t, err)
	res, err := lint.Run(lint.Options{Config: cfg, Paths: []string{filepath.Join(root, "examples/needs-work")}, Today: time.Now(), Workers: 2})
	require.NoError(t, err)
	require.NotEmpty(t, res.Findings)
	// As rendered at the catalogue root, and as in a repository whose
	// catalogue is in a subfolder (paths prefixed, the top a file URI).
	for name, opts := range map[string]report.Options{
		"root":      {Version: "1.0.0"},
		"subfolder": {Version: "1.0.0", RepoTop: root, RepoPrefix: "strategy"},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, report.SARIF(&buf, res, opts))
			path := filepath.Join(t.TempDir(), "needs-work.sarif")
			require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))

			cmd := exec.Command(tool, "validate", "--rule-kind", "Gh;Sarif", path)
			cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, string(out))
			require.Contains(t, string(out), "Analysis completed successfully", string(out))
			if errs := regexp.MustCompile(`(?m)^.*: error [A-Z]+\d+:.*$`).FindAllString(string(out), -1); len(errs) > 0 {
				t.Fatalf("the validator reports errors:\n%s", bytes.Join(toBytes(errs), []byte("\n")))
			}
		})
	}
}

func toBytes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}
