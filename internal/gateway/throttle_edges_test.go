package gateway

import (
	"testing"
	"time"
)

// A throttled wait that ends exactly when the time left does is still waited, and a duration
// of exactly one second is printed in seconds.
func TestThrottleEdgesToTheUnit(t *testing.T) {
	t.Parallel()
	noJitter := func(time.Duration) time.Duration { return 0 }
	if wait, ok := throttledWait(5*time.Second, 0, time.Second, time.Minute, 5*time.Second, noJitter); !ok || wait != 5*time.Second {
		t.Errorf("a floor of exactly the time left: wait %s, %v; want 5s, true", wait, ok)
	}
	for d, want := range map[time.Duration]string{time.Second: "1s", 999 * time.Millisecond: "999ms", 1499 * time.Millisecond: "1s"} {
		if got := Roughly(d); got != want {
			t.Errorf("Roughly(%s) = %s, want %s", d, got, want)
		}
	}
}
