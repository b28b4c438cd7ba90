package gateway

import (
	"net/http"
	"testing"
	"time"
)

// A Retry-After far ahead is capped whichever form it takes, so the error names a readable wait.
func TestRetryAfterCapped(t *testing.T) {
	t.Parallel()
	for _, value := range []string{"86400000", "Fri, 01 Jan 2100 00:00:00 GMT", "Sat, 01 Jan 9999 00:00:00 GMT"} {
		resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {value}}}
		if wait, ok := throttling(resp); !ok || wait != maxRetryAfter {
			t.Errorf("Retry-After %q = %s, %v; want %s", value, wait, ok, maxRetryAfter)
		}
	}
}

// The backoff never overflows, whatever the waits and the attempt number.
func TestBackoffNeverOverflows(t *testing.T) {
	t.Parallel()
	for _, waits := range [][2]time.Duration{{time.Second, 10 * time.Second}, {time.Hour, 1 << 62}, {1 << 61, 1 << 62}, {1, 1}} {
		for _, attempt := range []int{0, 1, 10, 62, 63, 64, 1000} {
			got := backoff(waits[0], waits[1], attempt)
			if got < 0 || got > waits[1] {
				t.Fatalf("backoff(%s, %s, %d) = %s", waits[0], waits[1], attempt, got)
			}
		}
	}
}
