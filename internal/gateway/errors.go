package gateway

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// APIError is a failure the gateway reported itself, as one or more `errors:` lines.
// Messages hold the gateway's words with the API key redacted, control characters escaped,
// and each cut at MaxMessageLength; past MaxMessages lines, the rest are only counted.
type APIError struct {
	Command    string // the name of the command refused, as in the command table
	Messages   []string
	Omitted    int     // lines past MaxMessages, not quoted
	StatusCode int     // the HTTP status, when it was not 2xx; the gateway's words win over it
	Refusal    Refusal // which of the vendor's documented refusals the words are, if any
}

// Refusal is one of the vendor's documented request errors, which the gateway names by code
// (ERR_IP_DENIED) or in words (IP address is not allowed to make requests).
type Refusal string

// The vendor's refusals, and the JSON API's "Access denied".
const (
	RefusalAuthorization Refusal = "authorization"
	RefusalUserDisabled  Refusal = "user disabled"
	RefusalAPIDisabled   Refusal = "API disabled"
	RefusalIPDenied      Refusal = "IP denied"
	RefusalThrottle      Refusal = "throttle"
	RefusalAccessDenied  Refusal = "access denied"
)

// refusalWords are how the gateway names each refusal: its code, as a word of a message, or
// the start of the vendor's description, as the start of one (lower-cased).
var refusalWords = []struct {
	refusal      Refusal
	code, starts string
}{
	{RefusalIPDenied, "ERR_IP_DENIED", "ip address is not allowed"},
	{RefusalAPIDisabled, "ERR_API_DISABLE", "api disabled"},
	{RefusalUserDisabled, "ERR_USER_DISABLE", "user disabled"},
	{RefusalAuthorization, "ERR_AUTHORIZATION", "authorization error"},
	{RefusalThrottle, "ERR_THROTTLE", "exceeding the allowed sms sending rate"},
}

func refusalOf(messages []string) Refusal {
	for _, m := range messages {
		text := strings.ToLower(strings.TrimSpace(m))
		words := strings.FieldsFunc(text, func(r rune) bool { return r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for _, r := range refusalWords {
			if slices.Contains(words, strings.ToLower(r.code)) || strings.HasPrefix(text, r.starts) {
				return r.refusal
			}
		}
	}
	return ""
}

// CurrencyError is a balance or a price in another currency than Config.Currency, or a
// balance whose currency the gateway does not name.
type CurrencyError struct {
	Of   string // "balance" or "price"
	Got  string // "" when the gateway named none
	Want string
}

func (e *CurrencyError) Error() string {
	if e.Got == "" {
		return fmt.Sprintf("the gateway does not name the currency of the %s, and %s is required", e.Of, e.Want)
	}
	return fmt.Sprintf("the %s is in %s, not %s", e.Of, e.Got, e.Want)
}

func (c *Client) checkCurrency(of, got string) error {
	if c.currency == "" || strings.EqualFold(got, c.currency) {
		return nil
	}
	return &CurrencyError{Of: of, Got: got, Want: c.currency}
}

func (e *APIError) Error() string {
	msg := "the gateway answered with an error"
	if e.StatusCode != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", e.StatusCode)
	}
	msg += ": " + strings.Join(e.Messages, "; ")
	if e.Omitted > 0 {
		msg += fmt.Sprintf(" (and %d more)", e.Omitted)
	}
	return msg
}

// NoPriceError is a price of zero or below, or of what PHP's float arithmetic leaves of a zero
// (below 1e-12): the gateway's way of saying that it does not deliver to that number.
// Treated as a price, it would make every message look free.
type NoPriceError struct {
	Number string // the digits asked about
	Quoted string // the price as the gateway wrote it
}

func (e *NoPriceError) Error() string {
	return fmt.Sprintf("the gateway quotes no price for +%s (price:%s): sending there is not supported", e.Number, e.Quoted)
}

// StatusError is an HTTP status outside 2xx and 3xx, after any retries.
type StatusError struct {
	StatusCode int
	Excerpt    string        // the start of the body, quoted and redacted
	Attempts   int           // requests made, retries included
	RetryAfter time.Duration // what the gateway asked for in Retry-After, when it was more than the client waits
	Throttled  bool          // the last answer was 429, or 503 with Retry-After: the gateway was shedding load
	RetriesOff bool          // max retries was 0, so a throttled answer was not waited out
	Elapsed    time.Duration // how long the read took, its waits included
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("the gateway answered HTTP %d", e.StatusCode)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	msg += e.throttledNote()
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" and asked to retry after %s", e.RetryAfter)
	}
	if e.Excerpt != "" {
		msg += ": " + e.Excerpt
	}
	return msg
}

// RedirectError is a 3xx answer. Redirects are never followed: the key would travel on to
// whatever host the redirect names.
type RedirectError struct {
	StatusCode   int
	LocationHost string // the host the redirect points to, without path or query; "" when absent or not a URL
}

func (e *RedirectError) Error() string {
	if e.LocationHost == "" {
		return fmt.Sprintf("the gateway answered with a redirect (HTTP %d) without a usable location", e.StatusCode)
	}
	return fmt.Sprintf("the gateway answered with a redirect (HTTP %d) to %s", e.StatusCode, e.LocationHost)
}

// ProtocolError is an answer that does not follow the gateway's text protocol, or that Go's
// HTTP client could not read at all.
type ProtocolError struct {
	Reason     string // what was wrong, in a few words
	Excerpt    string // the start of the body, quoted and redacted
	ClientSaid string // for an answer the HTTP client could not read, its words, quoted, redacted and bounded
}

func (e *ProtocolError) Error() string {
	msg := "the gateway's answer was not understood: " + e.Reason
	if e.Excerpt != "" {
		msg += ": " + e.Excerpt
	}
	if e.ClientSaid != "" {
		msg += " (the HTTP client said " + e.ClientSaid + ")"
	}
	return msg
}

// Kinds of TransportError.
const (
	KindTimeout = "timeout"
	KindRefused = "connection refused"
	KindReset   = "connection reset"
	KindDNS     = "DNS lookup failed"
	KindTLS     = "TLS"
	// KindNotLoopback: a plain http:// endpoint's name resolved to an address off this
	// machine, so the key was not sent.
	KindNotLoopback = "not a loopback address"
	// KindProxy: the proxy that HTTPS_PROXY names could not be reached, or refused to
	// connect to the gateway (ProxyStatus says how).
	KindProxy = "proxy"
	KindOther = "connection failed"
)

// TransportError is a request that got no HTTP answer: DNS, connection, TLS or timeout.
// It never holds a *url.Error, whose text carries the whole URL and so the key.
type TransportError struct {
	Kind        string // one of the Kind constants
	Detail      string // the underlying error's text, redacted
	Attempts    int
	ProxyStatus int   // the HTTP status of a proxy that refused to connect (407: it wants credentials)
	cause       error // for errors.Is on context errors; never printed
}

func (e *TransportError) Error() string {
	msg := "the request to the gateway failed (" + e.Kind + ")"
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

func (e *TransportError) Unwrap() error { return e.cause }

// panicError is a read that panicked: a bug. Its text is the panic's, redacted by the Client
// before it hands the error out (withPanicRedacted).
type panicError struct{ text string }

func (e *panicError) Error() string { return "the client failed unexpectedly: " + e.text }

// proxyStatusError is a proxy's answer other than 200 to the CONNECT that opens an https://
// connection through it.
type proxyStatusError struct {
	statusCode int
}

func (e *proxyStatusError) Error() string {
	return fmt.Sprintf("the proxy answered HTTP %d (%s) instead of connecting", e.statusCode, http.StatusText(e.statusCode))
}

// MaxQuoted is how many characters of a value from the configuration an error quotes.
const MaxQuoted = 80

// Quote quotes a value from the configuration as Go does, at most MaxQuoted characters of it,
// followed by how many there are in all: a value of 50,000 characters makes no error of
// 200 KB.
func Quote(v string) string {
	if n := utf8.RuneCountInString(v); n > MaxQuoted {
		cut := 0
		for range MaxQuoted {
			_, size := utf8.DecodeRuneInString(v[cut:])
			cut += size
		}
		return strconv.Quote(v[:cut]) + fmt.Sprintf("… (%d characters)", n)
	}
	return strconv.Quote(v)
}
