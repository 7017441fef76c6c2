package cli_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kpilint/kpilint/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the expected output of testscript files")

// lastExit remembers each script's last kpilint exit code for `exitcode`;
// pendingStdin holds what `feed FILE` gives the next kpilint as standard input.
var lastExit, pendingStdin sync.Map

// TestScripts runs testdata/script/*.txtar: each holds input files, kpilint
// commands and their expected output. `kpilint` runs in-process; `exitcode
// N` checks the previous kpilint's exit code; `feed FILE` sets the next
// kpilint's standard input.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"kpilint": func(ts *testscript.TestScript, neg bool, args []string) {
				in, _ := pendingStdin.LoadAndDelete(ts)
				text, _ := in.(string)
				// The context cache lives in the script's work directory (a
				// hidden folder, so never walked): no test writes outside it.
				ios := &cli.IOStreams{In: strings.NewReader(text), Out: ts.Stdout(), ErrOut: ts.Stderr(), Getenv: ts.Getenv,
					Getwd:    func() (string, error) { return ts.MkAbs("."), nil },
					CacheDir: filepath.Join(ts.Getenv("WORK"), ".kpilint-cache")}
				code := cli.Run(ios, args)
				lastExit.Store(ts, code)
				if neg != (code != 0) {
					ts.Fatalf("kpilint exited %d", code)
				}
			},
			"feed": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: feed FILE")
				}
				pendingStdin.Store(ts, ts.ReadFile(args[0]))
			},
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: exitcode N")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				got, _ := lastExit.Load(ts)
				if (fmt.Sprint(got) == strconv.Itoa(want)) == neg {
					ts.Fatalf("kpilint exit code %v, want %d", got, want)
				}
			},
		},
	})
}
