package gateway

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
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

// A failure's retries wait in a window that doubles from WaitMin: the first at most WaitMin,
// the second at most twice it, each in the upper half of its window.
func TestFailureWaitsDouble(t *testing.T) {
	t.Parallel()
	b := newBudget(throttledClient(t, 3), 7)
	for i, window := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		if !b.retry(http.StatusInternalServerError, -1) {
			t.Fatalf("retry %d refused", i+1)
		}
		if b.last < window/2 || b.last > window {
			t.Errorf("retry %d waits %s, want %s to %s", i+1, b.last, window/2, window)
		}
	}
}

// A DNS failure the resolver calls temporary is retried; one it does not (no such host) is not.
func TestTemporaryDNSFailureRetried(t *testing.T) {
	t.Parallel()
	for _, temporary := range []bool{true, false} {
		g := gatewaytest.Start(t)
		g.SetAccount(testKey, "7")
		calls := 0
		cfg := testConfig(g.URL, &logSink{})
		cfg.Transport = roundTripper(func(r *http.Request) (*http.Response, error) {
			if calls++; calls == 1 {
				return nil, &net.DNSError{Err: "server misbehaving", Name: "gateway.example", IsTemporary: temporary, IsNotFound: !temporary}
			}
			return http.DefaultTransport.RoundTrip(r)
		})
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		c.noJSON.Store(true)
		_, err = c.Balance(context.Background())
		if temporary && (err != nil || calls != 2) || !temporary && (err == nil || calls != 1) {
			t.Errorf("temporary %v: %v after %d attempts", temporary, err, calls)
		}
	}
}
