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
	g.AlwaysAnswer(gatewaytest.Answer{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"5"}}})
	cfg := testConfig(g.URL, &logSink{})
	cfg.WaitMax = 10 * time.Second
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { // Ctrl-C once the 429 has come back and the 5 s wait has begun
		for start := time.Now(); g.RequestCount() == 0 && time.Since(start) < 10*time.Second; {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(50 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	_, err = c.call(ctx, command.Balance, nil)
	if elapsed := time.Since(start); !errors.Is(err, context.Canceled) || elapsed > time.Second+timingSlack {
		t.Fatalf("call returned %v after %s, want it cancelled within a second of Ctrl-C, not after the 5 s wait", err, elapsed)
	}
	if n := g.RequestCount(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

// throttledClient is a Client whose retry budgets run on a clock the test moves.
func throttledClient(t *testing.T, maxRetries int) *Client {
	t.Helper()
	c, err := New(Config{Endpoint: "https://gateway.example", APIKey: testKey, MaxRetries: maxRetries})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func budgetAt(c *Client, clock *time.Time, seed uint64) *retryBudget {
	b := c.newRetryBudget()
	b.start = *clock
	b.now = func() time.Time { return *clock }
	r := rand.New(rand.NewPCG(seed, seed)) //nolint:gosec // jitter, not a secret
	b.randN = func(n time.Duration) time.Duration { return time.Duration(r.Int64N(int64(n))) }
	return b
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
	c := throttledClient(t, DefaultMaxRetries)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := budgetAt(c, &clock, 1)
	retries := 0
	for b.allow(context.Background(), throttleAnswer(http.StatusTooManyRequests, 1)) {
		wait := b.wait(0, 0, retries, nil)
		if wait < time.Second || wait > DefaultWaitMax {
			t.Fatalf("retry %d waits %s, want between the Retry-After (1s) and the cap (%s)", retries+1, wait, DefaultWaitMax)
		}
		clock = clock.Add(wait)
		retries++
		if retries > b.maxRetries() {
			t.Fatalf("more than %d retries: the budget never ended", b.maxRetries())
		}
	}
	spent := clock.Sub(b.start)
	if spent > DefaultThrottleBudget || spent < DefaultThrottleBudget-time.Second {
		t.Errorf("gave up after %s of waiting, want just under the %s budget", spent, DefaultThrottleBudget)
	}
	if retries <= DefaultMaxRetries {
		t.Errorf("%d retries: the throttle budget counts time, not max_retries", retries)
	}
	t.Logf("%d retries over %s", retries, spent)
}

// Failures keep their attempt budget whatever happened before: a throttled answer spends no
// retry of max_retries, and failures spend none of the time.
func TestThrottleAndFailureBudgetsApart(t *testing.T) {
	t.Parallel()
	c := throttledClient(t, 2)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := budgetAt(c, &clock, 2)
	ctx := context.Background()
	for i, step := range []struct {
		resp *http.Response
		want bool
	}{
		{throttleAnswer(http.StatusTooManyRequests, 1), true},
		{throttleAnswer(http.StatusTooManyRequests, -1), true},
		{throttleAnswer(http.StatusServiceUnavailable, 2), true}, // 503 with Retry-After is throttling
		{throttleAnswer(http.StatusInternalServerError, -1), true},
		{throttleAnswer(http.StatusServiceUnavailable, -1), true}, // 503 without is a failure: the second
		{throttleAnswer(http.StatusBadGateway, -1), false},        // max_retries = 2 spent
		{throttleAnswer(http.StatusTooManyRequests, 1), true},     // time is left for throttling
	} {
		if got := b.allow(ctx, step.resp); got != step.want {
			t.Fatalf("answer %d (HTTP %d): retry = %v, want %v", i+1, step.resp.StatusCode, got, step.want)
		}
		if step.want {
			clock = clock.Add(b.wait(0, 0, i, nil))
		}
	}
}

// max_retries = 0 turns every retry off, throttling included: the user asked for one request.
func TestRetriesOffMeansNoThrottledRetry(t *testing.T) {
	t.Parallel()
	c := throttledClient(t, 0)
	b := c.newRetryBudget()
	if b.allow(context.Background(), throttleAnswer(http.StatusTooManyRequests, 1)) || b.maxRetries() != 0 {
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
// on a simulated clock, each plan retrying by its own retryBudget.
func simulateBurst(t *testing.T, plans, rate int, seed uint64) (served, requests int, last time.Duration) {
	t.Helper()
	c := throttledClient(t, DefaultMaxRetries)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(seed, 0)) //nolint:gosec // a reproducible model
	type plan struct {
		clock  time.Time
		budget *retryBudget
	}
	ps := make([]*plan, plans)
	for i := range ps {
		p := &plan{clock: start.Add(time.Duration(r.Int64N(int64(time.Second))))}
		p.budget = budgetAt(c, &p.clock, seed+uint64(i))
		ps[i] = p
	}
	tokens, filled := float64(rate), start
	for len(ps) > 0 {
		next := 0 // the plan whose request comes first
		for i, p := range ps {
			if p.clock.Before(ps[next].clock) {
				next = i
			}
		}
		p := ps[next]
		requests++
		tokens = min(float64(rate), tokens+p.clock.Sub(filled).Seconds()*float64(rate))
		filled = p.clock
		if tokens >= 1 {
			tokens--
			served++
			last = max(last, p.clock.Sub(start))
			ps = append(ps[:next], ps[next+1:]...)
			continue
		}
		if !p.budget.allow(context.Background(), throttleAnswer(http.StatusTooManyRequests, 1)) {
			ps = append(ps[:next], ps[next+1:]...)
			continue
		}
		p.clock = p.clock.Add(p.budget.wait(0, 0, 0, nil))
	}
	return served, requests, last
}
