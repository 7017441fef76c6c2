package policy

import "time"

// SetEvalDelay makes every evaluation take at least d (0 undoes it).
func SetEvalDelay(d time.Duration) { evalDelay = d }
