package catalogue

import (
	"iter"
	"slices"
	"strings"
)

// RefList is a list of KPIs' refs in catalogue order: files' refs one
// after another, or some of them (Filter). It holds a pointer per file,
// not per KPI: a million KPIs' list of pointers was 8 MB and a million
// pointers for the collector to follow at every cycle, where the files'
// list is 20,000 and a filtered list's positions are numbers.
type RefList struct {
	files []*FileRefs
	ends  []int    // ends[j] is how many refs files[:j+1] hold
	pick  []uint32 // the positions listed, in order; nil: all of them
}

// NewRefList lists the refs of files, in the order given (files without
// KPIs are left out).
func NewRefList(files []*FileRefs) RefList {
	var l RefList
	n := 0
	for _, f := range files {
		if f.Len() > 0 {
			n += f.Len()
			l.files = append(l.files, f)
			l.ends = append(l.ends, n)
		}
	}
	return l
}

// SortRefFiles sorts files by path, the catalogue's order (stable: one
// file's refs in one FileRefs keep theirs).
func SortRefFiles(files []*FileRefs) {
	slices.SortStableFunc(files, func(a, b *FileRefs) int { return strings.Compare(a.file.Path, b.file.Path) })
}

// Len is how many refs the list holds.
func (l RefList) Len() int {
	if l.pick != nil {
		return len(l.pick)
	}
	if len(l.ends) == 0 {
		return 0
	}
	return l.ends[len(l.ends)-1]
}

// At is the i-th ref.
func (l RefList) At(i int) KPIRef {
	p := i
	if l.pick != nil {
		p = int(l.pick[i])
	}
	j := l.fileOf(p)
	start := 0
	if j > 0 {
		start = l.ends[j-1]
	}
	return l.files[j].At(p - start)
}

// fileOf is the file of the ref at position p: the first whose refs end
// past p. Files of a catalogue mostly hold about as many KPIs each, so
// the file p would be in if they all held as many is tried first (a rule
// that looks refs up by position, as duplicate-id does a million times,
// spent most of its time in the search).
func (l RefList) fileOf(p int) int {
	n := len(l.ends)
	if j := int(int64(p) * int64(n) / int64(l.ends[n-1])); l.ends[j] > p && (j == 0 || l.ends[j-1] <= p) {
		return j
	}
	j, _ := slices.BinarySearch(l.ends, p+1)
	return j
}

// All are the refs in order, with their index in the list.
func (l RefList) All() iter.Seq2[int, KPIRef] {
	return func(yield func(int, KPIRef) bool) {
		if l.pick != nil {
			for i := range l.pick {
				if !yield(i, l.At(i)) {
					return
				}
			}
			return
		}
		i := 0
		for _, f := range l.files {
			for k := range f.Len() {
				if !yield(i, f.At(k)) {
					return
				}
				i++
			}
		}
	}
}

// Filter is the refs keep says yes to: the list itself when it keeps
// them all.
func (l RefList) Filter(keep func(KPIRef) bool) RefList {
	var pick []uint32 // nil until a ref is left out
	for i, r := range l.All() {
		kept := keep(r)
		if !kept && pick == nil {
			pick = make([]uint32, 0, l.Len()-1)
			for k := range i {
				pick = append(pick, l.position(k))
			}
		}
		if kept && pick != nil {
			pick = append(pick, l.position(i))
		}
	}
	if pick == nil {
		return l
	}
	return RefList{files: l.files, ends: l.ends, pick: pick}
}

// position is the i-th ref's position among all the files' refs.
func (l RefList) position(i int) uint32 {
	if l.pick != nil {
		return l.pick[i]
	}
	return uint32(i) //nolint:gosec // fewer refs than fit in memory
}
