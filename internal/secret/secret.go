// Package secret finds an API key in text however it was escaped or the gateway echoed it (echoes.go), for the
// client's redaction and every test that proves "no key here". It lists no spellings: it undoes percent, backslash
// and HTML escapes, three layers in any order, on every run that could hold the key, so unlisted forms are found.
package secret

import (
	"bytes"
	"html"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// CutRun is the shortest run of the key never shown where text is cut, and the shortest end beside a mask (****Nb2V).
const CutRun = 4

// Marker replaces the key in redacted text.
const Marker = "[redacted]"

// Finder finds one key. The zero value finds nothing.
type Finder struct {
	targets [][]byte // the key, and the key with its own escapes undone ("\a" printed as a bell)
	echoes  echoes
	marker  string
}

// NewFinder returns a Finder for key; an empty key is never found.
func NewFinder(key string) Finder {
	if key == "" {
		return Finder{}
	}
	f := Finder{marker: Marker, echoes: echoesOf(key)}
	for i, v := range viewsOf(key) {
		if i == 0 || len(v.text) >= CutRun {
			f.targets = append(f.targets, v.text)
		}
	}
	if _, _, found := f.Find(Marker); found { // a key that is part of the marker itself
		f.marker = "[…]"
	}
	return f
}

// FormsOnly finds the key in its escaped forms, base64 and hex only, not echoes an escaping or quoting can (un)make.
// Redaction before such a transformation uses it: it takes no run of the key out of a form about to be made whole.
func (f Finder) FormsOnly() Finder {
	f.echoes.encoded = true
	return f
}

// Marker is what Redact writes in place of the key: Marker, unless the key is part of it.
func (f Finder) Marker() string { return f.marker }

// Find reports where text holds the key in some form: text[lo:hi] is the leftmost form, and of
// those starting there the longest (a JSON form "\\k…" whole, not the key after its "\\").
func (f Finder) Find(text string) (lo, hi int, found bool) {
	f.eachRun(text, func(runLo, runHi int) {
		if found {
			return // in an earlier run
		}
		f.eachInRun(text[runLo:runHi], func(l, h int) {
			if l, h = runLo+l, runLo+h; !found || l < lo || l == lo && h > hi {
				lo, hi, found = l, h, true
			}
		})
	})
	return lo, hi, found
}

// Redact replaces every form of the key in text with Marker.
func (f Finder) Redact(text string) string {
	var b strings.Builder
	done := 0
	f.eachRun(text, func(lo, hi int) {
		b.WriteString(text[done:lo])
		b.WriteString(f.redactRun(text[lo:hi]))
		done = hi
	})
	b.WriteString(text[done:])
	return b.String()
}

// RedactCut is Redact for text cut at its end: a start of the key left there, CutRun characters or more in any form
// (echoes as cutStart says), becomes Marker too, whether the cut fell between characters or inside an escape.
func (f Finder) RedactCut(text string) string {
	if at, ok := f.echoes.cutStart(text); ok {
		return f.Redact(text[:at]) + f.marker
	}
	text = f.Redact(text)
	last := strings.LastIndexAny(text, runBreaks) + 1
	tail := text[last:]
	for partial := 0; partial <= min(len(tail), maxReference+1); partial++ {
		end := len(tail) - partial
		if partial > 0 && !strings.ContainsRune(`%\&`, rune(tail[end])) {
			continue // only an escape's start can begin an unfinished escape
		}
		for _, v := range viewsOf(tail[:end]) {
			for _, t := range f.targets {
				if n := headAtEnd(v.text, t, CutRun); n > 0 {
					return text[:last+v.from(len(v.text)-n).lo] + f.marker
				}
			}
		}
	}
	return text
}

// runBreaks end a run that could hold the key: keys have no white space or quotes (CheckAPIKey), no escape writes them.
const runBreaks = " \t\n\r\f\v\"'`"

// eachRun calls add with every run of text that could hold the key; none for the zero Finder.
func (f Finder) eachRun(text string, add func(lo, hi int)) {
	if len(f.targets) > 0 {
		eachStretch(text, func(c byte) bool { return strings.IndexByte(runBreaks, c) < 0 }, 1, add)
	}
}

// redactRun replaces each stretch a view shows to hold a form, overlaps joined, widened to whole characters.
func (f Finder) redactRun(run string) string {
	var found []span
	f.eachInRun(run, func(lo, hi int) { found = append(found, span{lo, hi}) })
	if len(found) == 0 {
		return run
	}
	slices.SortFunc(found, func(a, b span) int { return a.lo - b.lo })
	var b strings.Builder
	done := 0
	for i := 0; i < len(found); {
		lo, hi := found[i].lo, found[i].hi
		for i++; i < len(found) && found[i].lo <= hi; i++ {
			hi = max(hi, found[i].hi)
		}
		for lo > done && !utf8.RuneStart(run[lo]) { // never half a character: text stays UTF-8
			lo--
		}
		for hi < len(run) && !utf8.RuneStart(run[hi]) {
			hi++
		}
		b.WriteString(run[done:max(done, lo)])
		b.WriteString(f.marker)
		done = max(done, hi)
	}
	b.WriteString(run[done:])
	if _, _, seam := f.Find(b.String()); seam {
		return f.marker // a form only the whole shows: withhold it all
	}
	return b.String()
}

// eachInRun calls add with every form of the key in one run, as the span of the run it takes.
func (f Finder) eachInRun(run string, add func(lo, hi int)) {
	views := []view{{text: []byte(run)}} // on the stack, for the many runs without escapes
	if strings.ContainsAny(run, `%\&`) {
		views = viewsOf(run)
	}
	for _, v := range views {
		inRun := func(at, end int) { add(v.from(at).lo, v.from(end-1).hi) }
		for _, t := range f.targets {
			eachIndex(v.text, t, inRun)
		}
		f.echoes.all(v.text, inRun)
	}
}

// A view is a text with escapes undone, each byte with the span of the original it came from.
type view struct {
	text  []byte
	spans []span // spans[i] is where text[i] came from; nil for the original itself
}

type span struct{ lo, hi int }

func (v view) from(i int) span {
	if v.spans == nil {
		return span{i, i + 1}
	}
	return v.spans[i]
}

// decoders undo one kind of escape each, at in[i]: the escape decoded and its end, or end 0.
// Each view is decoded by each in turn, so that nested forms are found in any order, and no
// escape another layer left alone is undone (a key's "%41" stays when its &amp; is undone).
var decoders = []struct {
	trigger  byte // the byte every escape of this kind starts with
	escapeAt func(in []byte, i int) (decoded []byte, end int)
}{{'%', percentAt}, {'\\', backslashAt}, {'&', referenceAt}}

// viewsOf is the text and each view of it to three layers, without duplicates: JSON percent-encoded twice is found.
func viewsOf(text string) []view {
	views := []view{{text: []byte(text)}}
	seen := map[string]bool{text: true}
	layer := views
	for range 3 {
		var next []view
		for _, v := range layer {
			for _, d := range decoders {
				if u, changed := undo(v, d.trigger, d.escapeAt); changed && !seen[string(u.text)] {
					seen[string(u.text)] = true
					next = append(next, u)
				}
			}
		}
		views, layer = append(views, next...), next
	}
	return views
}

// undo is v with the escapes that start with trigger undone.
func undo(v view, trigger byte, escapeAt func([]byte, int) ([]byte, int)) (u view, changed bool) {
	if bytes.IndexByte(v.text, trigger) < 0 {
		return v, false
	}
	for i := 0; i < len(v.text); {
		decoded, end := v.text[i:i+1], i+1
		if v.text[i] == trigger {
			if d, e := escapeAt(v.text, i); e > 0 {
				decoded, end, changed = d, e, true
			}
		}
		from := span{v.from(i).lo, v.from(end - 1).hi}
		for _, b := range decoded {
			u.text = append(u.text, b)
			u.spans = append(u.spans, from)
		}
		i = end
	}
	return u, changed
}

// percentAt undoes %XX, in either case; a + stays, as it may be the key's own.
func percentAt(in []byte, i int) ([]byte, int) {
	if r, ok := hexAt(in, i+1, 2); ok {
		return []byte{byte(r & 0xff)}, i + 3
	}
	return nil, 0
}

// backslashAt undoes the escapes of JSON (PHP's json_encode writes \/ and \u00e9, Go's
// encoding/json \u0026) and of Go's quoting (\x1b, \a, \U0001f600).
func backslashAt(in []byte, i int) ([]byte, int) {
	if i+1 >= len(in) {
		return nil, 0
	}
	c := in[i+1]
	if b, ok := simpleEscapes[c]; ok {
		return []byte{b}, i + 2
	}
	digits := hexEscapes[c]
	r, ok := hexAt(in, i+2, digits)
	if digits == 0 || !ok {
		return nil, 0
	}
	end := i + 2 + digits
	if c == 'x' {
		return []byte{byte(r & 0xff)}, end // two hex digits: a byte, not a rune
	}
	if c == 'u' && utf16.IsSurrogate(r) && bytes.HasPrefix(in[end:], []byte(`\u`)) { // \ud83d\ude00
		if r2, ok := hexAt(in, end+2, 4); ok && utf16.DecodeRune(r, r2) != utf8.RuneError {
			return utf8.AppendRune(nil, utf16.DecodeRune(r, r2)), end + 6
		}
	}
	return utf8.AppendRune(nil, r), end
}

var simpleEscapes = map[byte]byte{
	'\\': '\\', '/': '/', '"': '"', '\'': '\'', 'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v',
}

var hexEscapes = map[byte]int{'x': 2, 'u': 4, 'U': 8} // how many hex digits follow

// maxReference is the longest HTML character reference: &CounterClockwiseContourIntegral;.
const maxReference = 33

// referenceAt undoes an HTML character reference: named (&amp;), decimal (&#039;) or hex (&#x7E;).
func referenceAt(in []byte, i int) ([]byte, int) {
	for j := i + 1; j < len(in) && j-i <= maxReference; j++ {
		c := in[j]
		if c == ';' && j > i+1 {
			ref := string(in[i : j+1])
			if decoded := html.UnescapeString(ref); decoded != ref {
				return []byte(decoded), j + 1
			}
			return nil, 0
		}
		if !isAlnum(c) && (c != '#' || j != i+1) {
			return nil, 0
		}
	}
	return nil, 0
}

// hexAt reads n hex digits at in[at:] as a rune.
func hexAt(in []byte, at, n int) (rune, bool) {
	if at+n <= len(in) {
		if v, err := strconv.ParseUint(string(in[at:at+n]), 16, 32); err == nil && v <= utf8.MaxRune {
			return rune(v), true
		}
	}
	return 0, false
}

// Set finds every key it was given, for what one process writes for several configurations
// (Go's own logger). The zero value is ready to use and safe for concurrent use.
type Set struct {
	mu      sync.RWMutex
	keys    []string
	finders []Finder
}

// Add adds a key; an empty one, or one already there, changes nothing.
func (s *Set) Add(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if key != "" && !slices.Contains(s.keys, key) {
		s.keys = append(s.keys, key)
		s.finders = append(s.finders, NewFinder(key))
	}
}

// Redact replaces every key of the set, in any form, in text.
func (s *Set) Redact(text string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, f := range s.finders {
		text = f.Redact(text)
	}
	return text
}

// Writer passes what is written to w with every key of the set redacted. Each Write is one
// message, as Go's log package writes them; it reports the whole of p written.
func (s *Set) Writer(w io.Writer) io.Writer { return setWriter{set: s, w: w} }

type setWriter struct {
	set *Set
	w   io.Writer
}

func (sw setWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(sw.w, sw.set.Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
