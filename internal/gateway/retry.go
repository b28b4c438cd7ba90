package gateway

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// retryableStatus lists the answers that say "try again": rate limiting and the gateway or
// a proxy in front of it being briefly unavailable. 501 and other 4xx will not change.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// checkRetry says which outcomes are worth another attempt: transient transport failures and
// retryable statuses; not the caller's cancellation, an oversize body, TLS and DNS-not-found,
// nor a Retry-After longer than the client is willing to wait. Whether the read's budget has
// room for that attempt is retryBudget's call.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		return transientError(err), nil
	}
	if !retryableStatus(resp.StatusCode) {
		return false, nil
	}
	if c.retryAfterTooLong(resp) > 0 {
		return false, nil
	}
	return !gatewayRefused(resp), nil
}

// retryAfterTooLong is the wait a 429 or 503 asked for when it is longer than the client
// waits between attempts (it then gives up at once), and zero otherwise.
func (c *Client) retryAfterTooLong(resp *http.Response) time.Duration {
	if wait, ok := retryAfter(resp, time.Now()); ok && wait > c.waitMax {
		return wait
	}
	return 0
}

// gatewayRefused reports whether an error status carries the gateway's own `errors:` answer:
// its verdict, which trying again will not change. The body is read and put back for later.
func gatewayRefused(resp *http.Response) bool {
	body, err := readLimited(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return err == nil && holdsErrorsField(answerText(body))
}

// transientError reports whether a failed attempt is worth another: timeouts, refused and
// reset connections, and DNS failures the resolver itself calls temporary.
func transientError(err error) bool {
	if errors.Is(err, errBodyTooLarge) {
		return false
	}
	switch transportKind(err) {
	case KindTimeout, KindRefused, KindReset:
		return true
	case KindDNS:
		var dnsErr *net.DNSError
		return errors.As(err, &dnsErr) && (dnsErr.IsTimeout || dnsErr.IsTemporary)
	}
	return false
}

// backoff is the wait before retrying a failure: exponentially longer after each one, with
// jitter so that many CI jobs failing together do not retry together. Throttled answers wait
// by throttledWait instead.
func backoff(waitMin, waitMax time.Duration, attempt int) time.Duration {
	// Doubled step by step, never shifted: a shift of a large wait overflows into a
	// negative one, which rand.N refuses with a panic.
	window := min(waitMin, waitMax)
	for range attempt {
		if window >= waitMax/2 {
			window = waitMax
			break
		}
		window *= 2
	}
	half := window / 2
	return half + rand.N(half+1) //nolint:gosec // jitter, not a secret
}

// retryAfter reads a Retry-After header of 429 and 503 answers, in seconds or as an HTTP date.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0, false
	}
	value := resp.Header.Get("Retry-After")
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil {
		if seconds < 0 {
			return 0, false
		}
		if seconds > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		return time.Duration(seconds) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		// Sub saturates at about 292 years for a date far ahead; capped like the seconds form.
		return min(max(at.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}

// maxRetryAfter caps what a Retry-After is read as: longer waits are refused anyway, and the
// error that names the wait stays readable.
const maxRetryAfter = 24 * time.Hour
