// Command bareparse is the floor of the benchmarks: it reads and parses
// every *.kpi.yaml file under a directory with the YAML library kpilint
// uses (go.yaml.in/yaml/v3) into nodes, and every *.kpi.json file with
// encoding/json into Go values, on as many workers as kpilint, and does
// nothing else.
//
// With -events it only runs the library's scanner and parser
// (internal/libyaml, the copy kpilint reads YAML with) and counts the
// events, building no tree at all: a stricter floor than the issue's,
// which shows what kpilint's own work costs.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"

	"github.com/kpilint/kpilint/internal/libyaml"
)

func main() {
	events := flag.Bool("events", false, "only scan and parse into events, build no tree")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: bareparse [-events] DIR")
		os.Exit(2)
	}
	var files []string
	err := filepath.WalkDir(flag.Arg(0), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".kpi.yaml") || strings.HasSuffix(p, ".kpi.json")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var nodes atomic.Int64
	next := make(chan string)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for p := range next {
				data, err := os.ReadFile(p)
				if err != nil {
					panic(err)
				}
				if strings.HasSuffix(p, ".json") {
					var v any
					if err := json.Unmarshal(data, &v); err != nil {
						panic(err)
					}
					nodes.Add(countJSON(v))
					continue
				}
				if *events {
					nodes.Add(countEvents(data))
					continue
				}
				dec := yaml.NewDecoder(bytes.NewReader(data))
				for {
					var doc yaml.Node
					if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
						break
					} else if err != nil {
						panic(err)
					}
					nodes.Add(count(&doc))
				}
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	fmt.Printf("%d files, %d nodes\n", len(files), nodes.Load())
}

// countEvents counts the scalars, aliases and collections of a stream.
func countEvents(data []byte) int64 {
	p := libyaml.NewParser(data)
	var c int64
	for {
		ev, err := p.Next()
		if err != nil {
			panic(err)
		}
		switch ev.Kind {
		case libyaml.StreamEnd:
			return c
		case libyaml.Scalar, libyaml.Alias, libyaml.MappingStart, libyaml.SequenceStart:
			c++
		}
	}
}

func countJSON(v any) int64 {
	c := int64(1)
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			c += countJSON(x)
		}
	case []any:
		for _, x := range v {
			c += countJSON(x)
		}
	}
	return c
}

func count(n *yaml.Node) int64 {
	c := int64(1)
	for _, ch := range n.Content {
		c += count(ch)
	}
	return c
}
