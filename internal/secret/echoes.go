package secret

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"math"
	"strings"
)

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
