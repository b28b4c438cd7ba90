package gateway

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// retryBudget is one read's retry state. Failures (a 5xx, a reset, a timeout) spend attempts:
// max_retries of them, as documented. Throttling spends time: it is retried until
// the throttle budget (60 s) has passed since the read began. max_retries = 0 turns both off.
//
// go-retryablehttp asks CheckRetry whether to retry and then Backoff how long to wait; allow
// answers the first and sets the wait that wait hands to the second. allow changes the state
// only when it says yes, which go-retryablehttp hears at most once per attempt.
type retryBudget struct {
	c        *Client
	now      func() time.Time                  // time.Now; tests drive a clock of their own
	randN    func(time.Duration) time.Duration // the jitter's randomness; tests seed their own
	start    time.Time
	failures int           // failures retried so far
	lastWait time.Duration // the previous throttled wait, which the next one grows from
	next     time.Duration // the wait before the retry allow has just granted
}

func (c *Client) newRetryBudget() *retryBudget {
	return &retryBudget{c: c, now: time.Now, randN: randDuration, start: time.Now()}
}

// maxRetries bounds go-retryablehttp's loop: every retry allow can grant, and no more. A
// throttled wait is at least waitMin, so at most throttle/waitMin of them fit.
func (b *retryBudget) maxRetries() int {
	if b.c.maxRetries == 0 {
		return 0
	}
	return b.c.maxRetries + int(b.c.throttle/b.c.waitMin) + 1
}

// allow decides whether an answer that checkRetry found worth another attempt gets one.
func (b *retryBudget) allow(ctx context.Context, resp *http.Response) bool {
	if b.c.maxRetries == 0 {
		return false
	}
	now := b.now()
	floor, throttled := throttling(resp, now)
	if !throttled {
		if b.failures >= b.c.maxRetries {
			return false
		}
		b.next = backoff(b.c.waitMin, b.c.waitMax, b.failures)
		b.failures++
		return true
	}
	left := b.c.throttle - now.Sub(b.start)
	wait, ok := throttledWait(floor, b.lastWait, b.c.waitMin, b.c.waitMax, left, b.randN)
	if !ok {
		return false
	}
	b.next, b.lastWait = wait, wait
	if b.c.log != nil {
		b.c.log(ctx, "gateway is throttling, waiting", map[string]any{
			"status": resp.StatusCode, "asked": floor.String(), "wait": wait.String(), "budget_left": left.Round(time.Millisecond).String(),
		})
	}
	return true
}

// wait is go-retryablehttp's Backoff: the wait allow has chosen.
func (b *retryBudget) wait(time.Duration, time.Duration, int, *http.Response) time.Duration {
	return b.next
}

// annotate tells a StatusError whether the last answer was the gateway throttling, and how
// long the read took, so that the error can say so and what to do.
func (b *retryBudget) annotate(resp *http.Response, err error) error {
	var se *StatusError
	if errors.As(err, &se) {
		now := b.now()
		_, se.Throttled = throttling(resp, now)
		se.RetriesOff = se.Throttled && b.c.maxRetries == 0
		se.Elapsed = now.Sub(b.start)
	}
	return err
}
