package secret

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"math"
	"strings"
)

// echoes are the forms of the key a gateway writes itself, not by escaping it: a run of it,
// cut, in another case or in groups (Zq7W-x9Kp-…); an end of it beside a mask; the key, or a run
// of it, in base64 or hex.
type echoes struct {
	run     int                 // the shortest run of the key found anywhere: EchoBits in its alphabet
	end     int                 // the shortest end of the key found beside a mask: MaskedEndBits
	folded  []byte              // the key with its ASCII letters in lower case
	keys    [][]byte            // folded, and folded without its separators (Kq8v-Zr3m: kq8vzr3m)
	grams   map[string][]gramAt // every run-long run of the keys, and where they hold it
	base64  [][]byte            // the key in base64, every alphabet and alignment, padded or not
	hexKey  []byte              // the key in hex, lower case
	encoded bool                // base64 and hex only: no transformation makes those (FormsOnly)
}

// gramAt is where one of the keys holds a run: keys[key][at:].
type gramAt struct{ key, at int }

// The partial echoes of a key are sized by what they tell a guesser in the key's own alphabet
// (its ASCII letters folded to one case): a run of EchoBits or more is hidden wherever it
// stands (or of half the key, for a key too short for that), and an end of MaskedEndBits or
// more beside a mask. Shorter parts are ordinary text: see TestFalseHides for how often each
// size hides part of a realistic text.
const (
	EchoBits      = 32 // 10 digits, 8 hex digits, 7 letters and digits
	MaskedEndBits = 20 // 7 digits, 5 hex digits, 4 letters and digits
)

// runFor is the characters a part of key must have to tell bits: key's alphabet is its
// digits (3.3 bits a character), hex digits (4) or, for anything else, at least the 36
// letters and digits (5.2), folded and without separators.
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

func echoesOf(key string) echoes {
	e := echoes{folded: fold([]byte(key)), grams: map[string][]gramAt{}}
	e.keys = [][]byte{e.folded}
	joined, _ := withoutSeparators(e.folded)
	if joined != nil {
		e.keys = append(e.keys, joined)
	} else {
		joined = e.folded
	}
	// A key too short for a run of EchoBits keeps half of itself hidden: no echo shows more.
	e.run = min(runFor(joined, EchoBits), max(CutRun, (len(joined)+1)/2))
	e.end = min(runFor(joined, MaskedEndBits), e.run)
	for k, folded := range e.keys {
		for i := 0; i+e.run <= len(folded); i++ {
			g := string(folded[i : i+e.run])
			e.grams[g] = append(e.grams[g], gramAt{k, i})
		}
	}
	e.hexKey = []byte(hex.EncodeToString([]byte(key)))
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		e.base64 = append(e.base64, []byte(enc.EncodeToString([]byte(key)))) // the key's own, padding and all
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		// The key's own encoding, and, for a key inside a longer text that was encoded, the
		// characters that do not depend on what came before it: one or two bytes of it
		// share their first group with the text before.
		for skip := range 3 {
			encoded := []byte(enc.EncodeToString(append(make([]byte, skip), key...)))
			// From the first character free of the bytes before (the first, for none).
			stable := encoded[(skip*4+2)/3:]
			if rest := (skip + len(key)) % 3; rest != 0 { // the last group also holds padding
				stable = stable[:len(stable)-4]
			}
			if len(stable)*6 >= EchoBits { // 6 bits a character
				e.base64 = append(e.base64, stable)
			}
		}
	}
	return e
}

// encodedOnly is e without the echoes a transformation can make or unmake: runs and masked
// ends.
func (e echoes) encodedOnly() echoes {
	e.encoded = true
	return e
}

// all calls add with every echo of the key in text, [at, end), overlapping ones included. Each
// kind of echo is looked for in one pass over the text, so that the work grows with the text,
// not with how many echoes it holds.
func (e echoes) all(text []byte, add func(at, end int)) {
	if len(e.hexKey) == 0 {
		return
	}
	for _, b := range e.base64 {
		eachIndex(text, b, add)
	}
	folded := fold(text)
	eachIndex(folded, e.hexKey, add)
	if e.encoded {
		return
	}
	e.runs(folded, add)
	// The key in groups (Zq7W-x9Kp-3Lm5, 5a:71:37:57): the runs of the text with single
	// separators between letters and digits taken out.
	if joined, from := withoutSeparators(folded); joined != nil {
		back := func(l, h int) { add(from[l], from[h-1]+1) }
		e.runs(joined, back)
		eachIndex(joined, e.hexKey, back)
		e.inHex(joined, back) // base64 has no groups, and folded is no base64
	}
	e.inEncodings(folded, text, add)
	e.maskedEnds(folded, add)
}

// cutStart finds, at the end of a text that was cut, a start of the key as the gateway echoes
// it: CutRun characters or more in any case, in groups too, or in hex (2×CutRun digits or
// more, with separators too), or in base64 (the characters of CutRun bytes or more). It says
// where that start begins.
func (e echoes) cutStart(text string) (at int, found bool) {
	if len(e.hexKey) == 0 {
		return 0, false
	}
	folded := fold([]byte(strings.TrimRight(text, "-_:."))) // a cut after a group's separator
	if n, ok := e.startAtEnd(folded); ok {
		return len(folded) - n, true
	}
	if joined, from := withoutSeparators(folded); joined != nil {
		if n, ok := e.startAtEnd(joined); ok {
			return from[len(joined)-n], true
		}
	}
	for _, b := range e.base64 {
		for n := len(b) - 1; n >= (CutRun*4+2)/3; n-- {
			if strings.HasSuffix(text, string(b[:n])) {
				return len(text) - n, true
			}
		}
	}
	return 0, false
}

// startAtEnd is how long a start of one of the keys (CutRun or more) or of the key's hex
// (2×CutRun or more) the end of folded text holds.
func (e echoes) startAtEnd(folded []byte) (n int, found bool) {
	for _, key := range e.keys {
		for n := min(len(key)-1, len(folded)); n >= CutRun && !e.encoded; n-- {
			if bytes.HasSuffix(folded, key[:n]) {
				return n, true
			}
		}
	}
	for n := min(len(e.hexKey)-1, len(folded)); n >= 2*CutRun; n-- {
		if bytes.HasSuffix(folded, e.hexKey[:n]) {
			return n, true
		}
	}
	return 0, false
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

// inEncodings finds a run of e.run of the key inside hex or base64 (a cut echo, encoded): each
// stretch of hex digits or base64 characters long enough to hold one is decoded, at every
// alignment, and looked into; the whole stretch is the echo.
func (e echoes) inEncodings(folded, text []byte, add func(at, end int)) {
	e.inHex(folded, add)
	e.inBase64(text, add)
}

// holds reports whether decoded bytes hold a run of e.run of the key, in any case.
func (e echoes) holds(decoded []byte) bool {
	found := false
	e.runs(fold(decoded), func(int, int) { found = true })
	return found
}

// inHex is inEncodings in hex digits, of folded text.
func (e echoes) inHex(folded []byte, add func(at, end int)) {
	if len(e.grams) == 0 {
		return
	}
	eachStretch(folded, isHexDigit, 2*e.run, func(lo, hi int) {
		for skip := range 2 {
			n := (hi - lo - skip) / 2 * 2
			if decoded, err := hex.DecodeString(string(folded[lo+skip : lo+skip+n])); err == nil && e.holds(decoded) {
				add(lo, hi)
				return
			}
		}
	})
}

// inBase64 is inEncodings in base64, of the text as written: its case is its content.
func (e echoes) inBase64(text []byte, add func(at, end int)) {
	if len(e.grams) == 0 {
		return
	}
	eachStretch(text, isBase64Char, (e.run*4+2)/3, func(lo, hi int) {
		for skip := range 4 {
			s := text[lo+skip : hi]
			if len(s)%4 == 1 { // a lone character holds no whole byte
				s = s[:len(s)-1]
			}
			for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
				if decoded, err := enc.DecodeString(string(s)); err == nil && e.holds(decoded) {
					add(lo, hi)
					return
				}
			}
		}
	})
}

// maskedEnds finds the key's first characters followed by a mask (Zq7W***, Zq7W..., Zq7W<hidden>)
// or its last characters after one (****Nb2V): e.end characters or more, up to the whole of a
// key shorter than e.run (longer ends are runs).
func (e echoes) maskedEnds(folded []byte, add func(at, end int)) {
	for n := e.end; n < min(len(e.folded)+1, e.run); n++ {
		head, tail := e.folded[:n], e.folded[len(e.folded)-n:]
		eachIndex(folded, head, func(at, end int) {
			if maskAt(folded, end, 1) {
				add(at, end)
			}
		})
		eachIndex(folded, tail, func(at, end int) {
			if maskAt(folded, at, -1) {
				add(at, end)
			}
		})
	}
}

// maskAt reports whether the text holds a mask just after (dir 1) or just before (dir -1)
// position at: two or more of * . • # _ - in a row, an ellipsis, or a bracketed word
// (<hidden>, [masked]).
func maskAt(text []byte, at, dir int) bool {
	if dir > 0 {
		rest := text[at:]
		return bytes.HasPrefix(rest, []byte("…")) || bytes.HasPrefix(rest, []byte("••")) ||
			len(rest) >= 2 && isMask(rest[0]) && isMask(rest[1]) || len(rest) >= 2 && (rest[0] == '<' || rest[0] == '[') && isLetter(rest[1])
	}
	before := text[:at]
	n := len(before)
	return bytes.HasSuffix(before, []byte("…")) || bytes.HasSuffix(before, []byte("••")) ||
		n >= 2 && isMask(before[n-1]) && isMask(before[n-2]) || n >= 2 && (before[n-1] == '>' || before[n-1] == ']') && isLetter(before[n-2])
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
	isSeparator := func(i int) bool {
		c := folded[i]
		return (c == '-' || c == '_' || c == ':' || c == '.') && i > 0 && i+1 < len(folded) && isAlnum(folded[i-1]) && isAlnum(folded[i+1])
	}
	for i := range folded {
		if isSeparator(i) {
			if joined == nil {
				joined, from = make([]byte, 0, len(folded)), make([]int, 0, len(folded))
				for j := range i {
					joined, from = append(joined, folded[j]), append(from, j)
				}
			}
			continue
		}
		if joined != nil {
			joined, from = append(joined, folded[i]), append(from, i)
		}
	}
	return joined, from
}

// eachIndex calls add with every place text holds sub, overlapping ones included.
func eachIndex(text, sub []byte, add func(at, end int)) {
	if len(sub) == 0 {
		return
	}
	for from := 0; from+len(sub) <= len(text); {
		i := bytes.Index(text[from:], sub)
		if i < 0 {
			return
		}
		add(from+i, from+i+len(sub))
		from += i + 1
	}
}

// eachStretch calls add with every longest stretch of text whose bytes are all in, minimum
// bytes or longer.
func eachStretch(text []byte, in func(byte) bool, minimum int, add func(lo, hi int)) {
	for i := 0; i < len(text); {
		if !in(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && in(text[j]) {
			j++
		}
		if j-i >= minimum {
			add(i, j)
		}
		i = j
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
