// Package secret finds an API key in text however it was escaped or the gateway echoed it, for the
// client's redaction and every test that proves "no key here". It lists no spellings: it undoes percent, backslash
// and HTML escapes, three layers in any order, on every run that could hold the key, so unlisted forms are found.
package secret

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"html"
	"io"
	"math"
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

// A partial echo is sized by what it tells a guesser in the key's own alphabet (ASCII letters
// folded to one case): a run of EchoBits is hidden wherever it stands (half of a key too short
// for that), an end of MaskedEndBits beside a mask. TestFalseHides measures what they hide.
const (
	EchoBits      = 32 // 10 digits, 8 hex digits, 7 letters and digits
	MaskedEndBits = 20 // 7 digits, 5 hex digits, 4 letters and digits
)

// runFor is how many characters of key tell bits in its alphabet, key folded and without
// separators: digits (3.3 bits each), hex digits (4), or else at least 36 letters and digits.
func runFor(key []byte, bits float64) int {
	perChar := math.Log2(36)
	switch {
	case len(bytes.Trim(key, "0123456789")) == 0:
		perChar = math.Log2(10)
	case len(bytes.Trim(key, "0123456789abcdef")) == 0:
		perChar = 4
	}
	return int(math.Ceil(bits/perChar - 1e-9))
}

// echoes are the forms of the key a gateway writes itself: a run of it, in any case or in groups
// (Zq7W-x9Kp-…); an end of it beside a mask; the key, or a run of it, in base64 or hex.
type echoes struct {
	run, end int                 // the shortest run found anywhere, and end beside a mask
	keys     [][]byte            // the key folded (ASCII letters in lower case), and without its separators (kq8vzr3m)
	grams    map[string][]gramAt // every run-long run of the keys, and where they hold it
	base64   [][]byte            // the key in base64, every alphabet and alignment, padded or not
	hexKey   []byte              // the key in hex, lower case
	encoded  bool                // the whole key in base64 and hex only: no transformation makes those (FormsOnly)
}

type gramAt struct{ key, at int } // keys[key][at:] holds the run

func echoesOf(key string) echoes {
	folded := fold([]byte(key))
	e := echoes{keys: [][]byte{folded}, grams: map[string][]gramAt{}, hexKey: []byte(hex.EncodeToString([]byte(key)))}
	if joined, _ := withoutSeparators(folded); joined != nil {
		e.keys = append(e.keys, joined)
	}
	joined := e.keys[len(e.keys)-1]
	e.run = min(runFor(joined, EchoBits), max(CutRun, (len(joined)+1)/2)) // a short key keeps half of itself hidden
	e.end = min(runFor(joined, MaskedEndBits), e.run)
	for k, folded := range e.keys {
		for i := 0; i+e.run <= len(folded); i++ {
			g := string(folded[i : i+e.run])
			e.grams[g] = append(e.grams[g], gramAt{k, i})
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		padded := enc.EncodeToString([]byte(key))
		e.base64 = append(e.base64, []byte(padded), []byte(strings.TrimRight(padded, "=")))
		// For a key inside a longer text that was encoded, the characters that depend on the
		// key alone: one or two bytes before it share its first group, its last group what follows.
		for skip := range 3 {
			stable := []byte(enc.EncodeToString(append(make([]byte, skip), key...)))[(skip*4+2)/3:]
			if (skip+len(key))%3 != 0 {
				stable = stable[:len(stable)-4]
			}
			if len(stable)*6 >= EchoBits { // 6 bits a character
				e.base64 = append(e.base64, stable)
			}
		}
	}
	return e
}

// all calls add with every echo in text, [at, end), overlaps included; one pass per kind, so work grows with the text.
func (e echoes) all(text []byte, add func(at, end int)) {
	for _, b := range e.base64 {
		eachIndex(text, b, add)
	}
	folded := fold(text)
	eachIndex(folded, e.hexKey, add)
	if e.encoded {
		return
	}
	e.runs(folded, add)
	e.inEncoded(folded, isHexDigit, 2*e.run, decodeHexRun, add)
	e.inEncoded(text, isBase64Char, (e.run*4+2)/3, decodeBase64Run, add) // in base64, case is content
	e.maskedEnds(folded, add)
	// The key in groups (Zq7W-x9Kp-3Lm5, 5a:71:37:57): the text with its separators taken out.
	if joined, from := withoutSeparators(folded); joined != nil {
		back := func(l, h int) { add(from[l], from[h-1]+1) }
		e.runs(joined, back)
		e.inEncoded(joined, isHexDigit, 2*e.run, decodeHexRun, back) // the whole key in hex too
	}
}

// cutStart is where an echo of the key's start begins at the end of a cut text: CutRun characters
// in any case or in groups, 2×CutRun hex digits (with separators too), base64 of CutRun bytes.
func (e echoes) cutStart(text string) (at int, found bool) {
	folded := fold([]byte(strings.TrimRight(text, "-_:."))) // a cut after a group's separator
	if n := e.startAtEnd(folded); n > 0 {
		return len(folded) - n, true
	}
	if joined, from := withoutSeparators(folded); joined != nil {
		if n := e.startAtEnd(joined); n > 0 {
			return from[len(joined)-n], true
		}
	}
	for _, b := range e.base64 {
		if n := headAtEnd([]byte(text), b, (CutRun*4+2)/3); n > 0 {
			return len(text) - n, true
		}
	}
	return 0, false
}

// startAtEnd is how long a start of a key (CutRun+) or of its hex (2×CutRun+) ending folded is.
func (e echoes) startAtEnd(folded []byte) int {
	if !e.encoded {
		for _, key := range e.keys {
			if n := headAtEnd(folded, key, CutRun); n > 0 {
				return n
			}
		}
	}
	return headAtEnd(folded, e.hexKey, 2*CutRun)
}

// headAtEnd is the length of the longest start of whole (shortest bytes or more, not all) that text ends with, or 0.
func headAtEnd(text, whole []byte, shortest int) int {
	for n := min(len(whole)-1, len(text)); n >= shortest; n-- {
		if bytes.HasSuffix(text, whole[:n]) {
			return n
		}
	}
	return 0
}

// runs finds every run of e.run or more of the key's characters in folded text.
func (e echoes) runs(folded []byte, add func(at, end int)) {
	for i := 0; i+e.run <= len(folded); i++ {
		offsets, ok := e.grams[string(folded[i:i+e.run])]
		if !ok {
			continue
		}
		end := i + e.run
		for _, o := range offsets { // the longest run of the key from here
			key, n := e.keys[o.key], e.run
			for i+n < len(folded) && o.at+n < len(key) && folded[i+n] == key[o.at+n] {
				n++
			}
			end = max(end, i+n)
		}
		add(i, end)
	}
}

// inEncoded finds a run of the key in hex or base64 (a cut echo, encoded): each stretch of minimum characters or more
// is decoded from each of its first four (every base64 group or hex pair alignment); the whole stretch is the echo.
func (e echoes) inEncoded(text []byte, in func(byte) bool, minimum int, decode func(string) ([]byte, error), add func(at, end int)) {
	eachStretch(text, in, minimum, func(lo, hi int) {
		for skip := range 4 {
			if decoded, err := decode(string(text[lo+skip : hi])); err == nil && e.holds(decoded) {
				add(lo, hi)
				return
			}
		}
	})
}

func decodeHexRun(s string) ([]byte, error) { return hex.DecodeString(s[:len(s)/2*2]) }

func decodeBase64Run(s string) (decoded []byte, err error) {
	if len(s)%4 == 1 { // a lone character holds no whole byte
		s = s[:len(s)-1]
	}
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if decoded, err = enc.DecodeString(s); err == nil {
			break
		}
	}
	return decoded, err
}

// holds reports whether decoded bytes hold a run of e.run of the key, in any case.
func (e echoes) holds(decoded []byte) (found bool) {
	e.runs(fold(decoded), func(int, int) { found = true })
	return found
}

// maskedEnds finds the key's first characters before a mask (Zq7W***, Zq7W…, Zq7W<hidden>) or
// its last after one (****Nb2V): e.end or more, to the whole of a key shorter than e.run.
func (e echoes) maskedEnds(folded []byte, add func(at, end int)) {
	key := e.keys[0]
	for n := e.end; n < min(len(key)+1, e.run); n++ {
		eachIndex(folded, key[:n], func(at, end int) {
			if maskAfter(folded[end:]) {
				add(at, end)
			}
		})
		eachIndex(folded, key[len(key)-n:], func(at, end int) {
			if maskBefore(folded[:at]) {
				add(at, end)
			}
		})
	}
}

// A mask is two or more of * . • # _ - in a row, an ellipsis, or a bracketed word (<hidden>,
// [masked]); maskAfter and maskBefore report whether text starts or ends with one.
func maskAfter(s []byte) bool {
	return bytes.HasPrefix(s, []byte("…")) || bytes.HasPrefix(s, []byte("••")) ||
		len(s) >= 2 && (isMask(s[0]) && isMask(s[1]) || (s[0] == '<' || s[0] == '[') && isLetter(s[1]))
}

func maskBefore(s []byte) bool {
	n := len(s)
	return bytes.HasSuffix(s, []byte("…")) || bytes.HasSuffix(s, []byte("••")) ||
		n >= 2 && (isMask(s[n-1]) && isMask(s[n-2]) || (s[n-1] == '>' || s[n-1] == ']') && isLetter(s[n-2]))
}

func isMask(c byte) bool { return c == '*' || c == '.' || c == '#' || c == '_' || c == '-' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isAlnum(c byte) bool { return isLetter(c) || '0' <= c && c <= '9' }

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isBase64Char(c byte) bool { return isAlnum(c) || c == '+' || c == '/' || c == '-' || c == '_' }

// withoutSeparators is folded text without the single separators (- _ : .) that stand between
// two letters or digits, and where each of its bytes was; nil when there are none.
func withoutSeparators(folded []byte) (joined []byte, from []int) {
	if !bytes.ContainsAny(folded, "-_:.") {
		return nil, nil
	}
	joined, from = make([]byte, 0, len(folded)), make([]int, 0, len(folded))
	for i, c := range folded {
		if strings.IndexByte("-_:.", c) >= 0 && i > 0 && i+1 < len(folded) && isAlnum(folded[i-1]) && isAlnum(folded[i+1]) {
			continue
		}
		joined, from = append(joined, c), append(from, i)
	}
	if len(joined) == len(folded) {
		return nil, nil
	}
	return joined, from
}

// eachIndex calls add with every place text holds sub, overlapping ones included.
func eachIndex(text, sub []byte, add func(at, end int)) {
	for from := 0; len(sub) > 0 && from+len(sub) <= len(text); {
		i := bytes.Index(text[from:], sub)
		if i < 0 {
			return
		}
		add(from+i, from+i+len(sub))
		from += i + 1
	}
}

// eachStretch calls add with every longest stretch of text of bytes in, minimum bytes or longer.
func eachStretch[T string | []byte](text T, in func(byte) bool, minimum int, add func(lo, hi int)) {
	lo := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || !in(text[i]) {
			if i-lo >= max(minimum, 1) {
				add(lo, i)
			}
			lo = i + 1
		}
	}
}

// fold is text with its ASCII letters in lower case, byte for byte.
func fold(text []byte) []byte {
	out := make([]byte, len(text))
	for i, c := range text {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
