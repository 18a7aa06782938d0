package pipeline

import "runtime/debug"

// MemoryLimit is the soft memory limit of a build. The process needs some
// 100 MB beside the Go heap, so 448 MiB keeps a 2×5,000-page build under
// 600 MB (about 530 MB measured; 512 MiB gave 560–590).
const MemoryLimit = 448 << 20

// GCPercent lets the heap grow to three times the live heap between
// collections: a build makes much short-lived garbage, and MemoryLimit
// still bounds it (2×1,000 pages: 7% faster, 80 MB more).
const GCPercent = 200

// TuneMemory sets the runtime's memory limit and collector pace for a
// build, each when asked to (the environment may have set them), and
// returns a func that restores the previous values.
func TuneMemory(limit, pace bool) (restore func()) {
	oldLimit, oldPercent := int64(-1), -1
	if limit {
		// A soft limit: the collector works harder as the heap nears it,
		// so a 10,000-page build fits a volunteer's laptop.
		oldLimit = debug.SetMemoryLimit(MemoryLimit)
	}
	if pace {
		oldPercent = debug.SetGCPercent(GCPercent)
	}
	return func() {
		if oldLimit >= 0 {
			debug.SetMemoryLimit(oldLimit)
		}
		if oldPercent >= 0 {
			debug.SetGCPercent(oldPercent)
		}
	}
}
