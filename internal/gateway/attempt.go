package gateway

import (
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
	"strings"
	"syscall"
)

// What one request's outcome becomes: the body of a 2xx answer, or one of this package's
// error types. Nothing here returns a *url.Error, whose text is the whole URL, key included.

// readLimited reads a body up to MaxBodyBytes without reading further. When the body is
// larger, it returns the MaxBodyBytes+1 bytes it read, with errBodyTooLarge.
func readLimited(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxBodyBytes {
		return b, errBodyTooLarge
	}
	return b, nil
}

var errBodyTooLarge = fmt.Errorf("the answer is larger than %d KiB", MaxBodyBytes>>10)

// classify turns the outcome of the retry loop into the body of a 2xx answer or a typed error.
func (c *Client) classify(ctx context.Context, command string, resp *http.Response, body []byte, err error, attempts int) ([]byte, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, ctxErr
	}
	if errors.Is(err, errBodyTooLarge) {
		return nil, &ProtocolError{Reason: errBodyTooLarge.Error()}
	}
	if reason, detail, ok := unreadableAnswer(err); ok {
		pe := &ProtocolError{Reason: reason}
		if detail != "" {
			pe.ClientSaid = c.redactor.excerpt([]byte(detail))
		}
		return nil, pe
	}
	if err != nil {
		return nil, c.transportError(err, attempts)
	}
	status := resp.StatusCode
	switch {
	case status >= 200 && status < 300:
		return body, nil
	case status >= 300 && status < 400:
		return nil, &RedirectError{StatusCode: status, LocationHost: c.redactor.shown(locationHost(resp, c.redactor))}
	default:
		if body == nil { // a guard: the handler reads the last answer, unless the retry cap cut the loop
			body, _ = readLimited(resp.Body)
		}
		cut := len(body) > MaxBodyBytes // readLimited stopped reading
		if cut {
			body = completeLines(body[:MaxBodyBytes])
		}
		if apiErr := apiError(command, answerText(body), c.redactor); apiErr != nil {
			apiErr.StatusCode = status
			return nil, apiErr
		}
		se := &StatusError{StatusCode: status, Attempts: attempts, RetryAfter: c.retryAfterTooLong(resp)}
		switch {
		case len(body) == 0:
		case cut:
			se.Excerpt = c.redactor.excerptOf(body, fmt.Sprintf("more than %d KiB", MaxBodyBytes>>10))
		default:
			se.Excerpt = c.redactor.excerpt(body)
		}
		return nil, se
	}
}

// transportKind names what went wrong with an attempt that got no answer.
func transportKind(err error) string {
	var dnsErr *net.DNSError
	var netErr net.Error
	var opErr *net.OpError
	var proxyErr *proxyStatusError
	switch {
	case errors.As(err, &proxyErr), errors.As(err, &opErr) && opErr.Op == "proxyconnect":
		return KindProxy
	case isTLSError(err):
		return KindTLS
	case errors.Is(err, errNotLoopback):
		return KindNotLoopback
	case errors.As(err, &dnsErr):
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

func isTLSError(err error) bool {
	var certErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var authorityErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	return errors.As(err, &certErr) || errors.As(err, &recordErr) || errors.As(err, &authorityErr) ||
		errors.As(err, &hostErr) || errors.As(err, &invalidErr)
}

// unreadableAnswer recognises an attempt the gateway answered with something Go's HTTP client
// could not read (a status line or header it cannot parse, a Content-Length of thousands of
// digits, headers over the limit, a compressed body that is not): the gateway was reached, so
// it is no transport failure. detail is what the client said of it, which quotes the
// gateway's bytes.
func unreadableAnswer(err error) (reason, detail string, ok bool) {
	if err == nil {
		return "", "", false
	}
	var header textproto.ProtocolError
	var corrupt flate.CorruptInputError
	text := withoutURL(err).Error()
	detail = text
	if _, after, found := strings.Cut(text, "transport connection broken: "); found {
		detail = after
	}
	switch {
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, &corrupt):
		return "its compressed body could not be read", detail, true
	case errors.As(err, &header), strings.HasPrefix(detail, "malformed "), strings.HasPrefix(detail, "bad Content-Length"),
		strings.HasPrefix(detail, "invalid empty Content-Length"), strings.HasPrefix(detail, "http: message cannot contain multiple Content-Length"),
		strings.HasPrefix(detail, "unsupported transfer encoding"):
		return "its status line or headers could not be read", detail, true
	case strings.Contains(text, "server response headers exceeded"):
		return fmt.Sprintf("its headers are larger than %d KiB", MaxHeaderBytes>>10), "", true
	}
	return "", "", false
}

// maxTransportDetail bounds what a transport error quotes of the error beneath it, which may
// quote the network's bytes.
const maxTransportDetail = 300

// transportError describes a failed attempt without its *url.Error, whose text is the full
// URL (query and key included). The detail is redacted, made printable and bounded.
func (c *Client) transportError(err error, attempts int) *TransportError {
	cause := withoutURL(err)
	te := &TransportError{Kind: transportKind(err), Detail: c.redactor.quoted(cause.Error(), maxTransportDetail), Attempts: attempts, cause: cause}
	var proxyErr *proxyStatusError
	if errors.As(err, &proxyErr) {
		te.ProxyStatus = proxyErr.statusCode
	}
	return te
}

// withoutURL unwraps a *url.Error, whose text is the request URL with its query (and key).
func withoutURL(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}
