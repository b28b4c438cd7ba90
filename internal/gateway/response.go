package gateway

import (
	"fmt"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The gateway answers in plain text: `name:value` fields (one a line for balance, several
// separated by spaces for price), or one or more `errors:<message>` lines.

const errorsPrefix = "errors:"

// field is one `name:value` pair of an answer, in the order it came.
type field struct {
	name, value string
}

var fieldName = regexp.MustCompile(`^[a-z_]+$`)

// parseFields splits an answer into its fields. An answer with any `errors:` line is an
// *APIError carrying all of them; anything else that is not `name:value` tokens separated
// by spaces or line breaks is a *ProtocolError.
func parseFields(body []byte, r redactor) ([]field, error) {
	if messages := errorMessages(body, r); len(messages) > 0 {
		return nil, &APIError{Messages: messages}
	}

	text := string(body)
	tokens := strings.Fields(text)
	if len(tokens) == 0 {
		return nil, &ProtocolError{Reason: "the answer is empty"}
	}
	fields := make([]field, 0, len(tokens))
	for _, token := range tokens {
		name, value, ok := strings.Cut(token, ":")
		if !ok || !fieldName.MatchString(name) || value == "" {
			return nil, &ProtocolError{Reason: "expected name:value fields", Excerpt: r.excerpt(body)}
		}
		fields = append(fields, field{name: name, value: value})
	}
	return fields, nil
}

// errorMessages returns the messages of an answer's `errors:` lines, redacted; none when the
// answer has no such line.
func errorMessages(body []byte, r redactor) []string {
	var messages []string
	for _, line := range strings.Split(strings.ReplaceAll(string(body), "\r\n", "\n"), "\n") {
		if msg, ok := strings.CutPrefix(line, errorsPrefix); ok {
			msg = strings.TrimSpace(r.redact(msg))
			if msg == "" {
				msg = "(the gateway sent no message)"
			}
			messages = append(messages, msg)
		}
	}
	return messages
}

// decimalText is a plain decimal as the gateway writes amounts: digits, an optional
// fraction, an optional leading minus (post-paid accounts go below zero). No exponent,
// sign plus, hex, underscores, NaN or Inf: big.ParseFloat would take some of those.
var decimalText = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// decimalPrecision matches the precision Terraform keeps numbers at, so a long decimal
// such as 31.168300000000002 reaches the state digit for digit.
const decimalPrecision = 512

func parseDecimal(s string) (*big.Float, bool) {
	if !decimalText.MatchString(s) {
		return nil, false
	}
	f, _, err := big.ParseFloat(s, 10, decimalPrecision, big.ToNearestEven)
	return f, err == nil
}

// parseBalance reads an answer to the balance command: exactly one `balance:<decimal>`.
func parseBalance(body []byte, r redactor) (*big.Float, error) {
	fields, err := parseFields(body, r)
	if err != nil {
		return nil, err
	}
	if len(fields) != 1 || fields[0].name != "balance" {
		return nil, &ProtocolError{Reason: "expected a single balance:<amount> line", Excerpt: r.excerpt(body)}
	}
	amount, ok := parseDecimal(fields[0].value)
	if !ok {
		return nil, &ProtocolError{Reason: "the balance is not a decimal number", Excerpt: r.excerpt(body)}
	}
	return amount, nil
}

// excerptLimit is how much of an unexpected body an error shows: enough to recognise an
// HTML page or a proxy's message, not enough to flood a CI log.
const excerptLimit = 80

// redactor removes the API key, raw and URL-encoded, from text bound for errors and logs.
type redactor struct {
	secrets []string
}

func newRedactor(key string) redactor {
	return redactor{secrets: SecretForms(key)}
}

// SecretForms lists the ways the key can appear in text: as it is, and URL-encoded as a query
// value or a path segment would carry it. Whatever masks the key (errors here, log masks in
// the provider) must hide all of them.
func SecretForms(key string) []string {
	if key == "" {
		return nil
	}
	forms := []string{key}
	for _, encoded := range []string{url.QueryEscape(key), url.PathEscape(key)} {
		if !slices.Contains(forms, encoded) {
			forms = append(forms, encoded)
		}
	}
	// Longest first: a shorter form inside a longer one must not leave part of it behind.
	slices.SortStableFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return forms
}

func (r redactor) redact(s string) string {
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return s
}

// excerpt quotes the start of a body for an error message: escaped, so control characters
// cannot reach a terminal, and shortened.
func (r redactor) excerpt(body []byte) string {
	text := r.redact(string(body))
	if len(text) == 0 {
		return `""`
	}
	cut := len(text) > excerptLimit
	if cut {
		text = text[:excerptLimit]
	}
	quoted := strconv.QuoteToGraphic(strings.ToValidUTF8(text, "\uFFFD"))
	if cut {
		quoted += fmt.Sprintf(" (first %d of %d bytes)", excerptLimit, len(body))
	}
	return quoted
}
