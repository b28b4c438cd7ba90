package gatewaytest

import (
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// Throttle is a gateway, or the proxy in front of one, that limits its rate: a token bucket of
// perSecond tokens a second, burst deep, in front of a handler (usually a Gateway). A request
// past the bucket gets 429 Too Many Requests with Retry-After: the whole seconds until the
// bucket holds a token again, at least 1, as a web server or proxy writes it.
type Throttle struct {
	next      http.Handler
	limiter   *rate.Limiter
	perSecond float64

	mu        sync.Mutex
	served    int
	throttled int
}

// NewThrottle puts a token bucket in front of next.
func NewThrottle(next http.Handler, perSecond float64, burst int) *Throttle {
	return &Throttle{next: next, limiter: rate.NewLimiter(rate.Limit(perSecond), burst), perSecond: perSecond}
}

// StartThrottled serves a new fake behind a token bucket on a loopback port for the test's
// lifetime.
func StartThrottled(tb testing.TB, perSecond float64, burst int) (*Gateway, *Throttle) {
	tb.Helper()
	g := New()
	t := NewThrottle(g, perSecond, burst)
	srv := httptest.NewServer(t)
	tb.Cleanup(srv.Close)
	g.URL = srv.URL
	return g, t
}

func (t *Throttle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	if t.limiter.AllowN(now, 1) {
		t.count(&t.served)
		t.next.ServeHTTP(w, r)
		return
	}
	t.count(&t.throttled)
	missing := (1 - t.limiter.TokensAt(now)) / t.perSecond // seconds until a token
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(missing)))))
	http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
}

func (t *Throttle) count(n *int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	*n++
}

// Counts returns how many requests went through and how many were refused with 429.
func (t *Throttle) Counts() (served, throttled int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.served, t.throttled
}
