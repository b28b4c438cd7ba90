package gateway

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// The bounds of one throttled wait: Retry-After (or the base) below, three times the previous
// wait above, never past the cap or the time left. randN at its least and at its most draws
// each bound exactly.
func TestThrottledWaitBounds(t *testing.T) {
	t.Parallel()
	const s = time.Second
	least := func(time.Duration) time.Duration { return 0 }
	most := func(n time.Duration) time.Duration { return n - 1 }
	cases := []struct {
		name                         string
		floor, prev, base, cap, left time.Duration
		lo, hi                       time.Duration
		refused                      bool
	}{
		{name: "Retry-After 1, first wait", floor: s, base: s, cap: 10 * s, left: 60 * s, lo: s, hi: 3 * s},
		{name: "no Retry-After: the base is the floor", base: s, cap: 10 * s, left: 60 * s, lo: s, hi: 3 * s},
		{name: "Retry-After above the base", floor: 5 * s, base: s, cap: 10 * s, left: 60 * s, lo: 5 * s, hi: 10 * s},
		{name: "grows from the previous wait", floor: s, prev: 2 * s, base: s, cap: 10 * s, left: 60 * s, lo: s, hi: 6 * s},
		{name: "capped", floor: s, prev: 9 * s, base: s, cap: 10 * s, left: 60 * s, lo: s, hi: 10 * s},
		{name: "Retry-After at the cap", floor: 10 * s, prev: 9 * s, base: s, cap: 10 * s, left: 60 * s, lo: 10 * s, hi: 10 * s},
		{name: "clipped to the time left", floor: s, prev: 4 * s, base: s, cap: 10 * s, left: 1500 * time.Millisecond, lo: s, hi: 1500 * time.Millisecond},
		{name: "the floor does not fit the time left", floor: 2 * s, base: s, cap: 10 * s, left: 1999 * time.Millisecond, refused: true},
		{name: "no time left", base: s, cap: 10 * s, left: -s, refused: true},
		{name: "huge waits do not overflow", floor: 1 << 61, prev: 1 << 62, base: s, cap: 1 << 62, left: 1 << 62, lo: 1 << 61, hi: 1 << 62},
	}
	for _, tc := range cases {
		lo, okLo := throttledWait(tc.floor, tc.prev, tc.base, tc.cap, tc.left, least)
		hi, okHi := throttledWait(tc.floor, tc.prev, tc.base, tc.cap, tc.left, most)
		if tc.refused {
			if okLo || okHi {
				t.Errorf("%s: waits %s..%s, want no retry", tc.name, lo, hi)
			}
			continue
		}
		if !okLo || !okHi || lo != tc.lo || hi != tc.hi {
			t.Errorf("%s: waits %s..%s (%v %v), want %s..%s", tc.name, lo, hi, okLo, okHi, tc.lo, tc.hi)
		}
	}
}

// Retry-After is a floor, not a beat: the waits of plans throttled together spread evenly
// above it, none below it and none on it in lockstep.
func TestThrottledWaitJitterAboveTheFloor(t *testing.T) {
	t.Parallel()
	const floor, draws = time.Second, 4000
	var quarters [4]int
	for range draws {
		wait, ok := throttledWait(floor, 0, 10*time.Millisecond, 10*time.Second, time.Minute, randDuration)
		if !ok || wait < floor || wait > 3*floor {
			t.Fatalf("wait = %s (%v), want between %s and %s", wait, ok, floor, 3*floor)
		}
		quarters[min(3, int((wait-floor)*4/(2*floor)))]++
	}
	// Uniform: a quarter of the draws in each quarter of the window, give or take.
	for i, n := range quarters {
		if n < draws/4*3/4 || n > draws/4*5/4 {
			t.Fatalf("quarter %d of the window holds %d of %d waits %v: not spread evenly", i, n, draws, quarters)
		}
	}
}

// Ctrl-C stops a throttled wait at once: the request itself ends, not only the caller's wait
// for it (shared lets a caller leave a request that others still wait for).
func TestCancelStopsThrottledWait(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.AlwaysAnswer(gatewaytest.Answer{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"3600"}}})
	cfg := testConfig(g.URL, &logSink{})
	cfg.WaitMax, cfg.ThrottleBudget = 2*time.Hour, 2*time.Hour // an hour's wait: only the cancel can end it
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { // Ctrl-C once the 429 has come back and the wait has begun
		for g.RequestCount() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	// Without the cancel ending the wait, the call returns after an hour: go test's timeout fails it.
	_, err = c.call(ctx, command.Balance, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("call returned %v, want it cancelled", err)
	}
	if n := g.RequestCount(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

// throttledClient is a Client whose retry decisions the tests drive on a clock of their own.
func throttledClient(t *testing.T, maxRetries int) *Client {
	t.Helper()
	c, err := New(Config{Endpoint: "https://gateway.example", APIKey: testKey, MaxRetries: maxRetries})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// budget is one read's retry decisions (the send loop's retryWait) on a simulated clock, with
// seeded jitter: each retry granted moves elapsed on by its wait.
type budget struct {
	c       *Client
	s       spent
	elapsed time.Duration
	last    time.Duration // the wait before the retry just granted
	randN   func(time.Duration) time.Duration
}

func newBudget(c *Client, seed uint64) *budget {
	r := rand.New(rand.NewPCG(seed, seed)) //nolint:gosec // jitter, not a secret
	return &budget{c: c, randN: func(n time.Duration) time.Duration { return time.Duration(r.Int64N(int64(n))) }}
}

// retry is the loop's decision on an answer of status, with a Retry-After of so many seconds
// (none when -1), as classify types it.
func (b *budget) retry(status, retryAfter int) bool {
	resp := throttleAnswer(status, retryAfter)
	wait, ok := b.c.retryWait(&b.s, resp, &StatusError{StatusCode: status}, b.elapsed, b.randN)
	if ok {
		b.elapsed += wait
		b.last = wait
	}
	return ok
}

func throttleAnswer(status int, retryAfter int) *http.Response {
	resp := &http.Response{StatusCode: status, Header: http.Header{}}
	if retryAfter >= 0 {
		resp.Header.Set("Retry-After", strconv.Itoa(retryAfter))
	}
	return resp
}

// A gateway that never stops throttling is asked again until the time budget is spent, not
// max_retries times; then the read ends, within the budget.
func TestThrottleBudgetEndsRetries(t *testing.T) {
	t.Parallel()
	b := newBudget(throttledClient(t, DefaultMaxRetries), 1)
	retries := 0
	for b.retry(http.StatusTooManyRequests, 1) {
		if b.last < time.Second || b.last > DefaultWaitMax {
			t.Fatalf("retry %d waits %s, want between the Retry-After (1s) and the cap (%s)", retries+1, b.last, DefaultWaitMax)
		}
		retries++
		if retries > int(DefaultThrottleBudget/time.Second) {
			t.Fatalf("more than %d retries of at least 1 s: the budget never ended", retries-1)
		}
	}
	if b.elapsed > DefaultThrottleBudget || b.elapsed < DefaultThrottleBudget-time.Second {
		t.Errorf("gave up after %s of waiting, want just under the %s budget", b.elapsed, DefaultThrottleBudget)
	}
	if retries <= DefaultMaxRetries {
		t.Errorf("%d retries: the throttle budget counts time, not max_retries", retries)
	}
	t.Logf("%d retries over %s", retries, b.elapsed)
}

// Failures keep their attempt budget whatever happened before: a throttled answer spends no
// retry of max_retries, and failures spend none of the time.
func TestThrottleAndFailureBudgetsApart(t *testing.T) {
	t.Parallel()
	b := newBudget(throttledClient(t, 2), 2)
	for i, step := range []struct {
		status, retryAfter int
		want               bool
	}{
		{http.StatusTooManyRequests, 1, true},
		{http.StatusTooManyRequests, -1, true},
		{http.StatusServiceUnavailable, 2, true}, // 503 with Retry-After is throttling
		{http.StatusInternalServerError, -1, true},
		{http.StatusServiceUnavailable, -1, true}, // 503 without is a failure: the second
		{http.StatusBadGateway, -1, false},        // max_retries = 2 spent
		{http.StatusTooManyRequests, 1, true},     // time is left for throttling
	} {
		if got := b.retry(step.status, step.retryAfter); got != step.want {
			t.Fatalf("answer %d (HTTP %d): retry = %v, want %v", i+1, step.status, got, step.want)
		}
	}
}

// max_retries = 0 turns every retry off, throttling included: the user asked for one request.
func TestRetriesOffMeansNoThrottledRetry(t *testing.T) {
	t.Parallel()
	if newBudget(throttledClient(t, 0), 1).retry(http.StatusTooManyRequests, 1) {
		t.Fatal("a throttled answer was retried with max_retries = 0")
	}
}

// The point of it all: a burst of plans that the gateway's rate can serve within the budget
// is served, each plan asking a few times, not on a shared beat. A burst of plans on a
// simulated clock: each plan's first request arrives within a second,
// the gateway is a token bucket answering 429 with Retry-After: 1 beyond its rate.
func TestThrottledBurstIsServed(t *testing.T) {
	t.Parallel()
	for _, row := range []struct{ plans, rate int }{{30, 5}, {60, 10}, {100, 10}} {
		served, requests, last := simulateBurst(t, row.plans, row.rate, uint64(row.plans))
		perPlan := float64(requests) / float64(row.plans)
		t.Logf("%d plans @ %d/s: %d served, %.2f requests per plan, last at %s", row.plans, row.rate, served, perPlan, last)
		if served != row.plans {
			t.Errorf("%d plans @ %d/s: only %d served", row.plans, row.rate, served)
		}
		if perPlan > 3.5 {
			t.Errorf("%d plans @ %d/s: %.2f requests per plan, want at most 3.5", row.plans, row.rate, perPlan)
		}
	}
}

// simulateBurst runs plans against a token bucket of rate per second (and a burst of as many)
// on a simulated clock, each plan retrying by its own budget.
func simulateBurst(t *testing.T, plans, rate int, seed uint64) (served, requests int, last time.Duration) {
	t.Helper()
	c := throttledClient(t, DefaultMaxRetries)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(seed, 0)) //nolint:gosec // a reproducible model
	type plan struct {
		begin  time.Time
		budget *budget
	}
	clock := func(p *plan) time.Time { return p.begin.Add(p.budget.elapsed) }
	ps := make([]*plan, plans)
	for i := range ps {
		ps[i] = &plan{begin: start.Add(time.Duration(r.Int64N(int64(time.Second)))), budget: newBudget(c, seed+uint64(i))}
	}
	tokens, filled := float64(rate), start
	for len(ps) > 0 {
		next := 0 // the plan whose request comes first
		for i, p := range ps {
			if clock(p).Before(clock(ps[next])) {
				next = i
			}
		}
		p, now := ps[next], clock(ps[next])
		requests++
		tokens = min(float64(rate), tokens+now.Sub(filled).Seconds()*float64(rate))
		filled = now
		if tokens >= 1 {
			tokens--
			served++
			last = max(last, now.Sub(start))
			ps = append(ps[:next], ps[next+1:]...)
			continue
		}
		if !p.budget.retry(http.StatusTooManyRequests, 1) {
			ps = append(ps[:next], ps[next+1:]...)
		}
	}
	return served, requests, last
}
