package gateway

import (
	"testing"
	"time"
)

// The jitter spreads a wait over the upper half of its window, never below it, and the window
// doubles up to WaitMax, never past it: with waits of 1 to 10 s, after the first attempt a
// client waits 0.5 to 1 s, after the second 1 to 2 s, and from the fifth on 5 to 10 s.
func TestBackoffJitterStaysInTheUpperHalf(t *testing.T) {
	t.Parallel()
	for attempt, window := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second} {
		for range 200 {
			if got := backoff(time.Second, 10*time.Second, attempt); got < window/2 || got > window {
				t.Fatalf("backoff after attempt %d = %s, want %s to %s", attempt, got, window/2, window)
			}
		}
	}
}
