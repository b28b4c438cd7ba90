package secrettest

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strings"
	"unicode/utf16"
)

// Encoding is one way a gateway, a proxy or a logger writes a key back.
type Encoding struct {
	Name   string
	Encode func(string) string
}

// Encodings are the forms known to be written by the gateway's PHP, by Go, and by proxies:
// the tests plant the key in each of them, and in each pair. The finder does not list them.
var Encodings = []Encoding{
	{"raw", func(s string) string { return s }},
	{"Go url.QueryEscape", url.QueryEscape},
	{"Go url.PathEscape", url.PathEscape},
	{"PHP urlencode", phpURLEncode},
	{"PHP rawurlencode", phpRawURLEncode},
	{"lower-case percent escapes", func(s string) string { return lowerHex(phpRawURLEncode(s)) }},
	{"Go html.EscapeString", html.EscapeString},
	{"PHP htmlspecialchars", phpHTMLSpecialChars},
	{"Go encoding/json", goJSON},
	{"PHP json_encode", phpJSONEncode},
}

// Encode is s in the encoding of that name; it panics on a name Encodings does not hold.
func Encode(name, s string) string {
	for _, e := range Encodings {
		if e.Name == name {
			return e.Encode(s)
		}
	}
	panic("no encoding " + name)
}

// phpURLEncode is PHP's urlencode: every byte but letters, digits and -_. escaped, a space
// as +. Unlike rawurlencode, it escapes ~.
func phpURLEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "~", "%7E")
}

// phpRawURLEncode is PHP's rawurlencode (RFC 3986): every byte but letters, digits and -_.~
// escaped, a space as %20.
func phpRawURLEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

func lowerHex(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			b.WriteString(strings.ToLower(s[i : i+3]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// phpHTMLSpecialChars is PHP's htmlspecialchars with its default ENT_QUOTES.
var phpHTMLSpecialChars = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;").Replace

// goJSON is a string as Go's encoding/json writes it, without its quotes: <, > and & as
// \u003c, \u003e and \u0026.
func goJSON(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b[1 : len(b)-1])
}

// phpJSONEncode is a string as PHP's json_encode writes it by default, without its quotes:
// / as \/, and every character outside ASCII as \u escapes (surrogate pairs beyond the BMP).
func phpJSONEncode(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r < 0x80:
			b.WriteRune(r)
		default:
			for _, unit := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, `\u%04x`, unit)
			}
		}
	}
	return b.String()
}
