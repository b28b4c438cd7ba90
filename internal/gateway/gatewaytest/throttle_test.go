package gatewaytest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

// The bucket serves its burst, then answers 429 with a Retry-After of whole seconds, then
// serves again once it has refilled.
func TestThrottle(t *testing.T) {
	t.Parallel()
	// A token every 500 ms, 20 at once: the burst is over long before a token comes back,
	// even on a loaded machine.
	g, throttle := StartThrottled(t, 2, 20)
	g.SetAccount(Key, "7")
	get := func() *http.Response {
		t.Helper()
		params := url.Values{"key": {Key}, "command": {"balance"}, "version": {"http"}}
		resp, err := http.Get(g.URL + Path + "?" + params.Encode()) //nolint:noctx // a test of the fake
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for i := range 20 {
		if resp := get(); resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d of the burst: HTTP %d", i+1, resp.StatusCode)
		}
	}
	resp := get()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("past the burst: HTTP %d, Retry-After %q; want 429 and 1", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	time.Sleep(600 * time.Millisecond)
	if resp := get(); resp.StatusCode != http.StatusOK {
		t.Fatalf("after a refill: HTTP %d", resp.StatusCode)
	}
	if served, throttled := throttle.Counts(); served != 21 || throttled != 1 || g.RequestCount() != 21 {
		t.Fatalf("served %d, throttled %d, the fake saw %d; want 21, 1, 21", served, throttled, g.RequestCount())
	}
}

// A slow bucket names the seconds until its next token.
func TestThrottleRetryAfterSeconds(t *testing.T) {
	t.Parallel()
	throttle := NewThrottle(New(), 0.25, 1) // a token every 4 s
	serve := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		throttle.ServeHTTP(w, httptest.NewRequest(http.MethodGet, Path, nil))
		return w
	}
	serve() // the one token
	if w := serve(); w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "4" {
		t.Fatalf("HTTP %d, Retry-After %q; want 429 and 4", w.Code, w.Header().Get("Retry-After"))
	}
}
