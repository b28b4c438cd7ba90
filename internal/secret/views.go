package secret

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A view is a text with one layer of escapes undone: percent escapes (%7E), backslash
// escapes as JSON and Go write them (\u0026, \/, \\, \x1b), or HTML character references
// (&amp;, &#039;, &#x7e;). Each byte of a view remembers the span of the original text it came
// from, so that a key found in a view is cut out of the original, however it was written.
type view struct {
	text  []byte
	spans []span // spans[i] is where text[i] came from in the original text
}

type span struct{ lo, hi int }

// maxDepth is how many layers of escaping are undone: a form nested three deep (a JSON
// string, percent-encoded by a proxy, percent-encoded again) is still found.
const maxDepth = 3

// decoders undo one kind of escaping each. A view is decoded by each of them in turn, to
// maxDepth, so that nested forms are found in any order of nesting, and a decoder never
// undoes escapes that another layer left alone (a key holding "%41" is not turned into "A"
// when only its HTML escapes were undone).
var decoders = []struct {
	trigger byte // the byte every escape of this kind starts with
	decode  func([]byte) (decoded []byte, from []span, changed bool)
}{
	{'%', decodePercent}, {'\\', decodeBackslash}, {'&', decodeHTML},
}

// viewsOf returns the text as it is and every view of it to maxDepth, without duplicates.
func viewsOf(text string) []view {
	root := view{text: []byte(text), spans: make([]span, len(text))}
	for i := range root.spans {
		root.spans[i] = span{i, i + 1}
	}
	views := []view{root}
	seen := map[string]bool{text: true}
	layer := []view{root}
	for range maxDepth {
		var next []view
		for _, v := range layer {
			for _, d := range decoders {
				if bytes.IndexByte(v.text, d.trigger) < 0 {
					continue
				}
				decoded, from, changed := d.decode(v.text)
				if !changed || seen[string(decoded)] {
					continue
				}
				seen[string(decoded)] = true
				spans := make([]span, len(decoded))
				for i, f := range from { // compose: this layer's span in v → the original's
					spans[i] = span{v.spans[f.lo].lo, v.spans[f.hi-1].hi}
				}
				next = append(next, view{text: decoded, spans: spans})
			}
		}
		views = append(views, next...)
		layer = next
	}
	return views
}

// mayBeEscaped is a quick test for text that no decoder would change.
func mayBeEscaped(text string) bool {
	return strings.ContainsAny(text, `%\&`)
}

// out collects a decoder's output with the span of its input each byte came from.
type out struct {
	text    []byte
	from    []span
	changed bool
}

func (o *out) keep(in []byte, i int) {
	o.text = append(o.text, in[i])
	o.from = append(o.from, span{i, i + 1})
}

func (o *out) put(decoded []byte, lo, hi int) {
	for _, b := range decoded {
		o.text = append(o.text, b)
		o.from = append(o.from, span{lo, hi})
	}
	o.changed = true
}

// decodePercent undoes %XX escapes, in upper or lower case, as any URL encoder writes them.
// A + is left as it is: keys hold no spaces, and a + may be the key's own.
func decodePercent(in []byte) ([]byte, []span, bool) {
	var o out
	for i := 0; i < len(in); {
		if in[i] == '%' && i+2 < len(in) {
			if hi, ok := unhex(in[i+1]); ok {
				if lo, ok := unhex(in[i+2]); ok {
					o.put([]byte{hi<<4 | lo}, i, i+3)
					i += 3
					continue
				}
			}
		}
		o.keep(in, i)
		i++
	}
	return o.text, o.from, o.changed
}

// decodeBackslash undoes the escapes of JSON (PHP's json_encode writes \/ and \u00e9, Go's
// encoding/json \u0026) and of Go's quoting (\x1b, \a, \U0001f600).
func decodeBackslash(in []byte) ([]byte, []span, bool) {
	var o out
	for i := 0; i < len(in); {
		if in[i] != '\\' || i+1 >= len(in) {
			o.keep(in, i)
			i++
			continue
		}
		c := in[i+1]
		if b, ok := simpleEscapes[c]; ok {
			o.put([]byte{b}, i, i+2)
			i += 2
			continue
		}
		switch c {
		case 'u':
			if r, ok := hexRune(in, i+2, 4); ok {
				end := i + 6
				if utf16.IsSurrogate(r) { // a pair: \ud83d\ude00
					if end+1 < len(in) && in[end] == '\\' && in[end+1] == 'u' {
						if r2, ok := hexRune(in, end+2, 4); ok {
							if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
								o.put(utf8.AppendRune(nil, pair), i, end+6)
								i = end + 6
								continue
							}
						}
					}
				}
				o.put(utf8.AppendRune(nil, r), i, end)
				i = end
				continue
			}
		case 'U':
			if r, ok := hexRune(in, i+2, 8); ok {
				o.put(utf8.AppendRune(nil, r), i, i+10)
				i += 10
				continue
			}
		case 'x':
			if r, ok := hexRune(in, i+2, 2); ok {
				o.put([]byte{byte(r & 0xff)}, i, i+4) // two hex digits: at most 0xff
				i += 4
				continue
			}
		}
		o.keep(in, i)
		i++
	}
	return o.text, o.from, o.changed
}

var simpleEscapes = map[byte]byte{
	'\\': '\\', '/': '/', '"': '"', '\'': '\'', 'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v',
}

// maxReference is the longest HTML character reference looked at, such as
// &CounterClockwiseContourIntegral; (33 bytes).
const maxReference = 33

// decodeHTML undoes HTML character references: named (&amp;), decimal (&#039;) and hex (&#x7E;).
func decodeHTML(in []byte) ([]byte, []span, bool) {
	var o out
	for i := 0; i < len(in); {
		if in[i] == '&' {
			if end := referenceEnd(in, i); end > 0 {
				ref := string(in[i:end])
				if decoded := html.UnescapeString(ref); decoded != ref {
					o.put([]byte(decoded), i, end)
					i = end
					continue
				}
			}
		}
		o.keep(in, i)
		i++
	}
	return o.text, o.from, o.changed
}

// referenceEnd is the index after the ';' of a character reference starting at in[i], or 0.
func referenceEnd(in []byte, i int) int {
	for j := i + 1; j < len(in) && j-i <= maxReference; j++ {
		c := in[j]
		switch {
		case c == ';':
			if j > i+1 {
				return j + 1
			}
			return 0
		case c == '#' && j == i+1, c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		default:
			return 0
		}
	}
	return 0
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// hexRune reads n hex digits at in[at:].
func hexRune(in []byte, at, n int) (rune, bool) {
	if at+n > len(in) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(in[at:at+n]), 16, 32)
	if err != nil || v > utf8.MaxRune {
		return 0, false
	}
	return rune(v), true
}
