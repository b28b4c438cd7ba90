package gateway

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Every limit holds to the unit: a text at the limit is shown whole, with nothing added.
func TestLimitsToTheUnit(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	if got, want := r.excerpt([]byte(strings.Repeat("a", excerptLimit))), `"`+strings.Repeat("a", excerptLimit)+`"`; got != want {
		t.Errorf("excerpt of %d characters = %s", excerptLimit, got)
	}
	if got := r.message(strings.Repeat("a", MaxMessageLength)); got != strings.Repeat("a", MaxMessageLength) {
		t.Errorf("message of %d characters = …%s", MaxMessageLength, got[max(0, len(got)-40):])
	}
	if err := CheckAPIKey(strings.Repeat("k", MaxKeyLength)); err != nil {
		t.Errorf("a key of %d characters: %v", MaxKeyLength, err)
	}
	if err := CheckAPIKey(strings.Repeat("k", MaxKeyLength+1)); err == nil {
		t.Errorf("a key of %d characters was accepted", MaxKeyLength+1)
	}
}

// A body cut at its limit loses its unfinished last line and nothing more.
func TestCompleteLinesKeepsEveryFinishedLine(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"a\nbc": "a\n", "\nabc": "\n", "a\nb\nc": "a\nb\n", "abc": ""} {
		if got := string(completeLines([]byte(in))); got != want {
			t.Errorf("completeLines(%q) = %q, want %q", in, got, want)
		}
	}
}

// The window over a long text ends between two characters, never inside one, even when the
// text is not UTF-8 at all; a text of exactly the window's size is the window.
func TestWindowNeverSplitsACharacter(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	if got, cut := r.window(strings.Repeat("a", windowBytes-1) + "é and more"); got != strings.Repeat("a", windowBytes-1) || !cut {
		t.Errorf("window ends with %q (%d bytes, cut %v), valid UTF-8: %v", got[max(0, len(got)-4):], len(got), cut, utf8.ValidString(got))
	}
	if got, cut := r.window(strings.Repeat("\x80", windowBytes+10)); got != "" || !cut {
		t.Errorf("window of continuation bytes = %d bytes, cut %v", len(got), cut)
	}
	if got, cut := r.window(strings.Repeat("a", windowBytes)); got != strings.Repeat("a", windowBytes) || cut {
		t.Errorf("window of exactly %d bytes = %d bytes, cut %v", windowBytes, len(got), cut)
	}
}

// The body limit is exact for an error status too: a 404 of exactly 64 KiB is quoted as a
// whole body, and a 299 (a success) of 64 KiB and a byte is refused like a 200.
func TestBodyLimitExactForEveryStatus(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		size   int
		want   string
	}{
		{404, MaxBodyBytes, fmt.Sprintf(`(first 80 of %d bytes)`, MaxBodyBytes)},
		{299, MaxBodyBytes + 1, "larger than 64 KiB"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(tc.status)
			fmt.Fprint(w, strings.Repeat("x", 99)+"\n"+strings.Repeat("y", tc.size-100))
		}))
		c, err := New(testConfig(srv.URL, &logSink{}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Balance(context.Background())
		if err == nil || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("HTTP %d of %d bytes: error = %v, want it to end %q", tc.status, tc.size, err, tc.want)
		}
		srv.Close()
	}
}

// A 300 is a redirect like the others: its location is held from Go's client and named. A
// 400 with a Location is no redirect: its status is the error.
func TestEveryRedirectStatusNamesItsHost(t *testing.T) {
	t.Parallel()
	for _, status := range []int{300, 301, 307, 308, 399, 400} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Location", "https://elsewhere.example/x")
			w.WriteHeader(status)
		}))
		c, err := New(testConfig(srv.URL, &logSink{}))
		if err != nil {
			t.Fatal(err)
		}
		want := "redirect https://elsewhere.example"
		if status == 400 {
			want = "status 400"
		}
		if _, err := c.Balance(context.Background()); outcome(err) != want {
			t.Errorf("HTTP %d: %v, want %s", status, err, want)
		}
		srv.Close()
	}
}

// Unset timeouts and waits are the documented defaults: 30 s an attempt, waits of 1 to 10 s.
func TestNewDefaults(t *testing.T) {
	t.Parallel()
	c, err := New(Config{Endpoint: "https://alphasms.ua", APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	if c.http.Timeout != 30*time.Second || c.cfg.WaitMin != time.Second || c.cfg.WaitMax != 10*time.Second || c.cfg.Method != MethodPost {
		t.Errorf("defaults: timeout %s, waits %s to %s, method %s", c.http.Timeout, c.cfg.WaitMin, c.cfg.WaitMax, c.cfg.Method)
	}
}
