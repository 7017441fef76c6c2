package document

import (
	"sync/atomic"

	"github.com/kpilint/kpilint/internal/tree"
)

// An Arena lends the memory of parsed trees to one reader of files, one
// file after another: the nodes, entries and lists of a file's tree and
// the buffer its bytes are read into come from blocks the arena keeps, and
// Reset hands them to the next file. A streaming lint drops each file's
// tree once its KPIs are checked; without an arena, trees and file bytes
// were half of all it allocated, and so half of what made the collector
// run (BENCHMARKS.md).
//
// An arena is not safe for concurrent use. Every tree parsed in it, and
// the bytes read into it, must be unreachable when Reset is called: the
// next file's values are written over them.
type Arena struct {
	nodes     slab[tree.Node]
	entries   slab[tree.Entry]
	nodeList  slab[*tree.Node]
	entryList slab[*tree.Entry]
	buf       []byte
	// keyTable is kept across files: keys are strings of their own, and
	// every file of a catalogue has the same ones.
	keyTable keyTable
}

// NewArena is an empty arena.
func NewArena() *Arena {
	a := &Arena{}
	a.nodes.keep, a.entries.keep, a.nodeList.keep, a.entryList.keep = true, true, true, true
	if poisonArenas.Load() {
		a.nodes.poison = &tree.Node{Kind: tree.Kind(-1), Str: "released by the arena", EndLine: -1}
		a.entries.poison = &tree.Entry{Key: "released by the arena", KeyPos: tree.Pos{Line: -1, Col: -1}}
	}
	return a
}

// poisonArenas makes arenas made after it write a poison value over the
// values of a file's tree at Reset, instead of clearing them: a test of a
// streaming lint that still used a tree after its file was done would see
// it (PoisonArenas).
var poisonArenas atomic.Bool

// PoisonArenas turns the poison of released trees on or off, for tests.
func PoisonArenas(on bool) { poisonArenas.Store(on) }

// ArenasPoisoned reports whether released memory is poisoned: what a
// loader that lends memory of its own from file to file does too.
func ArenasPoisoned() bool { return poisonArenas.Load() }

// Reset makes the arena's memory the next file's. The blocks are cleared,
// so that nothing of the last file stays reachable through them.
func (a *Arena) Reset() {
	if a == nil {
		return
	}
	a.nodes.reset()
	a.entries.reset()
	a.nodeList.reset()
	a.entryList.reset()
}

// maxKeptBlocks bounds the blocks of a kind an arena keeps: a file
// larger than that many blocks' worth of values (a hostile one, at the
// limits) is parsed in it, but its extra blocks are left to the collector.
const maxKeptBlocks = 256

// maxKeptBuffer bounds the read buffer an arena keeps.
const maxKeptBuffer = 8 << 20

// slabSize is the values of a block: one allocation per few hundred values
// instead of one per value.
const slabSize = 256

// slab hands out values of T from blocks of slabSize. A slab that keeps
// its blocks (an arena's) hands them out again after reset.
type slab[T any] struct {
	cur    []T
	blocks [][]T // kept blocks; the first used are in use
	used   int
	keep   bool
	// poison, set by tests, is written over every value at reset instead
	// of the zero value, so a tree used after its file is done shows it.
	poison *T
}

func (s *slab[T]) next() *T {
	if len(s.cur) == 0 {
		s.cur = s.block()
	}
	v := &s.cur[0]
	s.cur = s.cur[1:]
	return v
}

// take returns n values of T in one slice of capacity n (appending to it
// copies it), from the current block when they fit.
func (s *slab[T]) take(n int) []T {
	if n > slabSize/4 {
		return make([]T, n)
	}
	if len(s.cur) < n {
		s.cur = s.block()
	}
	out := s.cur[:n:n]
	s.cur = s.cur[n:]
	return out
}

func (s *slab[T]) block() []T {
	if s.used < len(s.blocks) {
		s.used++
		return s.blocks[s.used-1]
	}
	b := make([]T, slabSize)
	if s.keep && len(s.blocks) < maxKeptBlocks {
		s.blocks = append(s.blocks, b)
		s.used++
	}
	return b
}

func (s *slab[T]) reset() {
	for _, b := range s.blocks[:s.used] {
		if s.poison != nil {
			for i := range b {
				b[i] = *s.poison
			}
		} else {
			clear(b)
		}
	}
	s.used, s.cur = 0, nil
}

// stack collects the entries of mappings or the items of lists while they
// are parsed (nested ones above their parents'), so that each ends in a
// slice of its exact size: one allocation where appending ten entries to
// an empty slice takes five.
type stack[T any] []T

// take removes the values above base and returns them in a slice of their
// own, from lists.
func (s *stack[T]) take(base int, lists *slab[T]) []T {
	if len(*s) == base {
		return nil
	}
	out := lists.take(len(*s) - base)
	copy(out, (*s)[base:])
	*s = (*s)[:base]
	return out
}

// treeBlocks are the blocks a parser takes a tree's values from.
type treeBlocks struct {
	nodeSlab   *slab[tree.Node]
	entrySlab  *slab[tree.Entry]
	nodeLists  *slab[*tree.Node]
	entryLists *slab[*tree.Entry]
}

// blocks are the arena's blocks, or fresh ones for a tree that is kept.
func (a *Arena) blocks() treeBlocks {
	if a == nil {
		return treeBlocks{&slab[tree.Node]{}, &slab[tree.Entry]{}, &slab[*tree.Node]{}, &slab[*tree.Entry]{}}
	}
	return treeBlocks{&a.nodes, &a.entries, &a.nodeList, &a.entryList}
}
