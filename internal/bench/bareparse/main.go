// Command bareparse is the floor of the benchmarks: it reads and parses
// every *.kpi.yaml file under a directory with the YAML library kpilint
// uses (go.yaml.in/yaml/v3) into nodes, on as many workers as kpilint,
// and does nothing else.
package main

import (
	"bytes"
	"errors"
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
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: bareparse DIR")
		os.Exit(2)
	}
	var files []string
	err := filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".kpi.yaml") {
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

func count(n *yaml.Node) int64 {
	c := int64(1)
	for _, ch := range n.Content {
		c += count(ch)
	}
	return c
}
