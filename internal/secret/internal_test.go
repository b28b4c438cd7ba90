package secret

import (
	"slices"
	"strings"
	"testing"
)

// The sizes of a partial echo in each alphabet, as DESIGN.md gives them.
func TestPartialEchoSizes(t *testing.T) {
	t.Parallel()
	for key, want := range map[string][2]int{
		"34770095092058739723":             {10, 7},
		"6a7a11212a027c89c4e929d01c7ea466": {8, 5},
		"zq7wx9kp3lm5nb2v":                 {7, 4},
		"zq7w~x9kp/3lm5+nb2v":              {7, 4},
	} {
		if got := [2]int{runFor([]byte(key), EchoBits), runFor([]byte(key), MaskedEndBits)}; got != want {
			t.Errorf("%s: run and masked end %v, want %v", key, got, want)
		}
	}
}

// withoutSeparators takes out only the single separators that stand between two letters or
// digits, and says where each byte left was.
func TestWithoutSeparators(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, joined string
		from         []int
	}{
		{"5a:71.x_9-k", "5a71x9k", []int{0, 1, 3, 4, 6, 8, 10}},
		{"x.9", "x9", []int{0, 2}}, {"x_9", "x9", []int{0, 2}}, {"x-9", "x9", []int{0, 2}}, {"x:9", "x9", []int{0, 2}},
		{"kq8v-:zr3m", "", nil}, // two in a row: neither
		{"kq8v:-zr3m", "", nil},
		{"-ab", "", nil}, {"ab-", "", nil}, {"*-ab", "", nil}, {"ab-*", "", nil},
	} {
		joined, from := withoutSeparators([]byte(tc.text))
		if string(joined) != tc.joined || !slices.Equal(from, tc.from) {
			t.Errorf("withoutSeparators(%q) = %q, %v; want %q, %v", tc.text, joined, from, tc.joined, tc.from)
		}
	}
}

// The character classes are exactly the ASCII sets they name: not the bytes beside a range's
// ends, not a byte of a character outside ASCII.
func TestCharacterClasses(t *testing.T) {
	t.Parallel()
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for _, tc := range []struct {
		name string
		in   func(byte) bool
		set  string
	}{
		{"isLetter", isLetter, letters},
		{"isAlnum", isAlnum, letters + "0123456789"},
		{"isHexDigit", isHexDigit, "0123456789abcdefABCDEF"},
		{"isBase64Char", isBase64Char, letters + "0123456789+/-_"},
		{"isMask", isMask, "*.#_-"},
	} {
		for c := range 256 {
			if got, want := tc.in(byte(c)), strings.IndexByte(tc.set, byte(c)) >= 0; got != want {
				t.Errorf("%s(%q) = %v", tc.name, byte(c), got)
			}
		}
	}
}
