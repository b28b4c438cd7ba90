package gateway

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// logSink collects the client's log lines so tests can search them for the key.
type logSink struct {
	mu    sync.Mutex
	lines []string
}

func (s *logSink) log(_ context.Context, msg string, fields map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines = append(s.lines, fmt.Sprint(msg, fields))
}

func (s *logSink) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.lines, "\n")
}

// testConfig is fast: short waits, two retries. Its timeout is long, because most tests
// count attempts and a busy machine can stall one; the tests of timeouts set a short one.
func testConfig(endpoint string, logs *logSink) Config {
	return Config{
		Endpoint:   endpoint,
		APIKey:     testKey,
		Timeout:    10 * time.Second,
		MaxRetries: 2,
		WaitMin:    10 * time.Millisecond,
		WaitMax:    100 * time.Millisecond,
		UserAgent:  "terraform-provider-gateway/test",
		Log:        logs.log,
	}
}

// outcome names an error by its type and main field, for compact expectations.
func outcome(err error) string {
	var (
		apiErr       *APIError
		statusErr    *StatusError
		redirectErr  *RedirectError
		protocolErr  *ProtocolError
		transportErr *TransportError
	)
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &apiErr):
		return "api"
	case errors.As(err, new(*NoPriceError)):
		return "noprice"
	case errors.As(err, &statusErr):
		return fmt.Sprintf("status %d", statusErr.StatusCode)
	case errors.As(err, &redirectErr):
		return "redirect " + redirectErr.LocationHost
	case errors.As(err, &protocolErr):
		return "protocol"
	case errors.As(err, &transportErr):
		return "transport " + transportErr.Kind
	}
	return fmt.Sprintf("untyped %T", err)
}

func TestBalanceSuccess(t *testing.T) {
	t.Parallel()
	for _, method := range []string{MethodGet, MethodPost} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetAccount(testKey, "31.168300000000002")
			cfg := testConfig(g.URL+"/", &logSink{})
			cfg.Method = method
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Balance(context.Background())
			if err != nil {
				t.Fatalf("Balance: %v", err)
			}
			if got.String() != "31.168300000000002" {
				t.Fatalf("Balance = %s", got.String())
			}
			reqs := g.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != method || r.Version != "http" || r.Command != "balance" || r.Key != testKey || r.KeyInQuery != (method == MethodGet) {
				t.Errorf("request = %+v", r)
			}
			if r.UserAgent != "terraform-provider-gateway/test" {
				t.Errorf("User-Agent = %q", r.UserAgent)
			}
		})
	}
}

// The fake serves only /api/http.php: a prefix in the endpoint must be kept before it.
func TestEndpointPathPrefix(t *testing.T) {
	t.Parallel()
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/json.php") {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "balance:1")
	}))
	t.Cleanup(srv.Close)
	c, err := New(testConfig(srv.URL+"/operator/v1/", &logSink{}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Balance(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths, " "); got != "/operator/v1/api/json.php /operator/v1/api/http.php" {
		t.Fatalf("paths = %q", got)
	}
}

// faultRow is one row of the fault matrix.
type faultRow struct {
	name     string
	answers  []gatewaytest.Answer // scripted, in order
	always   *gatewaytest.Answer  // after the script
	server   http.HandlerFunc     // instead of the fake
	closed   bool                 // no server at all: the connection is refused
	amounts  bool                 // about the amount an answer holds: run for the commands whose answers hold one
	positive string               // outcome() for a command whose amount must be above zero, where it differs from want
	config   func(*Config)        // adjustments
	cancelAt time.Duration        // cancel the context after this long
	want     string               // outcome()
	attempts int                  // requests the client made
	upTo     int                  // when set, attempts may be anything from attempts to upTo (throttled waits are random)
	message  string               // the error's text must hold this
	minTime  time.Duration        // the call must take at least this (a wait was honoured)
	maxText  int                  // the error's text is at most this long (maxErrorText when 0)
}

// maxErrorText bounds every error's text: at most 10 gateway messages of 500 characters, or an
// excerpt of 80, and the client's words around them.
const maxErrorText = 6 << 10

// rawAnswer answers every request with exactly these bytes, then closes the connection: what
// an HTTP server would never write.
func rawAnswer(answer string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		hijacker, ok := w.(http.Hijacker)
		if !ok {
			return
		}
		conn, buf, err := hijacker.Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString(answer)
		_ = buf.Flush()
		_ = conn.Close()
	}
}

// shortTimeout is for the rows about timeouts: 300 ms an attempt.
func shortTimeout(c *Config) { c.Timeout = 300 * time.Millisecond }

func faultMatrix() []faultRow {
	ok := gatewaytest.Answer{Body: "balance:5"}
	status := func(code int) gatewaytest.Answer {
		return gatewaytest.Answer{Status: code, Body: http.StatusText(code)}
	}
	body := func(b string) *gatewaytest.Answer { return &gatewaytest.Answer{Body: b} }
	rows := []faultRow{
		{name: "connection refused", server: nil, closed: true,
			want: "transport connection refused", attempts: 3},
		{name: "DNS failure", config: func(c *Config) {
			c.Endpoint = "https://gateway.invalid"
			c.Transport = &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
				return nil, &net.DNSError{Err: "no such host", Name: "gateway.invalid", IsNotFound: true}
			}}
		}, want: "transport DNS lookup failed", attempts: 1},
		// Whatever a transport error quotes is bounded too.
		{name: "a transport error quoting 60,000 bytes", config: func(c *Config) {
			c.Endpoint = "https://gateway.invalid"
			c.Transport = &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
				return nil, &net.DNSError{Err: "no such host", Name: strings.Repeat("z", 60000), IsNotFound: true}
			}}
		}, want: "transport DNS lookup failed", attempts: 1, maxText: 500},
		{name: "timeout before headers", always: &gatewaytest.Answer{Delay: 5 * time.Second, Body: "balance:5"}, config: shortTimeout,
			want: "transport timeout", attempts: 3, minTime: 900 * time.Millisecond},
		{name: "body trickles past the timeout", always: &gatewaytest.Answer{Body: "balance:12345", Trickle: 100 * time.Millisecond},
			config: shortTimeout, want: "transport timeout", attempts: 3, minTime: 900 * time.Millisecond},
		{name: "reset before the answer", answers: []gatewaytest.Answer{{Reset: true}, ok}, want: "ok", attempts: 2},
		{name: "reset mid-body", answers: []gatewaytest.Answer{{Cut: true, Body: "bala"}, ok}, want: "ok", attempts: 2},
		{name: "reset forever", always: &gatewaytest.Answer{Reset: true}, want: "transport connection reset", attempts: 3},
	}
	for _, code := range []int{500, 502, 503, 504} {
		rows = append(rows, faultRow{name: fmt.Sprintf("%d then success", code), answers: []gatewaytest.Answer{status(code), ok},
			want: "ok", attempts: 2})
	}
	rows = append(rows,
		faultRow{name: "429 then success", answers: []gatewaytest.Answer{status(429), ok}, want: "ok", attempts: 2},
		// Throttling spends time, not max_retries: asked again until the budget (1 s here) is
		// spent, with waits of 10 to 100 ms; then the error says for how long. At least 5
		// attempts, more than max_retries allows, even when a busy machine slows each one.
		faultRow{name: "429 forever", always: ptr(status(429)), config: func(c *Config) { c.ThrottleBudget = time.Second },
			want: "status 429", attempts: 5, upTo: 101, minTime: 990 * time.Millisecond, message: "attempts over "},
		faultRow{name: "503 Retry-After forever", always: &gatewaytest.Answer{Status: 503, Header: http.Header{"Retry-After": {"0"}}},
			config: func(c *Config) { c.ThrottleBudget = time.Second },
			want:   "status 503", attempts: 5, upTo: 101, minTime: 990 * time.Millisecond, message: "attempts over "},
		faultRow{name: "429 with retries off", always: ptr(status(429)), config: func(c *Config) { c.MaxRetries = 0 },
			want: "status 429", attempts: 1},
		// Each budget apart: a throttled answer spends none of max_retries (2 here).
		faultRow{name: "429 then 500 forever", answers: []gatewaytest.Answer{status(429), status(429)}, always: ptr(status(500)),
			want: "status 500", attempts: 5},
		faultRow{name: "cancelled during a throttled wait", always: &gatewaytest.Answer{Status: 429, Header: http.Header{"Retry-After": {"5"}}},
			config:   func(c *Config) { c.WaitMax = 10 * time.Second },
			cancelAt: 200 * time.Millisecond, want: "canceled", attempts: 1},
		faultRow{name: "503 forever", always: ptr(status(503)), want: "status 503", attempts: 3,
			message: `: "Service Unavailable"`}, // the last attempt's body, read after the retries
		faultRow{name: "429 Retry-After seconds", answers: []gatewaytest.Answer{
			{Status: 429, Header: http.Header{"Retry-After": {"1"}}}, ok},
			config: func(c *Config) { c.WaitMax = 2 * time.Second },
			want:   "ok", attempts: 2, minTime: time.Second},
		faultRow{name: "429 Retry-After HTTP date", server: retryAfterDate(2 * time.Second),
			config: func(c *Config) { c.WaitMax = 3 * time.Second },
			// An HTTP date has whole seconds: 2 s ahead is between 1 and 2 s of waiting.
			want: "ok", attempts: 2, minTime: 900 * time.Millisecond},
		faultRow{name: "429 Retry-After huge", always: &gatewaytest.Answer{Status: 429, Header: http.Header{"Retry-After": {"86400"}}},
			want: "status 429", attempts: 1},
		faultRow{name: "501 not retried", always: ptr(status(501)), want: "status 501", attempts: 1},
		faultRow{name: "401 not retried", always: ptr(status(401)), want: "status 401", attempts: 1},
		faultRow{name: "403 not retried", always: ptr(status(403)), want: "status 403", attempts: 1},
		faultRow{name: "404 not retried", always: ptr(status(404)), want: "status 404", attempts: 1},
		faultRow{name: "HTML page with 200", always: body("<!doctype html><html><body>Sign in</body></html>"), want: "protocol", attempts: 1},
		faultRow{name: "empty 200", always: body(""), want: "protocol", attempts: 1},
		faultRow{name: "oversize body", server: oversizeHandler(nil), want: "protocol", attempts: 1},
		faultRow{name: "302 to another host", always: &gatewaytest.Answer{Status: 302, Header: http.Header{
			"Location": {"https://elsewhere.example/api/http.php?key=" + url.QueryEscape(testKey)}}},
			want: "redirect https://elsewhere.example", attempts: 1},
		faultRow{name: "redirect loop", server: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.String(), http.StatusFound)
		}, want: "redirect ", attempts: 1},
		faultRow{name: "errors: single line", always: body("errors:Unknown command"), want: "api", attempts: 1},
		faultRow{name: "errors: several lines", always: body("errors:Invalid key\nerrors:Account blocked"), want: "api", attempts: 1},
		faultRow{name: "errors: with a 500 status", always: &gatewaytest.Answer{Status: 500, Body: "errors:Internal"}, want: "api", attempts: 1},
		// PHP noise: a byte-order mark or a stray space before the answer hides nothing.
		faultRow{name: "BOM before the balance", always: body("\ufeffbalance:31.1"), want: "ok", attempts: 1},
		faultRow{name: "BOM before errors:", always: body("\ufefferrors:Invalid key"), want: "api", attempts: 1, message: ": Invalid key"},
		faultRow{name: "space before errors:", always: body(" errors:Invalid key"), want: "api", attempts: 1, message: ": Invalid key"},
		// Amounts past the digit bounds are refused before they cost anything to carry.
		faultRow{name: "65,001 decimal places", always: body("balance:0." + strings.Repeat("0", 65000) + "1"), want: "protocol", attempts: 1,
			message: "order of 1e-65001, beyond the 1e±400", amounts: true},
		faultRow{name: "65,000 digits", always: body("balance:" + strings.Repeat("7", 65000)), want: "protocol", attempts: 1,
			message: "65000 significant digits, more than the 100", amounts: true},
		// What PHP prints after an account spent exactly its balance is read, exactly.
		faultRow{name: "PHP float remainder", always: body("balance:5.551115123125783E-17"), want: "ok", attempts: 1,
			amounts: true, positive: "noprice"}, // a price that is a float leftover of zero
		// The gateway's words are shown without the key it echoed.
		faultRow{name: "errors: echoing the key", always: body("errors:Invalid key " + testKey), want: "api", attempts: 1,
			message: ": Invalid key [redacted]"},
		// One answer, one figure: a second one is not ignored.
		faultRow{name: "two answers in one", always: body("balance:500\nbalance:1"), want: "protocol", attempts: 1},
		// The limit is 64 KiB, to the byte.
		faultRow{name: "answer of exactly 64 KiB", server: sizedAnswer(MaxBodyBytes), want: "ok", attempts: 1},
		faultRow{name: "answer of 64 KiB and a byte", server: sizedAnswer(MaxBodyBytes + 1), want: "protocol", attempts: 1,
			message: "larger than 64 KiB"},
		// A refusal is a refusal wherever its errors: field stands.
		faultRow{name: "errors: after the balance", always: body("balance:500 errors:Account blocked"), want: "api", attempts: 1,
			message: ": Account blocked"},
		faultRow{name: "errors: after a carriage return", always: body("balance:500\rerrors:Account blocked"), want: "api", attempts: 1,
			message: ": Account blocked"},
		faultRow{name: "two BOMs, one after a line break", always: body("\ufeff\n\ufeff\ufeffbalance:31.1"), want: "ok", attempts: 1},
		// The gateway's words are shown, not obeyed.
		faultRow{name: "errors: with escape codes", always: body("errors:\x1b[2J\x1b[32mAll good\x07"), want: "api", attempts: 1,
			message: `: \x1b[2J\x1b[32mAll good\a`},
		faultRow{name: "errors: 50 lines", always: body(strings.Repeat("errors:Account blocked\n", 50)), want: "api", attempts: 1,
			message: "(and 40 more)"},
		// An oversize answer keeps its status's meaning; only a 2xx becomes "not understood".
		faultRow{name: "oversize 404", server: oversizeStatus(404, nil), want: "status 404", attempts: 1,
			message: "(first 80 of more than 64 KiB)"},
		faultRow{name: "oversize 401", server: oversizeStatus(401, nil), want: "status 401", attempts: 1},
		faultRow{name: "oversize 302", server: oversizeStatus(302, http.Header{"Location": {"https://elsewhere.example/"}}),
			want: "redirect https://elsewhere.example", attempts: 1},
		faultRow{name: "oversize headers", server: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Padding", strings.Repeat("x", 100<<10))
			fmt.Fprint(w, answerFor(r.FormValue("command"), "balance:5"))
		}, want: "protocol", attempts: 1, message: "headers are larger than 64 KiB", maxText: 200},
		// An answer Go's client cannot read is the gateway's, not a failure to reach it, and what
		// it quotes of the bytes is bounded.
		faultRow{name: "a header line of 60,000 bytes", server: rawAnswer("HTTP/1.1 200 OK\r\n" + strings.Repeat("Zz", 30000) + "\r\n\r\nbalance:5"),
			want: "protocol", attempts: 1, message: "status line or headers could not be read", maxText: 300},
		faultRow{name: "a Content-Length of 20,000 digits", server: rawAnswer("HTTP/1.1 200 OK\r\nContent-Length: " + strings.Repeat("9", 20000) + "\r\n\r\nbalance:5"),
			want: "protocol", attempts: 1, message: `bad Content-Length \"99999`, maxText: 300},
		// Echoes of the key and three kinds of escape every 20 bytes, 50,000 bytes of them: what
		// a redaction that searched once per echo took a minute over.
		faultRow{name: "a Transfer-Encoding of 50,000 hostile bytes", server: rawAnswer("HTTP/1.1 200 OK\r\nTransfer-Encoding: " +
			strings.Repeat(testKey[:6]+"%5C&amp;\\u0041", 2500) + "\r\n\r\nbalance:5"),
			want: "protocol", attempts: 1, message: "status line or headers could not be read", maxText: 300},
		faultRow{name: "an empty Content-Length", server: rawAnswer("HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\nbalance:5"),
			want: "protocol", attempts: 1, message: "status line or headers could not be read", maxText: 300},
		faultRow{name: "two Content-Lengths", server: rawAnswer("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nContent-Length: 10\r\n\r\nbalance:5"),
			want: "protocol", attempts: 1, message: "status line or headers could not be read", maxText: 300},
		faultRow{name: "a corrupt gzip body", server: rawAnswer("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnotgzip!!!"),
			want: "protocol", attempts: 1, message: "compressed body could not be read", maxText: 300},
		faultRow{name: "a status line that is not HTTP", server: rawAnswer("SSH-2.0-OpenSSH_9.6\r\n"),
			want: "protocol", attempts: 1, message: "SSH-2.0-OpenSSH_9.6", maxText: 300},
		faultRow{name: "429 Retry-After date a century ahead", always: &gatewaytest.Answer{Status: 429, Header: http.Header{
			"Retry-After": {"Fri, 01 Jan 2100 00:00:00 GMT"}}}, want: "status 429", attempts: 1,
			message: "asked to retry after 24h0m0s"},
	)
	// Malformed amounts; a space after the value ends its token, as a line break does.
	for _, v := range []struct{ value, want string }{
		{"NaN", "protocol"}, {"Inf", "protocol"}, {"-Inf", "protocol"}, {"0x1F", "protocol"}, {"1_000", "protocol"},
		{"+5", "protocol"}, {"1e3", "ok"}, {"3.552713678800501E-15", "ok"}, {" 5", "protocol"}, {"\t5", "protocol"}, {"5 ", "ok"},
	} {
		row := faultRow{name: fmt.Sprintf("balance:%q", v.value), always: body("balance:" + v.value),
			want: v.want, attempts: 1, amounts: true}
		if v.value == "3.552713678800501E-15" {
			row.positive = "noprice"
		}
		rows = append(rows, row)
	}
	rows = append(rows,
		faultRow{name: "cancelled during backoff", always: ptr(status(503)),
			config:   func(c *Config) { c.WaitMin, c.WaitMax = 5*time.Second, 5*time.Second },
			cancelAt: 200 * time.Millisecond, want: "canceled", attempts: 1},
		faultRow{name: "cancelled in flight", always: &gatewaytest.Answer{Delay: 5 * time.Second},
			cancelAt: 200 * time.Millisecond, want: "canceled", attempts: 1},
		faultRow{name: "retries off", always: ptr(status(503)), config: func(c *Config) { c.MaxRetries = 0 },
			want: "status 503", attempts: 1},
	)
	return rows
}

func ptr[T any](v T) *T { return &v }

// retryAfterDate answers 429 with a Retry-After date ahead of the moment it answers, then
// the balance.
func retryAfterDate(ahead time.Duration) http.HandlerFunc {
	var mu sync.Mutex
	answered := false
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := !answered
		answered = true
		mu.Unlock()
		if first {
			w.Header().Set("Retry-After", time.Now().Add(ahead).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, answerFor(r.FormValue("command"), "balance:5"))
	}
}

// sizedAnswer answers the documented answer to the request's command, padded with line breaks
// to size bytes.
func sizedAnswer(size int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		answer := answerFor(r.FormValue("command"), "balance:5")
		fmt.Fprint(w, answer+strings.Repeat("\n", size-len(answer)))
	}
}

// oversizeHandler streams far more than MaxBodyBytes and reports how much it managed to send.
func oversizeHandler(written chan<- int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		chunk := []byte(strings.Repeat("balance:1\n", 1<<10))
		n := 0
		for n < 256<<20 {
			k, err := w.Write(chunk)
			n += k
			if err != nil {
				break
			}
		}
		select {
		case written <- n:
		default:
		}
	}
}

// oversizeStatus answers status with header and far more than MaxBodyBytes of body.
func oversizeStatus(status int, header http.Header) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for name, values := range header {
			w.Header()[name] = values
		}
		w.WriteHeader(status)
		oversizeHandler(nil)(w, r)
	}
}

// countingTransport counts the attempts the client makes, whether or not a server sees them.
type countingTransport struct {
	base http.RoundTripper
	mu   sync.Mutex
	n    int
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.base.RoundTrip(r)
}

func (c *countingTransport) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// TestFaultMatrix runs every fault for every command of the table: the answers are written
// for the balance command, and forCommand rewrites them for each.
func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	for _, cmd := range command.All {
		for _, row := range faultMatrix() {
			if row.amounts && gatewaytest.Samples[cmd.Name].Amount == "" {
				continue
			}
			t.Run(cmd.Name+"/"+row.name, func(t *testing.T) {
				t.Parallel()
				runFaultRow(t, cmd, row)
			})
		}
	}
}

// jsonBalance stands for the JSON API's balance request in the fault matrix.
var jsonBalance = command.Command{Name: "balance (JSON API)"}

// The fault matrix's rows about HTTP, the network and retries, for the JSON API: it shares
// the client's one way to send, retry and classify, and answers the same.
func TestFaultMatrixJSON(t *testing.T) {
	t.Parallel()
	for _, row := range faultMatrix() {
		if row.amounts || row.server != nil || textProtocol(row) {
			continue // about the HTTP API's text
		}
		if row.name == "404 not retried" {
			row.attempts = 2 // the JSON API is not found, and the HTTP API is asked: a 404 too
		}
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			runFaultRow(t, jsonBalance, row)
		})
	}
}

// textProtocol reports whether a row answers in the HTTP API's text beyond a plain balance.
func textProtocol(row faultRow) bool {
	answers := row.answers
	if row.always != nil {
		answers = append(answers, *row.always)
	}
	for _, a := range answers {
		if strings.Contains(a.Body, "errors:") || strings.ContainsAny(a.Body, "\ufeff\n\r") {
			return true
		}
	}
	return false
}

func runFaultRow(t *testing.T, cmd command.Command, row faultRow) {
	logs := &logSink{}
	var endpoint string
	var g *gatewaytest.Gateway
	switch {
	case row.closed:
		endpoint = gatewaytest.ClosedURL(t)
	case row.server != nil:
		srv := httptest.NewServer(row.server)
		t.Cleanup(srv.Close)
		endpoint = srv.URL
	default:
		g = gatewaytest.Start(t)
		g.JSON = cmd.Name == jsonBalance.Name
		g.SetAccount(testKey, "5")
		g.SetPrice("380", "5", "UAH")
		for _, a := range row.answers {
			a.Body = forCommand(cmd, a.Body)
			g.Script(a)
		}
		if row.always != nil {
			a := *row.always
			a.Body = forCommand(cmd, a.Body)
			g.AlwaysAnswer(a)
		}
		endpoint = g.URL
	}
	cfg := testConfig(endpoint, logs)
	if row.config != nil {
		row.config(&cfg)
	}
	if cfg.Transport == nil {
		cfg.Transport = newTransport(false)
	}
	counter := &countingTransport{base: cfg.Transport}
	cfg.Transport = counter
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.noJSON.Store(cmd.Name != jsonBalance.Name) // the HTTP API's rows, unless the JSON API's
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if row.cancelAt > 0 {
		time.AfterFunc(row.cancelAt, cancel)
	}

	start := time.Now()
	err = callCommand(ctx, c, cmd)
	elapsed := time.Since(start)

	got, want := outcome(err), row.want
	if gatewaytest.Samples[cmd.Name].Positive && row.positive != "" {
		want = row.positive
	}
	if !strings.HasPrefix(got, want) {
		t.Errorf("outcome = %s (%v), want %s", got, err, want)
	}
	attempts := counter.count()
	if row.upTo == 0 && attempts != row.attempts {
		t.Errorf("attempts = %d, want %d", attempts, row.attempts)
	}
	if row.upTo != 0 && (attempts < row.attempts || attempts > row.upTo) {
		t.Errorf("attempts = %d, want %d to %d", attempts, row.attempts, row.upTo)
	}
	if g != nil && g.RequestCount() > attempts {
		t.Errorf("the gateway saw %d requests, more than the %d attempts", g.RequestCount(), attempts)
	}
	if elapsed < row.minTime { // a lower bound only: a busy machine can make any row slower
		t.Errorf("took %s, want at least %s", elapsed, row.minTime)
	}
	if err != nil {
		secrettest.AssertNoKey(t, "the error", err.Error(), testKey)
		limit := row.maxText
		if limit == 0 {
			limit = maxErrorText
		}
		if n := len(err.Error()); n > limit {
			t.Errorf("the error is %d bytes long, more than %d: %.300s…", n, limit, err)
		}
	}
	if row.message != "" && (err == nil || !strings.Contains(err.Error(), row.message)) {
		t.Errorf("error = %v, want it to say %q", err, row.message)
	}
	secrettest.AssertNoKey(t, "the log", logs.text(), testKey)
	t.Logf("ROW %-7s %-32s outcome=%-36s attempts=%-2d elapsed=%s", cmd.Name, row.name, got, attempts, elapsed.Round(time.Millisecond))
}

// The client reads no more than it needs of an oversize body.
func TestOversizeBodyNotReadWhole(t *testing.T) {
	written := make(chan int, 1)
	srv := httptest.NewServer(oversizeHandler(written))
	t.Cleanup(srv.Close)
	c, err := New(testConfig(srv.URL, &logSink{}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Balance(context.Background()); outcome(err) != "protocol" {
		t.Fatalf("outcome = %s (%v)", outcome(err), err)
	}
	select {
	case n := <-written:
		if n >= 256<<20 {
			t.Fatalf("the server sent the whole %d bytes: the client read it all", n)
		}
		t.Logf("server managed %d bytes before the client hung up", n)
	case <-time.After(5 * time.Second):
		t.Fatal("the server kept writing: the client did not hang up")
	}
}

// A certificate that does not verify is a failure, not a transient fault: one attempt, and no
// request reaches the handler. (Counting the server's connections would count strays too: a
// parallel test's retries to a closed port the server may now hold.)
func TestTLSVerificationFailureNotRetried(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		fmt.Fprint(w, "balance:1")
	}))
	srv.Config.ErrorLog = nilLogger()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c, err := New(testConfig(srv.URL, &logSink{}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Balance(context.Background())
	var transportErr *TransportError
	if !errors.As(err, &transportErr) || transportErr.Kind != KindTLS {
		t.Fatalf("outcome = %s (%v), want transport TLS", outcome(err), err)
	}
	if transportErr.Attempts != 1 || requests.Load() != 0 {
		t.Fatalf("%d attempts, %d requests reached the handler; want 1 and 0", transportErr.Attempts, requests.Load())
	}
}

// A redirect names its host, never the key, even when the key is written into that host.
func TestRedirectHostRedacted(t *testing.T) {
	t.Parallel()
	const key = "hostkey42"
	g := gatewaytest.Start(t)
	g.SetAccount(key, "1")
	g.AlwaysAnswer(gatewaytest.Answer{Status: 307, Header: http.Header{"Location": {"https://" + key + ".evil.example/x?key=" + key}}})
	cfg := testConfig(g.URL, &logSink{})
	cfg.APIKey = key
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Balance(context.Background())
	var redirectErr *RedirectError
	if !errors.As(err, &redirectErr) || redirectErr.LocationHost != "https://[redacted].evil.example" || strings.Contains(err.Error(), key) {
		t.Fatalf("error = %v", err)
	}
}

// New keeps the worst case bounded whatever its caller checked: at most MaxRetriesLimit
// retries and MaxTimeout per attempt, to the unit; and it refuses what the endpoint, key and
// currency rules refuse.
func TestNewBounds(t *testing.T) {
	t.Parallel()
	base := Config{Endpoint: "https://alphasms.ua", APIKey: testKey}
	for _, tc := range []struct {
		change func(*Config)
		want   string // "" when accepted
	}{
		{func(c *Config) { c.MaxRetries = MaxRetriesLimit }, ""},
		{func(c *Config) { c.MaxRetries = MaxRetriesLimit + 1 }, "max retries must be from 0 to 10, not 11"},
		{func(c *Config) { c.MaxRetries = -1 }, "max retries must be from 0 to 10, not -1"},
		{func(c *Config) { c.Timeout = MaxTimeout }, ""},
		{func(c *Config) { c.Timeout = MaxTimeout + time.Nanosecond }, "the timeout must be at most 5m0s"},
		{func(c *Config) { c.Method = "PUT" }, `the method must be GET or POST, not "PUT"`},
		{func(c *Config) { c.APIKey = "short" }, CheckAPIKey("short").Error()},
		{func(c *Config) { c.Endpoint = "http://gw.example" }, errorText(ParseEndpoint("http://gw.example"))},
		{func(c *Config) { c.Currency = "UA" }, CheckCurrency("UA").Error()},
	} {
		cfg := base
		tc.change(&cfg)
		_, err := New(cfg)
		if (err == nil) != (tc.want == "") || err != nil && err.Error() != tc.want {
			t.Errorf("New(%+v) = %v, want %q", cfg, err, tc.want)
		}
	}
}

func errorText(_ any, err error) string { return err.Error() }

// Quote quotes a value as Go does, at most MaxQuoted characters of it, then how many in all.
func TestQuote(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", MaxQuoted+1)
	for in, want := range map[string]string{
		"PUT":                          `"PUT"`,
		strings.Repeat("é", MaxQuoted): strconv.Quote(strings.Repeat("é", MaxQuoted)),
		long:                           strconv.Quote(long[:2*MaxQuoted]) + "… (81 characters)",
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%.20q…) = %s, want %s", in, got, want)
		}
	}
}

// A redirect is a redirect whatever its body's size: 300, the lowest, with more than MaxBodyBytes.
func TestOversizeRedirectIsARedirect(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.AlwaysAnswer(gatewaytest.Answer{Status: http.StatusMultipleChoices, Body: strings.Repeat("x", MaxBodyBytes+1)})
	c, err := New(testConfig(g.URL, &logSink{}))
	if err != nil {
		t.Fatal(err)
	}
	c.noJSON.Store(true)
	var redirect *RedirectError
	if _, err := c.Balance(context.Background()); !errors.As(err, &redirect) || redirect.StatusCode != http.StatusMultipleChoices {
		t.Errorf("error = %v, want the redirect", err)
	}
}
