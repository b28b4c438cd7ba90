package secret

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
)

// echoes are the forms of the key a gateway writes itself, not by escaping it: a run of it,
// cut or in another case; an end of it beside a mask; the whole of it in base64 or hex.
type echoes struct {
	folded []byte              // the key with its ASCII letters in lower case
	grams  map[string]struct{} // every EchoRun-long run of folded
	base64 [][]byte            // the key in base64, every alphabet and alignment, padded or not
	hexKey []byte              // the key in hex, lower case
}

func echoesOf(key string) echoes {
	e := echoes{folded: fold([]byte(key)), grams: map[string]struct{}{}}
	for i := 0; i+EchoRun <= len(e.folded); i++ {
		e.grams[string(e.folded[i:i+EchoRun])] = struct{}{}
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
			start := (skip*4 + 2) / 3 // the first character free of the bytes before
			if skip == 0 {
				start = 0
			}
			stable := encoded[start:]
			if rest := (skip + len(key)) % 3; rest != 0 { // the last group also holds padding
				stable = stable[:len(stable)-4]
			}
			if len(stable) >= EchoRun {
				e.base64 = append(e.base64, stable)
			}
		}
	}
	return e
}

// find is the leftmost, then longest, echo of the key in text: [at, end).
func (e echoes) find(text []byte) (at, end int, found bool) {
	if len(e.folded) == 0 {
		return 0, 0, false
	}
	consider := func(l, h int) {
		if !found || l < at || l == at && h > end {
			at, end, found = l, h, true
		}
	}
	for _, b := range e.base64 {
		if i := bytes.Index(text, b); i >= 0 {
			consider(i, i+len(b))
		}
	}
	folded := fold(text)
	if i := bytes.Index(folded, e.hexKey); i >= 0 {
		consider(i, i+len(e.hexKey))
	}
	if len(e.grams) > 0 {
		for i := 0; i+EchoRun <= len(folded); i++ {
			if _, ok := e.grams[string(folded[i:i+EchoRun])]; ok {
				j := i + EchoRun
				for j < len(folded) && bytes.Contains(e.folded, folded[i:j+1]) {
					j++
				}
				consider(i, j)
				break // the leftmost; the run found is the longest starting there
			}
		}
	}
	if l, h, ok := e.maskedEnd(folded); ok {
		consider(l, h)
	}
	return at, end, found
}

// maskedEnd finds the key's first characters followed by a mask (Zq7W***, Zq7W...) or its last
// characters after one (****Nb2V): CutRun characters or more.
func (e echoes) maskedEnd(folded []byte) (at, end int, found bool) {
	for n := min(len(e.folded)-1, EchoRun-1); n >= CutRun; n-- {
		head, tail := e.folded[:n], e.folded[len(e.folded)-n:]
		for from := 0; ; {
			i := bytes.Index(folded[from:], head)
			if i < 0 {
				break
			}
			i += from
			if maskAt(folded, i+n, 1) {
				return i, i + n, true
			}
			from = i + 1
		}
		for from := 0; ; {
			i := bytes.Index(folded[from:], tail)
			if i < 0 {
				break
			}
			i += from
			if maskAt(folded, i, -1) {
				return i, i + n, true
			}
			from = i + 1
		}
	}
	return 0, 0, false
}

// maskAt reports whether the text holds a mask just after (dir 1) or just before (dir -1)
// position at: two or more of * . • # in a row, or an ellipsis.
func maskAt(text []byte, at, dir int) bool {
	if dir > 0 {
		rest := text[at:]
		return bytes.HasPrefix(rest, []byte("…")) || len(rest) >= 2 && isMask(rest[0]) && isMask(rest[1]) ||
			bytes.HasPrefix(rest, []byte("••"))
	}
	before := text[:at]
	return bytes.HasSuffix(before, []byte("…")) || len(before) >= 2 && isMask(before[len(before)-1]) && isMask(before[len(before)-2]) ||
		bytes.HasSuffix(before, []byte("••"))
}

func isMask(c byte) bool { return c == '*' || c == '.' || c == '#' }

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
