package cli

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestHeapLimitFollowsTheLiveHeap(t *testing.T) {
	const mb = 1 << 20
	assert.EqualValues(t, minHeap, heapLimit(0, 0), "a small heap: the floor")
	assert.EqualValues(t, minHeap, heapLimit(20*mb, 0))
	assert.EqualValues(t, 145*mb, heapLimit(100*mb, 0), "1.45 times the live heap")
	assert.EqualValues(t, 1024*mb, heapLimit(1000*mb, 1024*mb), "at most the ceiling")
	assert.EqualValues(t, minHeap, heapLimit(1000*mb, 64*mb), "a ceiling under the floor is the floor")
}

// The watcher sees every collection, not only the first.
func TestWatchHeapSeesEachCollection(t *testing.T) {
	seen := make(chan int64, 16)
	watchHeap(func(live int64) {
		select {
		case seen <- live:
		default:
		}
	})
	for i := range 3 {
		runtime.GC()
		select {
		case live := <-seen:
			assert.Positive(t, live)
		case <-time.After(5 * time.Second):
			t.Fatalf("collection %d was not seen", i+1)
		}
	}
}

func TestAvailableMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc and /sys/fs/cgroup")
	}
	assert.Greater(t, availableMemory(), int64(64<<20))
}

// The limit follows the lower of the last two live heaps: a spike at one
// collection does not raise it, a live heap that stays up does.
func TestFollowLiveIgnoresOneCollectionsSpike(t *testing.T) {
	const mb = 1 << 20
	var limits []int64
	follow := followLive(0, func(limit int64) { limits = append(limits, limit) })
	for _, live := range []int64{200, 300, 200, 300, 300} {
		follow(live * mb)
	}
	assert.Equal(t, []int64{290 * mb, 290 * mb, 290 * mb, 290 * mb, 435 * mb}, limits)
}
