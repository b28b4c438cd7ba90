package gateway

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Where the HTTP and JSON APIs live below the operator's base URL.
const (
	apiPath  = "/api/http.php"
	jsonPath = "/api/json.php"
)

// ParseEndpoint checks a base URL given by the user and returns the API URL requests go to.
// The key travels with every request, so it must be https://, or http:// to a loopback host
// (a local fake or a tunnel). A path prefix is kept as written, escapes included.
func ParseEndpoint(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, errors.New("the endpoint is empty")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return nil, errors.New("the endpoint must be an absolute URL such as https://alphasms.ua")
	}
	if u.User != nil {
		return nil, errors.New("the endpoint must not contain user credentials; set api_key instead")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#") {
		return nil, errors.New("the endpoint must not contain a query or a fragment: the provider adds the API parameters itself")
	}
	if n, err := strconv.Atoi(u.Port()); u.Port() != "" && (err != nil || n < 1 || n > 65535) {
		return nil, fmt.Errorf("the endpoint's port %s is not a port number: use one from 1 to 65535, or none", u.Port())
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		switch host := u.Hostname(); {
		case strings.EqualFold(host, "localhost"), net.ParseIP(host).IsLoopback():
		default:
			return nil, errors.New("the endpoint must use https://: over plain http:// the API key would travel in clear text " +
				"(http:// is accepted only for a loopback host written as localhost, 127.0.0.1 or [::1], such as http://127.0.0.1:8080)")
		}
	default:
		return nil, errors.New("the endpoint must start with https://")
	}

	u.Scheme = strings.ToLower(u.Scheme)
	u.RawPath = strings.TrimRight(u.EscapedPath(), "/")
	if !strings.HasSuffix(u.RawPath, apiPath) {
		u.RawPath += apiPath
	}
	u.Path, _ = url.PathUnescape(u.RawPath) // an escaped path: cannot fail
	return u, nil
}

// Bounds on a key: redaction looks for it in a bounded window, and would "find" a very short one
// inside ordinary words, telling the reader the key.
const (
	MaxKeyLength = 256
	MinKeyLength = 8
)

// CheckAPIKey refuses a value that cannot be a gateway API key, or that redaction could not
// keep out of errors and logs: too short, not UTF-8, or holding spaces, control characters or
// quotes, which Go's quoting and line splitting would show in forms redaction does not look
// for. The error never quotes the key.
func CheckAPIKey(key string) error {
	if key == "" {
		return errors.New("the API key is empty")
	}
	var problems []string
	n := utf8.RuneCountInString(key)
	if n < MinKeyLength {
		unit := "characters"
		if n == 1 {
			unit = "character"
		}
		problems = append(problems, fmt.Sprintf("it is %d %s long, and a key has at least %d", n, unit, MinKeyLength))
	}
	if n > MaxKeyLength {
		problems = append(problems, fmt.Sprintf("it is %d characters long, and a key has at most %d", n, MaxKeyLength))
	}
	switch {
	case !utf8.ValidString(key):
		problems = append(problems, "it is not valid UTF-8 text")
	case strings.ContainsFunc(key, unicode.IsSpace):
		problems = append(problems, "it holds a space or a line break")
	case strings.ContainsFunc(key, func(r rune) bool { return !unicode.IsGraphic(r) }):
		problems = append(problems, "it holds a control character")
	}
	if strings.ContainsAny(key, "\"'`") {
		problems = append(problems, "it holds a quote")
	}
	if len(problems) > 0 {
		return errors.New("the API key does not look like one: " + strings.Join(problems, "; ") +
			". Copy it again from the gateway's personal cabinet, without surrounding quotes or spaces")
	}
	return nil
}

// NormalizeNumber turns a phone number as people write it (+380 50 123 45 67, (380)
// 50.123.45.67) into the digits the gateway expects: 7 to 15, not starting with 0, a national
// prefix the gateway would read as another country's number.
func NormalizeNumber(s string) (string, error) {
	var digits strings.Builder
	for _, r := range strings.TrimPrefix(strings.TrimSpace(s), "+") {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", fmt.Errorf("%s is not a phone number: only digits, a leading +, spaces, dashes, dots and parentheses are allowed", Quote(s))
		}
	}
	number := digits.String()
	if n := len(number); n < 7 || n > 15 {
		return "", fmt.Errorf("%s has %d digits; an international number has 7 to 15, country code first (such as 380501234567)", Quote(s), n)
	}
	if number[0] == '0' {
		return "", fmt.Errorf("%s starts with 0, as a number is written inside its country; write it in international format, "+
			"country code first and without the leading 0 or 00 (such as 380501234567 for 0501234567 in Ukraine)", Quote(s))
	}
	return number, nil
}
