// Package gateway is a client for the SMS gateway's HTTP and JSON APIs; it knows nothing of Terraform.
package gateway

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// Defaults and bounds, also documented for the provider's users.
const (
	DefaultTimeout        = 30 * time.Second // per attempt, as the vendor's own client
	DefaultMaxRetries     = 3
	DefaultWaitMin        = 1 * time.Second  // first backoff step
	DefaultWaitMax        = 10 * time.Second // longest wait between attempts, Retry-After included
	DefaultThrottleBudget = 60 * time.Second // throttling is load, not a fault: a budget of time
	MaxTimeout            = 5 * time.Minute  // per attempt: longer would let a typo hang a plan
	MaxRetriesLimit       = 10               // more would let a typo make a plan wait for hours
	MaxBodyBytes          = 64 << 10         // an answer is a few bytes; anything larger is refused
	MaxHeaderBytes        = 64 << 10
)

// Methods the gateway accepts. POST, the default, keeps the key out of the URL.
const (
	MethodGet  = http.MethodGet
	MethodPost = http.MethodPost
)

// Config is what a Client needs. Endpoint and APIKey are required.
type Config struct {
	Endpoint   string        // the operator's base URL; see ParseEndpoint
	APIKey     string        // sent as the `key` parameter and nowhere else
	Method     string        // MethodPost (default) or MethodGet
	Timeout    time.Duration // per attempt; 0 means DefaultTimeout
	MaxRetries int           // retries after the first attempt; 0 means none
	WaitMin    time.Duration // 0 means DefaultWaitMin
	WaitMax    time.Duration // 0 means DefaultWaitMax
	UserAgent  string
	Transport  http.RoundTripper // replaces the default transport (tests inject faults)
	// Log receives a line for each retry and one for the outcome: no key, no query string.
	Log            func(ctx context.Context, msg string, fields map[string]any)
	ThrottleBudget time.Duration // from a read's start; 0 means DefaultThrottleBudget
	Currency       string        // when set, the only currency a balance or a price may be in
}

// Client sends commands to one gateway account. It is safe for concurrent use.
type Client struct {
	cfg          Config      // as New checked it, defaults filled in
	apiURL       string      // the HTTP API
	jsonURL      string      // the JSON API, where the balance comes with its currency
	noJSON       atomic.Bool // the JSON API answered 404: ask the HTTP API
	http         *http.Client
	redactor     redactor
	balance      shared[Funds] // one figure per Client
	freshBalance shared[Funds] // fresh: shared only in flight
	prices       sync.Map      // number → *shared[Price]
}

// New checks cfg and builds a Client. It makes no request.
func New(cfg Config) (*Client, error) {
	apiURL, err := ParseEndpoint(cfg.Endpoint)
	if err == nil {
		err = CheckAPIKey(cfg.APIKey)
	}
	if err == nil && cfg.Currency != "" {
		err = CheckCurrency(cfg.Currency)
	}
	if err != nil {
		return nil, err
	}
	method := cmp.Or(strings.ToUpper(cfg.Method), MethodPost)
	switch {
	case method != MethodGet && method != MethodPost:
		return nil, fmt.Errorf("the method must be GET or POST, not %q", cfg.Method)
	case cfg.MaxRetries < 0 || cfg.MaxRetries > MaxRetriesLimit:
		return nil, fmt.Errorf("max retries must be from 0 to %d, not %d", MaxRetriesLimit, cfg.MaxRetries)
	case cfg.Timeout < 0 || cfg.WaitMin < 0 || cfg.WaitMax < 0 || cfg.ThrottleBudget < 0:
		return nil, errors.New("timeouts and waits must not be negative")
	case cfg.Timeout > MaxTimeout:
		return nil, fmt.Errorf("the timeout must be at most %s", MaxTimeout)
	}
	cfg.Method, cfg.Currency = method, strings.ToUpper(cfg.Currency)
	cfg.Timeout = cmp.Or(cfg.Timeout, DefaultTimeout)
	cfg.WaitMin = cmp.Or(cfg.WaitMin, DefaultWaitMin)
	cfg.WaitMax = max(cmp.Or(cfg.WaitMax, DefaultWaitMax), cfg.WaitMin)
	cfg.ThrottleBudget = cmp.Or(cfg.ThrottleBudget, DefaultThrottleBudget)
	if cfg.Transport == nil {
		cfg.Transport = newTransport(apiURL.Scheme == "http")
	}
	return &Client{
		cfg:          cfg,
		apiURL:       apiURL.String(), // ends in apiPath, escapes kept as written
		jsonURL:      strings.TrimSuffix(apiURL.String(), apiPath) + jsonPath,
		freshBalance: shared[Funds]{fresh: true},
		redactor:     newRedactor(cfg.APIKey),
		http: &http.Client{
			Transport: holdRedirects{base: cfg.Transport},
			Timeout:   cfg.Timeout,
			// Never follow a redirect: Go would send the key on to whatever host it names.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}, nil
}

// newTransport is Go's default transport, headers bounded; for plain http://, no proxy (it would get the key in
// clear text) and loopback dials only.
func newTransport(plainHTTP bool) http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // the standard library's own type
	t.MaxIdleConnsPerHost = 4
	t.MaxResponseHeaderBytes = MaxHeaderBytes
	t.OnProxyConnectResponse = func(_ context.Context, _ *url.URL, _ *http.Request, resp *http.Response) error {
		if resp.StatusCode != http.StatusOK {
			return &proxyStatusError{statusCode: resp.StatusCode}
		}
		return nil
	}
	if plainHTTP {
		t.Proxy = nil
		dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: dialLoopbackOnly}
		t.DialContext = dialer.DialContext
	}
	return t
}

var errNotLoopback = errors.New("a plain http:// endpoint resolved to an address that is not loopback; the key was not sent")

// dialLoopbackOnly refuses a loopback name resolved elsewhere ("localhost" via DNS search domains, no /etc/hosts line).
func dialLoopbackOnly(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return errNotLoopback
	}
	if !net.ParseIP(host).IsLoopback() { // nil, not an IP, is not loopback
		return fmt.Errorf("%w (%s)", errNotLoopback, host)
	}
	return nil
}

// heldLocation keeps a redirect's Location for classify: Go's client would quote an unparsable one cut mid-key.
const heldLocation = "X-Gateway-Held-Location"

// holdRedirects hides the Location of every 3xx answer from the http.Client.
type holdRedirects struct{ base http.RoundTripper }

func (h holdRedirects) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := h.base.RoundTrip(r)
	if resp != nil && resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if loc := resp.Header.Values("Location"); len(loc) > 0 {
			resp.Header.Del("Location")
			resp.Header[heldLocation] = loc
		}
	}
	return resp, err
}

// request is what each attempt builds its *http.Request from, its whole body included.
type request struct {
	command     string // the command's name, for errors and logs
	method, url string
	body        []byte
	contentType string // of the body; "" without one
	accept      string
}

// call sends one command of the table with its parameters, as send does.
func (c *Client) call(ctx context.Context, cmd command.Command, params url.Values) ([]byte, error) {
	if err := checkParams(cmd, params); err != nil {
		return nil, err
	}
	values := url.Values{}
	maps.Copy(values, params)
	values.Set("version", "http") // as the vendor's own client: a gateway may dispatch on it
	values.Set("command", cmd.Name)
	values.Set("key", c.cfg.APIKey)
	r := request{command: cmd.Name, method: c.cfg.Method, url: c.apiURL + "?" + values.Encode(), accept: "text/plain"}
	if c.cfg.Method == MethodPost {
		r.url, r.body, r.contentType = c.apiURL, []byte(values.Encode()), "application/x-www-form-urlencoded"
	}
	return c.send(ctx, r)
}

// checkParams refuses parameters other than the command table's: a bug, caught before sending.
func checkParams(cmd command.Command, params url.Values) error {
	if len(params) != len(cmd.Params) {
		return fmt.Errorf("the %s command takes the parameters %q, not %d", cmd.Name, cmd.Params, len(params))
	}
	for _, name := range cmd.Params {
		if params.Get(name) == "" {
			return fmt.Errorf("the %s command needs the parameter %s", cmd.Name, name)
		}
	}
	return nil
}

// send makes one request, retried as configured: a 2xx body, an error of this package's types, or the context's.
func (c *Client) send(ctx context.Context, r request) ([]byte, error) {
	start := time.Now()
	var s spent
	for attempts := 1; ; attempts++ {
		resp, body, err := c.attempt(ctx, r, attempts, start) //nolint:bodyclose // attempt has read and closed it
		wait, retry := c.retryWait(&s, resp, err, time.Since(start), randDuration)
		if !retry {
			c.logOutcome(ctx, "gateway request done", r, attempts, resp, err, 0)
			return body, err
		}
		c.logOutcome(ctx, "gateway request failed, retrying", r, attempts, resp, err, wait)
		select {
		case <-ctx.Done():
			c.logOutcome(ctx, "gateway request done", r, attempts, resp, ctx.Err(), 0)
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// attempt makes one request and reads and classifies its answer, all within its timeout.
func (c *Client) attempt(ctx context.Context, r request, attempts int, start time.Time) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, r.method, r.url, bytes.NewReader(r.body))
	if err != nil {
		// The error's text may hold the URL, and so the key.
		return nil, nil, errors.New("the request to the gateway could not be built")
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	req.Header.Set("Accept", r.accept)
	if c.cfg.UserAgent != "" {
		req.Header.Set("User-Agent", c.cfg.UserAgent)
	}
	resp, err := c.http.Do(req)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes+1))
		_ = resp.Body.Close()
	}
	body, err = c.classify(ctx, r.command, resp, body, err)
	var se *StatusError
	var te *TransportError
	if errors.As(err, &se) { // for the error to say what happened, and what to do
		_, se.Throttled = throttling(resp)
		se.Attempts, se.RetriesOff, se.Elapsed = attempts, se.Throttled && c.cfg.MaxRetries == 0, time.Since(start)
	} else if errors.As(err, &te) {
		te.Attempts = attempts
	}
	return resp, body, err
}

// spent is what one read has used of its retry budgets.
type spent struct {
	failures int           // failures retried
	lastWait time.Duration // the previous throttled wait, which the next one grows from
}

// retryWait decides whether an outcome, elapsed into the read, is retried and after what wait. Failures spend
// max_retries; throttling, the throttle budget's time; max_retries = 0 turns both off.
func (c *Client) retryWait(s *spent, resp *http.Response, err error, elapsed time.Duration, randN func(time.Duration) time.Duration) (time.Duration, bool) {
	if c.cfg.MaxRetries == 0 || !worthRetrying(err) {
		return 0, false
	}
	floor, throttled := throttling(resp)
	if !throttled {
		if s.failures >= c.cfg.MaxRetries {
			return 0, false
		}
		s.failures++
		return backoff(c.cfg.WaitMin, c.cfg.WaitMax, s.failures-1), true
	}
	wait, ok := throttledWait(floor, s.lastWait, c.cfg.WaitMin, c.cfg.WaitMax, c.cfg.ThrottleBudget-elapsed, randN)
	if ok {
		s.lastWait = wait
	}
	return wait, ok
}

// worthRetrying reports whether another attempt may end otherwise: after a timeout, a refused or reset connection,
// a temporary DNS failure, or 429/500/502/503/504 (not 501 or other 4xx) without a Retry-After too long to wait.
func worthRetrying(err error) bool {
	var te *TransportError
	var se *StatusError
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &se):
		return se.RetryAfter == 0 && slices.Contains([]int{429, 500, 502, 503, 504}, se.StatusCode)
	case errors.As(err, &te):
		return te.Kind == KindTimeout || te.Kind == KindRefused || te.Kind == KindReset ||
			te.Kind == KindDNS && errors.As(err, &dnsErr) && (dnsErr.IsTimeout || dnsErr.IsTemporary)
	}
	return false
}

// throttledWait is decorrelated jitter above Retry-After, so plans throttled together do not return on one beat:
// uniform from max(base, floor) to 3× the previous wait, at most ceiling and left; false if the floor ends past left.
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

func randDuration(n time.Duration) time.Duration { return rand.N(n) } //nolint:gosec // jitter, not a secret

// backoff is the wait before retrying a failure: a window doubling from waitMin to waitMax,
// with jitter over its upper half so that CI jobs failing together do not retry together.
func backoff(waitMin, waitMax time.Duration, attempt int) time.Duration {
	window := min(waitMin, waitMax)
	for range attempt { // doubled, never shifted: a shift overflows into a negative wait
		if window >= waitMax/2 {
			window = waitMax
			break
		}
		window *= 2
	}
	return window/2 + randDuration(window/2+1)
}

// maxRetryAfter caps a Retry-After: longer waits are refused anyway, and the error stays readable.
const maxRetryAfter = 24 * time.Hour

// throttling reports whether an answer is 429, or 503 with a Retry-After (without, it is a
// failure like 500), and the wait it asks for, in seconds or as an HTTP date.
func throttling(resp *http.Response) (time.Duration, bool) {
	if resp == nil || resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0, false
	}
	value := resp.Header.Get("Retry-After")
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil && seconds >= 0 {
		return time.Duration(min(seconds, int64(maxRetryAfter/time.Second))) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		return min(max(time.Until(at), 0), maxRetryAfter), true
	}
	return 0, resp.StatusCode == http.StatusTooManyRequests
}

func (c *Client) logOutcome(ctx context.Context, msg string, r request, attempts int, resp *http.Response, err error, wait time.Duration) {
	if c.cfg.Log == nil {
		return
	}
	target, _, _ := strings.Cut(r.url, "?") // without the query, which holds the key of a GET
	fields := map[string]any{"command": r.command, "method": r.method, "url": target, "attempts": attempts}
	if resp != nil {
		fields["status"] = resp.StatusCode
	}
	if err != nil {
		fields["error"] = c.redactor.quoted(err.Error(), maxLoggedError)
	}
	if wait > 0 {
		fields["wait"] = wait.String()
	}
	c.cfg.Log(ctx, msg, fields)
}
