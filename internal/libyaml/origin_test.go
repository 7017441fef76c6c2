package libyaml

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The copied files stay what go.yaml.in/yaml/v3 ships at the version
// go.mod names, apart from the edits README.md lists: the package name, in
// resolve.go the deferred tag check that called the library's failf, and in
// readerc.go the block marked [kpilint] that copies runs of ASCII.
// When go.mod moves to a new release, this test says which files to copy
// again.
func TestCopiedFilesMatchTheirOrigin(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "go.yaml.in/yaml/v3").Output()
	if err != nil {
		t.Fatalf("find go.yaml.in/yaml/v3 in the module cache: %v", err)
	}
	origin := strings.TrimSpace(string(out))
	if origin == "" {
		t.Fatal("go.yaml.in/yaml/v3 is not downloaded: run go mod download")
	}
	deferredCheck := regexp.MustCompile(`(?s)\n\n\tdefer func\(\) \{\n\t\tswitch tag \{.*?\n\t\}\(\)\n`)
	asciiRun := regexp.MustCompile(`(?s)\t\t\t// \[kpilint\] .*?\n\t\t\tif parser\.encoding == yaml_UTF8_ENCODING \{\n.*?\n\t\t\t\}\n`)
	for _, name := range []string{"apic.go", "parserc.go", "readerc.go", "scannerc.go", "yamlh.go", "yamlprivateh.go", "resolve.go", "LICENSE", "NOTICE"} {
		t.Run(name, func(t *testing.T) {
			upstream, err := os.ReadFile(filepath.Join(origin, name))
			if err != nil {
				t.Fatal(err)
			}
			ours, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if name == "readerc.go" {
				if !asciiRun.Match(ours) {
					t.Fatal("readerc.go no longer has the [kpilint] block README.md lists")
				}
				ours = asciiRun.ReplaceAll(ours, nil)
			}
			want := strings.Replace(string(upstream), "\npackage yaml\n", "\npackage libyaml\n", 1)
			if name == "resolve.go" {
				if !deferredCheck.MatchString(want) {
					t.Fatal("the upstream resolve.go no longer has the deferred tag check README.md says is removed")
				}
				want = deferredCheck.ReplaceAllString(want, "\n")
			}
			if string(ours) != want {
				t.Errorf("%s differs from %s beyond the edits internal/libyaml/README.md lists", name, filepath.Join(origin, name))
			}
		})
	}
}
