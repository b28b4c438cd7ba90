package gateway

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// APIError is a failure the gateway reported in `errors:` lines; Messages are redacted, printable and bounded.
type APIError struct {
	Command    string // the name of the command refused, as in the command table
	Messages   []string
	Omitted    int     // lines past MaxMessages, not quoted
	StatusCode int     // the HTTP status, when it was not 2xx; the gateway's words win over it
	Refusal    Refusal // which of the vendor's documented refusals the words are, if any
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

// Refusal is one of the vendor's documented request errors, named by code or in words.
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

// refusalWords name each refusal: its code as a word of a message, or its description's start.
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

// CurrencyError is a balance or price in a currency other than Config.Currency, or a balance of unnamed currency.
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

// NoPriceError is a price below 1e-12 (zero, or PHP's float leftover of one): no delivery there, not a free message.
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
		if e.Throttled {
			msg += " over " + Roughly(e.Elapsed)
		}
	}
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" and asked to retry after %s", e.RetryAfter)
	}
	if e.Excerpt != "" {
		msg += ": " + e.Excerpt
	}
	return msg
}

// Roughly prints a duration as a person reads it: whole seconds from 1s up, else milliseconds.
func Roughly(d time.Duration) string {
	if d >= time.Second {
		return d.Round(time.Second).String()
	}
	return d.Round(time.Millisecond).String()
}

// RedirectError is a 3xx answer, never followed: the key would travel on to its host.
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

// ProtocolError is an answer outside the gateway's protocol, or one Go's HTTP client could not read.
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
	KindTimeout     = "timeout"
	KindRefused     = "connection refused"
	KindReset       = "connection reset"
	KindDNS         = "DNS lookup failed"
	KindTLS         = "TLS"
	KindNotLoopback = "not a loopback address" // a plain http:// name resolved off this machine: the key was not sent
	KindProxy       = "proxy"                  // HTTPS_PROXY's proxy unreachable or refusing (ProxyStatus says how)
	KindOther       = "connection failed"
)

// TransportError is a request that got no HTTP answer. It holds no *url.Error, which quotes the key.
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

// panicError is a read that panicked: a bug. The Client redacts its text (withPanicRedacted).
type panicError struct{ text string }

func (e *panicError) Error() string { return "the client failed unexpectedly: " + e.text }

// proxyStatusError is a proxy's refusal of the CONNECT of an https:// connection.
type proxyStatusError struct{ statusCode int }

func (e *proxyStatusError) Error() string {
	return fmt.Sprintf("the proxy answered HTTP %d (%s) instead of connecting", e.statusCode, http.StatusText(e.statusCode))
}

// MaxQuoted is how many characters of a value from the configuration an error quotes.
const MaxQuoted = 80

// Quote quotes a configuration value as Go does, at most MaxQuoted characters, then how many there are in all.
func Quote(v string) string {
	n := 0
	for i := range v {
		if n == MaxQuoted {
			return strconv.Quote(v[:i]) + fmt.Sprintf("… (%d characters)", utf8.RuneCountInString(v))
		}
		n++
	}
	return strconv.Quote(v)
}

// classify turns one attempt's outcome (a body read to MaxBodyBytes+1 at most) into a 2xx body or a typed error.
func (c *Client) classify(ctx context.Context, command string, resp *http.Response, body []byte, err error) ([]byte, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, ctxErr
	}
	if err != nil {
		if pe := unreadableAnswer(err, c.redactor); pe != nil {
			return nil, pe
		}
		cause := withoutURL(err)
		te := &TransportError{Kind: transportKind(err), Detail: c.redactor.quoted(cause.Error(), maxTransportDetail), cause: cause}
		var proxyErr *proxyStatusError
		if errors.As(err, &proxyErr) {
			te.ProxyStatus = proxyErr.statusCode
		}
		return nil, te
	}
	status, cut := resp.StatusCode, len(body) > MaxBodyBytes
	switch {
	case status >= 200 && status < 300 && cut:
		return nil, &ProtocolError{Reason: fmt.Sprintf("the answer is larger than %d KiB", MaxBodyBytes>>10)}
	case status >= 200 && status < 300:
		return body, nil
	case status >= 300 && status < 400:
		return nil, &RedirectError{StatusCode: status, LocationHost: c.redactor.shown(locationHost(resp, c.redactor))}
	}
	if cut {
		body = completeLines(body[:MaxBodyBytes])
	}
	if apiErr := apiError(command, answerText(body), c.redactor); apiErr != nil {
		apiErr.StatusCode = status
		return nil, apiErr
	}
	se := &StatusError{StatusCode: status}
	if wait, _ := throttling(resp); wait > c.cfg.WaitMax {
		se.RetryAfter = wait // longer than the client waits: it gives up at once
	}
	switch {
	case len(body) == 0:
	case cut:
		se.Excerpt = c.redactor.excerptOf(body, fmt.Sprintf("more than %d KiB", MaxBodyBytes>>10))
	default:
		se.Excerpt = c.redactor.excerpt(body)
	}
	return nil, se
}

// completeLines drops a cut body's unfinished last line, which could end inside an echoed key.
func completeLines(body []byte) []byte {
	end := bytes.LastIndexByte(body, '\n')
	if end < 0 {
		return nil
	}
	return body[:end+1]
}

// transportKind names what went wrong with an attempt that got no answer.
func transportKind(err error) string {
	var opErr *net.OpError
	var netErr net.Error
	switch {
	case errors.As(err, new(*proxyStatusError)), errors.As(err, &opErr) && opErr.Op == "proxyconnect":
		return KindProxy
	case errors.As(err, new(*tls.CertificateVerificationError)), errors.As(err, new(tls.RecordHeaderError)),
		errors.As(err, new(x509.UnknownAuthorityError)), errors.As(err, new(x509.HostnameError)),
		errors.As(err, new(x509.CertificateInvalidError)):
		return KindTLS
	case errors.Is(err, errNotLoopback):
		return KindNotLoopback
	case errors.As(err, new(*net.DNSError)):
		return KindDNS
	case errors.As(err, &netErr) && netErr.Timeout():
		return KindTimeout
	case errors.Is(err, syscall.ECONNREFUSED):
		return KindRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return KindReset
	}
	return KindOther
}

// unreadableAnswer recognises an answer Go's HTTP client could not read (status line, headers, compression): the
// gateway was reached, so it is no transport failure. It quotes the client, which quotes the gateway's bytes.
func unreadableAnswer(err error, r redactor) *ProtocolError {
	text := withoutURL(err).Error()
	detail := text
	if _, after, found := strings.Cut(text, "transport connection broken: "); found {
		detail = after
	}
	switch {
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, new(flate.CorruptInputError)):
		return &ProtocolError{Reason: "its compressed body could not be read", ClientSaid: r.excerpt([]byte(detail))}
	case errors.As(err, new(textproto.ProtocolError)), strings.HasPrefix(detail, "malformed "), strings.HasPrefix(detail, "bad Content-Length"),
		strings.HasPrefix(detail, "invalid empty Content-Length"), strings.HasPrefix(detail, "http: message cannot contain multiple Content-Length"),
		strings.HasPrefix(detail, "unsupported transfer encoding"):
		return &ProtocolError{Reason: "its status line or headers could not be read", ClientSaid: r.excerpt([]byte(detail))}
	case strings.Contains(text, "server response headers exceeded"):
		return &ProtocolError{Reason: fmt.Sprintf("its headers are larger than %d KiB", MaxHeaderBytes>>10)}
	}
	return nil
}

// withoutURL unwraps a *url.Error, whose text is the request URL with its query (and key).
func withoutURL(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}

// markerHost is the redaction marker as a URL parser accepts it in a host.
const markerHost = "redacted.invalid"

// locationHost is a redirect's target without user, path or query, redacted; "" when none or not a URL. Redacted
// before parsing: the parser cuts at '/', '#', '?' or '@', which a key may hold, and a key cut in two is not found.
func locationHost(resp *http.Response, r redactor) string {
	loc := resp.Header.Get(heldLocation)
	if loc == "" || resp.Request == nil {
		return ""
	}
	marker := r.finder.Marker()
	u, err := resp.Request.URL.Parse(strings.ReplaceAll(r.finder.Redact(loc), marker, markerHost))
	if err != nil {
		return ""
	}
	host, cut := r.cut(strings.ReplaceAll(u.Scheme+"://"+u.Host, markerHost, marker), maxHostText, false)
	if cut {
		host += "…"
	}
	return host
}

// redactor removes the API key, in any form, from all the client hands out: errors, messages, excerpts, log lines.
// It redacts after every transformation (escaping, quoting, cutting), so none makes a key or its start appear;
// before one, only the key's forms.
type redactor struct {
	finder secret.Finder
	forms  secret.Finder
}

func newRedactor(key string) redactor {
	f := secret.NewFinder(key)
	return redactor{finder: f, forms: f.FormsOnly()}
}

// shown is network text made printable so it cannot drive a terminal: control or invisible characters as Go
// escapes, non-UTF-8 as U+FFFD. Redacted before and after escaping, which could turn an echo into the key.
func (r redactor) shown(s string) string {
	var b strings.Builder
	for _, c := range strings.ToValidUTF8(r.forms.Redact(s), "\uFFFD") {
		if c != ' ' && !unicode.IsGraphic(c) {
			quoted := strconv.QuoteRuneToASCII(c)
			b.WriteString(quoted[1 : len(quoted)-1])
		} else {
			b.WriteRune(c)
		}
	}
	return r.finder.Redact(b.String())
}

// Bounds on what the client quotes of the network's text, so that a hostile answer cannot flood a CI log.
const (
	MaxMessages        = 10       // errors: lines quoted; the rest are counted
	MaxMessageLength   = 500      // characters of each
	excerptLimit       = 80       // of an unexpected body: enough to recognise an HTML page
	maxTransportDetail = 300      // of the error beneath a transport error
	maxLoggedError     = 6 << 10  // of an error in a log line: the errors' own bounds, and their words
	maxHostText        = 270      // of a redirect's scheme and host: a DNS name has at most 253 characters
	windowBytes        = 16 << 10 // read of a long text: many times the longest form of a key
)

// window is s's start, at most windowBytes, redacted of the key's forms; cut says its end is a cut, to redact as one.
func (r redactor) window(s string) (text string, cut bool) {
	if len(s) <= windowBytes {
		return r.forms.Redact(s), false
	}
	end := windowBytes
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return r.forms.RedactCut(s[:end]), true
}

// cut shortens redacted text to limit characters, redacting what its cut or the window's left; true if either cut.
func (r redactor) cut(text string, limit int, windowCut bool) (string, bool) {
	runes := []rune(text)
	if len(runes) > limit {
		return r.finder.RedactCut(string(runes[:limit])), true
	}
	if windowCut {
		return r.finder.RedactCut(text), true
	}
	return r.finder.Redact(text), false
}

// quoted is network text for one field of an error or log line: redacted, printable, limit characters and an ellipsis.
func (r redactor) quoted(s string, limit int) string {
	window, windowCut := r.window(s)
	text, cut := r.cut(r.shown(window), limit, windowCut)
	if cut {
		text += "…"
	}
	return text
}

// message is one gateway message as the client hands it out: redacted, printable, bounded.
func (r redactor) message(raw string) string {
	window, windowCut := r.window(strings.TrimSpace(raw))
	msg := r.shown(window)
	if msg == "" {
		return "(the gateway sent no message)"
	}
	shortened, cut := r.cut(msg, MaxMessageLength, windowCut)
	switch n := utf8.RuneCountInString(msg); {
	case n > MaxMessageLength:
		return shortened + fmt.Sprintf("… (%d more characters)", n-MaxMessageLength)
	case cut:
		return shortened + "…"
	}
	return msg
}

// excerpt quotes the start of a body for an error message.
func (r redactor) excerpt(body []byte) string {
	return r.excerptOf(body, fmt.Sprintf("%d bytes", len(body)))
}

// excerptOf is excerpt for a body that is part of a larger one; size says how large.
func (r redactor) excerptOf(body []byte, size string) string {
	window, windowCut := r.window(strings.ToValidUTF8(string(body), "\uFFFD"))
	text := []rune(window)
	// One character past the limit: cut then knows the text goes on, whatever quoting did.
	quoted := strconv.QuoteToGraphic(string(text[:min(len(text), excerptLimit+1)]))
	inner, cut := r.cut(quoted[1:len(quoted)-1], excerptLimit, windowCut)
	if !cut && len(text) <= excerptLimit {
		return `"` + inner + `"`
	}
	return fmt.Sprintf(`"%s" (first %d of %s)`, inner, excerptLimit, size)
}

// withPanicRedacted is err, with a recovered panic's text redacted and bounded.
func (r redactor) withPanicRedacted(err error) error {
	var p *panicError
	if errors.As(err, &p) {
		return &panicError{text: r.quoted(p.text, MaxMessageLength)}
	}
	return err
}
