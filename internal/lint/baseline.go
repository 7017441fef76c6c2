package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/atomicfile"
	"github.com/kpilint/kpilint/internal/document"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/rules"
)

// A baseline records the findings of a catalogue at one moment, by
// fingerprint (rule, file, id and message: never line numbers), so that
// adopting kpilint on an old catalogue hides what was already there and
// fails only on what is new. Inserting lines above a baselined finding
// keeps it baselined.
type baselineFile struct {
	Tool     string          `json:"tool"`
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	ID          string `json:"id,omitempty"`
	Message     string `json:"message"`
	Count       int    `json:"count"`
}

// Baseline maps fingerprints to how many findings with that fingerprint
// are accepted.
type Baseline map[string]int

// MaxBaselineBytes bounds a baseline file.
const MaxBaselineBytes = 64 << 20

// ReadBaseline reads a baseline written by WriteBaseline. The file comes
// from the repository: it must lie inside boundary (symbolic links
// resolved), and an error says where it is wrong, never what it holds.
func ReadBaseline(path, boundary string) (Baseline, error) {
	data, err := document.ReadInside(boundary, path, MaxBaselineBytes)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var bf baselineFile
	if err := json.Unmarshal(data, &bf); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("read baseline %s: not JSON (at byte %d): not a kpilint baseline", path, syn.Offset)
		}
		return nil, fmt.Errorf("read baseline %s: not a kpilint baseline (version 1)", path)
	}
	if bf.Tool != "kpilint" || bf.Version != 1 {
		return nil, fmt.Errorf("read baseline %s: not a kpilint baseline (version 1)", path)
	}
	b := Baseline{}
	for _, e := range bf.Findings {
		b[e.Fingerprint] += max(e.Count, 1)
	}
	return b, nil
}

// WriteBaseline records fs at path (syntax findings excepted), atomically, sorted for stable diffs.
// It returns how many findings it recorded.
func WriteBaseline(path string, fs []finding.Finding) (int, error) {
	recorded := 0
	byFP := map[string]*baselineEntry{}
	for _, f := range fs {
		if f.Rule == rules.Syntax.ID {
			continue // never accepted (see apply)
		}
		recorded++
		fp := f.Fingerprint()
		if e, ok := byFP[fp]; ok {
			e.Count++
			continue
		}
		byFP[fp] = &baselineEntry{Fingerprint: fp, Rule: f.Rule, File: f.File, ID: f.ID, Message: f.Message.String(), Count: 1}
	}
	bf := baselineFile{Tool: "kpilint", Version: 1, Findings: []baselineEntry{}}
	for _, e := range byFP {
		bf.Findings = append(bf.Findings, *e)
	}
	slices.SortFunc(bf.Findings, func(a, b baselineEntry) int {
		return strings.Compare(a.File+"\x00"+a.Rule+"\x00"+a.ID+"\x00"+a.Message, b.File+"\x00"+b.Rule+"\x00"+b.ID+"\x00"+b.Message)
	})
	data, err := json.MarshalIndent(bf, "", "  ")
	if err != nil {
		return 0, err
	}
	return recorded, atomicfile.Write(path, append(data, '\n'))
}

// apply splits findings into new ones and those the baseline accepts, and
// counts the baseline's entries that matched nothing (stale). A baseline
// file never accepts a file that cannot be parsed (nothing in it was
// checked); a gate's comparison does when the file was as broken before
// (syntax true): it reports only what is new.
func (b Baseline) apply(fs []finding.Finding, syntax bool) (kept, baselined []finding.Finding, stale int) {
	left := make(map[string]int, len(b))
	for k, v := range b {
		left[k] = v
	}
	for _, f := range fs {
		if fp := f.Fingerprint(); left[fp] > 0 && (syntax || f.Rule != rules.Syntax.ID) {
			left[fp]--
			baselined = append(baselined, f)
			continue
		}
		kept = append(kept, f)
	}
	for _, n := range left {
		stale += n
	}
	return kept, baselined, stale
}
