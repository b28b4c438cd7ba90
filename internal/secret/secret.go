// Package secret knows the forms an API key takes in text, for the client's redaction, the
// provider's log masks and every test that proves a text holds no key. It depends on nothing
// of this repository but lazyregexp, so each of them can import it.
package secret

import (
	"html"
	"net/url"
	"slices"
	"strings"

	"github.com/smsgateway/terraform-provider-gateway/internal/lazyregexp"
)

// Forms lists the ways the key can appear in text: as it is; URL-encoded as a query value or
// a path segment carries it, with upper- and lower-case hex digits; and HTML-escaped, as an
// error page echoes it. Longest first, so that replacing them in order leaves no part of a
// longer form behind.
func Forms(key string) []string {
	if key == "" {
		return nil
	}
	var forms []string
	for _, form := range []string{
		key, url.QueryEscape(key), url.PathEscape(key), html.EscapeString(key),
		lowerHexEscapes(url.QueryEscape(key)), lowerHexEscapes(url.PathEscape(key)),
	} {
		if !slices.Contains(forms, form) {
			forms = append(forms, form)
		}
	}
	slices.SortStableFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return forms
}

var percentEscape = lazyregexp.New(`%[0-9A-F]{2}`)

func lowerHexEscapes(s string) string {
	return percentEscape.ReplaceAllStringFunc(s, strings.ToLower)
}

// Find reports the first form of key that text holds, if any: the one check every test that
// proves "no key here" relies on.
func Find(text, key string) (string, bool) {
	for _, form := range Forms(key) {
		if strings.Contains(text, form) {
			return form, true
		}
	}
	return "", false
}
