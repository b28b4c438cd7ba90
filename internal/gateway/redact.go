package gateway

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// redactor removes the API key, in every form text can carry it, from whatever the client
// hands out: errors, gateway messages, excerpts and log lines.
type redactor struct {
	secrets []string
}

func newRedactor(key string) redactor {
	return redactor{secrets: secret.Forms(key)}
}

func (r redactor) redact(s string) string {
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return s
}

// shown is text from the network as an error or a log line may show it: printable, and
// redacted after the escaping, so that an echo of the key with a control character where the
// key has a backslash sequence does not become the key once escaped.
func (r redactor) shown(s string) string {
	return r.redact(printable(s))
}

// printable makes text from the network safe to show in a terminal: every control or
// invisible character (escape sequences, a lone carriage return, a bell) is written as its Go
// escape, such as \x1b, and bytes that are not UTF-8 become U+FFFD.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if needsEscape(r) {
			quoted := strconv.QuoteRuneToASCII(r)
			b.WriteString(quoted[1 : len(quoted)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return r != ' ' && !unicode.IsGraphic(r)
}

// Limits on what an error quotes of the gateway's words, so that a hostile or broken answer
// cannot flood a CI log.
const (
	MaxMessages      = 10  // errors: lines quoted; the rest are counted
	MaxMessageLength = 500 // characters of each
)

// message is one gateway message as the client hands it out: redacted, printable, bounded.
func (r redactor) message(raw string) string {
	msg := r.shown(strings.TrimSpace(raw))
	if msg == "" {
		return "(the gateway sent no message)"
	}
	if runes := []rune(msg); len(runes) > MaxMessageLength {
		msg = string(runes[:MaxMessageLength]) + fmt.Sprintf("… (%d more characters)", len(runes)-MaxMessageLength)
	}
	return msg
}

// excerptLimit is how much of an unexpected body an error shows: enough to recognise an
// HTML page or a proxy's message, not enough to flood a CI log.
const excerptLimit = 80

// excerpt quotes the start of a body for an error message: escaped, so control characters
// cannot reach a terminal, and shortened.
func (r redactor) excerpt(body []byte) string {
	return r.excerptOf(body, fmt.Sprintf("%d bytes", len(body)))
}

// excerptOf is excerpt for a body that is part of a larger one; size says how large.
func (r redactor) excerptOf(body []byte, size string) string {
	text := r.redact(string(body))
	if len(text) == 0 {
		return `""`
	}
	cut := len(text) > excerptLimit
	if cut {
		text = text[:excerptLimit]
	}
	// Redacted before the cut, so no half key is left, and after the quoting, like shown.
	quoted := r.redact(strconv.QuoteToGraphic(strings.ToValidUTF8(text, "\uFFFD")))
	if cut {
		quoted += fmt.Sprintf(" (first %d of %s)", excerptLimit, size)
	}
	return quoted
}
