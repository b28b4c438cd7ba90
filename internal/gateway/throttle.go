package gateway

import (
	"math/rand/v2"
	"net/http"
	"time"
)

// DefaultThrottleBudget is how long, from the start of a read, a gateway that is throttling
// is asked again. Throttling is load, not a fault: the answer comes once the burst has been
// served, so it gets a budget of time rather than of attempts. Failures keep max_retries.
const DefaultThrottleBudget = 60 * time.Second

// throttling reports whether an answer says "too many requests, come back later": 429, or a
// 503 with a Retry-After. It returns the wait the gateway asked for, zero when it named none.
// A 503 without Retry-After is a failure like 500 and is retried as one.
func throttling(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	floor, named := retryAfter(resp, now)
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return floor, true
	case resp.StatusCode == http.StatusServiceUnavailable && named:
		return floor, true
	}
	return 0, false
}

// throttledWait is decorrelated jitter ("Exponential Backoff And Jitter", AWS Architecture
// Blog) whose lower bound is the gateway's Retry-After: uniform between lo = max(base, floor)
// and three times the previous wait, never more than ceiling or the time left. Many plans
// throttled together thus come back spread over a window that grows with each refusal, not
// together on the floor's beat. It returns false when even the floor would end past left.
// The caller guarantees base <= ceiling and floor <= ceiling (longer Retry-Afters are refused
// before); randN is rand.N, replaced in tests.
func throttledWait(floor, prev, base, ceiling, left time.Duration, randN func(time.Duration) time.Duration) (time.Duration, bool) {
	lo := max(base, floor)
	if lo > left {
		return 0, false
	}
	hi := ceiling
	if from := max(prev, lo); from < ceiling/3 {
		hi = 3 * from
	}
	hi = min(hi, left)
	if hi <= lo {
		return lo, true
	}
	return lo + randN(hi-lo+1), true
}

// randDuration is the jitter's source of randomness.
func randDuration(n time.Duration) time.Duration { return rand.N(n) } //nolint:gosec // jitter, not a secret

// throttledNote is what a StatusError's text adds when the gateway throttled every attempt:
// how long the provider kept asking.
func (e *StatusError) throttledNote() string {
	if !e.Throttled || e.Attempts <= 1 {
		return ""
	}
	return " over " + Roughly(e.Elapsed)
}

// Roughly prints a duration as a person reads it: whole seconds from one second up
// ("1m0s", "12s"), milliseconds below.
func Roughly(d time.Duration) string {
	if d >= time.Second {
		return d.Round(time.Second).String()
	}
	return d.Round(time.Millisecond).String()
}
