// Package gateway is a client for the SMS gateway's HTTP API (`/api/http.php`). It knows
// HTTP and the gateway's text protocol and nothing of Terraform.
package gateway

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
)

// Defaults, also documented for the provider's users.
const (
	DefaultTimeout    = 30 * time.Second // per attempt, the vendor's own client uses the same
	DefaultMaxRetries = 3
	DefaultWaitMin    = 1 * time.Second  // first backoff step
	DefaultWaitMax    = 10 * time.Second // longest wait between attempts, Retry-After included
	MaxTimeout        = 5 * time.Minute  // per attempt: longer would let a typo hang a plan
	MaxRetriesLimit   = 10               // retries: more would let a typo make a plan wait for hours
	MaxBodyBytes      = 64 << 10         // an answer is a few bytes; anything larger is refused
	MaxHeaderBytes    = 64 << 10         // the answer's headers, bounded like its body
)

// APIVersion is sent as `version=http` with every request, as the vendor's request-structure
// page and its own client do: an operator's gateway may dispatch on it.
const APIVersion = "http"

// Methods the gateway accepts. POST, the default, sends the parameters as a form body, so the
// key is never part of a URL; GET is the vendor's documented form.
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
	// Transport replaces the default HTTP transport (tests use it to inject faults).
	Transport http.RoundTripper
	// Log receives a line for each retry and one for the outcome: no key, no query string.
	// Nil discards them.
	Log func(ctx context.Context, msg string, fields map[string]any)
	// ThrottleBudget is how long, from the start of a read, a throttling gateway is asked
	// again; 0 means DefaultThrottleBudget (throttle.go).
	ThrottleBudget time.Duration
	// Currency, when set, is the only currency a balance or a price may be in: any other, or a
	// balance whose currency the gateway does not name, is a *CurrencyError.
	Currency string
}

// Client sends commands to one gateway account. It is safe for concurrent use.
type Client struct {
	apiURL       *url.URL
	jsonURL      *url.URL // the JSON API, where the balance comes with its currency
	key          string
	currency     string      // Config.Currency
	noJSON       atomic.Bool // the JSON API answered 404: the balance is read from the HTTP API
	method       string
	maxRetries   int
	waitMin      time.Duration
	waitMax      time.Duration
	throttle     time.Duration // the throttle budget
	userAgent    string
	http         *http.Client
	redactor     redactor
	log          func(ctx context.Context, msg string, fields map[string]any)
	balance      shared[Funds] // one figure per Client
	freshBalance shared[Funds] // fresh: shared only in flight
	prices       sharedByKey[Price]
}

// New checks cfg and builds a Client. It makes no request.
func New(cfg Config) (*Client, error) {
	apiURL, err := ParseEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if err := CheckAPIKey(cfg.APIKey); err != nil {
		return nil, err
	}
	method := strings.ToUpper(cfg.Method)
	switch method {
	case "":
		method = MethodPost
	case MethodGet, MethodPost:
	default:
		return nil, fmt.Errorf("the method must be GET or POST, not %q", cfg.Method)
	}
	if cfg.MaxRetries < 0 || cfg.MaxRetries > MaxRetriesLimit {
		return nil, fmt.Errorf("max retries must be from 0 to %d, not %d", MaxRetriesLimit, cfg.MaxRetries)
	}
	if cfg.Timeout < 0 || cfg.WaitMin < 0 || cfg.WaitMax < 0 || cfg.ThrottleBudget < 0 {
		return nil, errors.New("timeouts and waits must not be negative")
	}
	if cfg.Currency != "" {
		if err := CheckCurrency(cfg.Currency); err != nil {
			return nil, err
		}
	}
	if cfg.Timeout > MaxTimeout {
		return nil, fmt.Errorf("the timeout must be at most %s", MaxTimeout)
	}
	transport := cfg.Transport
	if transport == nil {
		transport = newTransport(apiURL.Scheme == "http")
	}
	jsonURL := *apiURL // the same prefix, escapes kept as written
	jsonURL.Path = strings.TrimSuffix(apiURL.Path, apiPath) + jsonPath
	jsonURL.RawPath = strings.TrimSuffix(apiURL.EscapedPath(), apiPath) + jsonPath
	c := &Client{
		apiURL:       apiURL,
		jsonURL:      &jsonURL,
		key:          cfg.APIKey,
		currency:     strings.ToUpper(cfg.Currency),
		method:       method,
		maxRetries:   cfg.MaxRetries,
		waitMin:      orDefault(cfg.WaitMin, DefaultWaitMin),
		waitMax:      orDefault(cfg.WaitMax, DefaultWaitMax),
		throttle:     orDefault(cfg.ThrottleBudget, DefaultThrottleBudget),
		userAgent:    cfg.UserAgent,
		freshBalance: shared[Funds]{fresh: true},
		redactor:     newRedactor(cfg.APIKey),
		log:          cfg.Log,
		http: &http.Client{
			Transport: holdRedirects{base: transport},
			Timeout:   orDefault(cfg.Timeout, DefaultTimeout),
			// Never follow a redirect: Go would re-send a POST body, or the whole URL with
			// its key in a Referer header, to whatever host the redirect names.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	if c.waitMax < c.waitMin {
		c.waitMax = c.waitMin
	}
	return c, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// newTransport is a private copy of Go's default transport (HTTP/2, connection reuse, and for
// https:// the proxy that HTTPS_PROXY and NO_PROXY name), so that the client's idle
// connections are its own, with the answer's headers bounded. For a plain http:// endpoint it
// never uses a proxy, which would receive the key in clear text, and dials loopback
// addresses only. A proxy's refusal of a CONNECT becomes a *proxyStatusError.
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

// call sends one command of the table with its parameters and returns the body of a 2xx
// answer. Every error it returns is one of this package's types, or the context's error.
func (c *Client) call(ctx context.Context, cmd command.Command, params url.Values) ([]byte, error) {
	if err := checkParams(cmd, params); err != nil {
		return nil, err
	}
	values := url.Values{}
	for name, v := range params {
		values[name] = v
	}
	values.Set("version", APIVersion)
	values.Set("command", cmd.Name)
	values.Set("key", c.key)
	req, err := c.newRequest(ctx, values)
	if err != nil {
		return nil, err
	}
	return c.send(ctx, cmd.Name, req)
}

// send makes one request, retried as the client's settings say, and returns the body of a 2xx
// answer. Every error it returns is one of this package's types, or the context's error.
func (c *Client) send(ctx context.Context, name string, req *retryablehttp.Request) ([]byte, error) {
	var body []byte
	attempts := 1
	budget := c.newRetryBudget()
	req.SetResponseHandler(func(resp *http.Response) error {
		// Read within the attempt, so a body that trickles past the timeout is retried too.
		b, err := readLimited(resp.Body)
		_ = resp.Body.Close() // unread rest of an oversize body: drop the connection
		if errors.Is(err, errBodyTooLarge) && (resp.StatusCode < 200 || resp.StatusCode > 299) {
			err = nil // the status says what happened; the start of the body is enough
		}
		body = b
		// Put it back: the retry policy runs again after this handler and may look at it.
		resp.Body = io.NopCloser(bytes.NewReader(b))
		return err
	})
	rc := &retryablehttp.Client{
		HTTPClient:   c.http,
		Logger:       nil, // its logger prints request URLs, and so the key
		RetryWaitMin: c.waitMin,
		RetryWaitMax: c.waitMax,
		RetryMax:     budget.maxRetries(),
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			retry, stop := c.checkRetry(ctx, resp, err)
			retry = retry && budget.allow(ctx, resp)
			if retry {
				c.logOutcome(ctx, "gateway request failed, retrying", name, req, attempts, resp, err)
			}
			return retry, stop
		},
		Backoff: budget.wait,
		PrepareRetry: func(*http.Request) error {
			attempts++
			body = nil // only the last attempt's answer counts
			return nil
		},
		// Hand back the last answer or error as they are; classify turns them into types.
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) {
			return resp, err
		},
	}

	resp, err := rc.Do(req)
	if resp != nil && resp.Body != nil {
		defer resp.Body.Close()
	}
	c.logOutcome(ctx, "gateway request done", name, req, attempts, resp, err)
	body, err = c.classify(ctx, name, resp, body, err, attempts)
	return body, budget.annotate(resp, err)
}

// checkParams refuses parameters that are not exactly those the command table lists: a bug
// in a client method, caught before anything is sent.
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

func (c *Client) newRequest(ctx context.Context, values url.Values) (*retryablehttp.Request, error) {
	target := *c.apiURL
	var req *retryablehttp.Request
	var err error
	if c.method == MethodPost {
		req, err = retryablehttp.NewRequestWithContext(ctx, MethodPost, target.String(), []byte(values.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	} else {
		target.RawQuery = values.Encode()
		req, err = retryablehttp.NewRequestWithContext(ctx, MethodGet, target.String(), nil)
	}
	if err != nil {
		// The URL was checked by ParseEndpoint, so this is a programming error; its text
		// may hold the URL, so it is not passed on.
		return nil, errors.New("the request to the gateway could not be built")
	}
	c.setHeaders(req, "text/plain")
	return req, nil
}

// setHeaders sets what every request carries: the answer it accepts and the User-Agent.
func (c *Client) setHeaders(req *retryablehttp.Request, accept string) {
	req.Header.Set("Accept", accept)
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
}

// maxLoggedError bounds the error a log line quotes: the errors' own bounds, and room for
// their words around what they quote.
const maxLoggedError = 6 << 10

func (c *Client) logOutcome(ctx context.Context, msg, command string, req *retryablehttp.Request, attempts int, resp *http.Response, err error) {
	if c.log == nil {
		return
	}
	target := *req.URL // without the query, which holds the key of a GET
	target.RawQuery = ""
	fields := map[string]any{"command": command, "method": req.Method, "url": target.String(), "attempts": attempts}
	if resp != nil {
		fields["status"] = resp.StatusCode
	}
	if err != nil {
		fields["error"] = c.redactor.quoted(withoutURL(err).Error(), maxLoggedError)
	}
	c.log(ctx, msg, fields)
}
