package cli

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
)

// The garbage collector's settings (BENCHMARKS.md has the figures behind
// them). kpilint allocates quickly and keeps little: each file's tree is
// dropped once checked, and what stays is a few dozen bytes per KPI. So it
// collects at 5× the live heap (GOGC 400) while the heap is small, which
// saves a fifth of a small run; and as the live heap grows, a soft memory
// limit of 1.45 times the live heap (at least minHeap) takes over, so a
// large catalogue is collected at 1.45× its live heap instead of 5×. The
// limit follows the live heap after every collection (the lower of the
// last two, followLive): a fixed limit below
// a big catalogue's live heap made the collector run without pause (4.7×
// slower at 300,000 KPIs). The factor is what the collector's work allows:
// a cycle marks every pointer of the live heap, and a lower factor means
// more cycles. Measured at 1M KPIs (JSON and YAML, alternating runs) once
// the refs and the organisation held no pointer (a collection's marking
// about 10 ms of CPU, was 30–60): 1.6× 2–3 % GC at 195–219 MB, 1.5× 3–4 %
// at 184–199 MB, 1.45× 3–4 % at 180–198 MB, the same time for JSON and
// 3–5 % more for YAML; a commit earlier, 1.4× 5 % at 189–217 MB and 5–8 %
// more time, 1.3× 14–16 % (the collector all but without pause).
// Before that, with pointers in what the run kept, 1.5× had cost 9 % and
// 1.75× 5–6 %. The limit never exceeds half of the memory the machine or
// the container (cgroup) gives the process. GOGC and GOMEMLIMIT, when
// set, win.
const (
	gcPercent = 400
	minHeap   = 128 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	ceiling := availableMemory() / 2
	debug.SetMemoryLimit(heapLimit(0, ceiling))
	watchHeap(followLive(ceiling, func(limit int64) { debug.SetMemoryLimit(limit) }))
}

// followLive is what watchHeap calls with each collection's live heap:
// it sets the limit (heapLimit) for the lower of that and the collection
// before's. A transient at one collection (a million KPIs' findings
// being copied at the end of the load) set the limit 30–40 MB higher for
// the next interval, and the heap grew into it; a live heap that stays
// up raises the limit one collection later.
func followLive(ceiling int64, set func(limit int64)) func(live int64) {
	last := int64(math.MaxInt64)
	return func(live int64) {
		set(heapLimit(min(live, last), ceiling))
		last = live
	}
}

// heapLimit is the soft memory limit for a live heap of live bytes: 1.45
// times the live heap, at least minHeap, at most ceiling (when it is
// known, > 0).
func heapLimit(live, ceiling int64) int64 {
	limit := max(live+live*9/20, minHeap)
	if ceiling > 0 {
		limit = min(limit, max(ceiling, minHeap))
	}
	return limit
}

// watchHeap calls f with the live heap after every garbage collection: a
// finalizer runs once the collector has found its object unreachable, and
// sets itself up again on a new one.
func watchHeap(f func(live int64)) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(new([16]byte), func(*[16]byte) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				f(int64(min(sample[0].Value.Uint64(), math.MaxInt64))) //nolint:gosec // clamped just before
			}
			arm()
		})
	}
	arm()
}

// availableMemory is the memory the process may use: the cgroup's limit
// (v2, then v1) when there is one, else the machine's memory; 0 when
// neither can be read.
func availableMemory() int64 {
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(p); err == nil {
			if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && n < 1<<50 {
				return n
			}
		}
	}
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
			if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
