package secret

import (
	"strings"
	"testing"
)

// Find says where the key is, as the original text wrote it: the leftmost form, and of the
// forms starting there the longest, in whichever run of the text it stands.
func TestFindReportsTheLeftmostLongestForm(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, key, text, want string
	}{
		{"the key is the whole text", "abcdefgh", "abcdefgh", "abcdefgh"},
		{"in a later run", "abcdefgh", "key: abcdefgh.", "abcdefgh"},
		{"inside a later run", "abcdefgh", "key: x/abcdefgh", "abcdefgh"},
		// Decoding the text moves the raw key: its first copy is found before the encoded one.
		{"the raw key before an encoded one", "ab%41cdefg", "ab%41cdefg/ab%2541cdefg", "ab%41cdefg"},
		// Forms of one key starting at one place: the longest is the form, whichever view found it.
		{"the longest of the forms at one place", `1#u401\&`, `1%23u401%5C%26amp%3B1#u401\&amp;`, "1%23u401%5C%26amp%3B"},
		// A key of escape characters, three times: a decoded view finds a later, longer form.
		{"the first of three copies", "%04#x##uu4%", "%04#x##uu4%ab%04#x##uu4%%04#x##uu4%", "%04#x##uu4%"},
		// The key and its own escapes undone ("abcdefgh\") both start at 0: the longer is the form.
		{"a key holding an escape", `abcdefgh\\`, `x abcdefgh\\`, `abcdefgh\\`},
		// Rare escapes: \U with eight digits, \x with two, and the last rune Unicode has.
		{`\U escape`, "abcdefg😀", `x abcdefg\U0001f600 y`, `abcdefg\U0001f600`},
		{`\x escape`, "abcdefgA", `x abcdefg\x41 y`, `abcdefg\x41`},
		{"the last rune", `abcd\U0010ffffefgh`, "x abcd\U0010ffffefgh y", "abcd\U0010ffffefgh"},
		// HTML references, named in either case and numbered in decimal or hex: each character
		// a reference may hold ('#' only after the '&') at each end of its range.
		{"HTML references", "ζΖΑ&09ab", "x &zeta;&Zeta;&Alpha;&amp;&#x30;&#x39;&#97;b y", "&zeta;&Zeta;&Alpha;&amp;&#x30;&#x39;&#97;b"},
		// An HTML reference is read to its ';' up to 34 bytes (zeros padding a number).
		{"a reference of 34 bytes", "abcdAefg", "x abcd&#0000000000000000000000000000065;efg y", "abcd&#0000000000000000000000000000065;efg"},
		// An echo longer than a run of EchoBits, in another case: the whole of it.
		{"an echo of the key", "Zq7Wx9Kp3Lm5Nb2V", "key=zq7wx9kp3lm5!", "zq7wx9kp3lm5"},
	} {
		lo, hi, found := NewFinder(tc.key).Find(tc.text)
		if !found || tc.text[lo:hi] != tc.want || lo != strings.Index(tc.text, tc.want) {
			t.Errorf("%s: Find(%q) = [%d:%d] %v, want %q", tc.name, tc.text, lo, hi, found, tc.want)
		}
		if got := NewFinder(tc.key).Redact(tc.text); !strings.HasPrefix(got, tc.text[:lo]+Marker) {
			t.Errorf("%s: Redact(%q) = %q", tc.name, tc.text, got)
		}
	}
}

// The key's own escapes undone are looked for when they leave CutRun characters or more:
// "%41%42%43%44" is found as ABCD, but "%41%42%43" does not make every ABC a key.
func TestUnescapedKeyShorterThanCutRunIsNotLookedFor(t *testing.T) {
	t.Parallel()
	if _, _, found := NewFinder("%41%42%43%44").Find("x ABCD y"); !found {
		t.Error("the key %41%42%43%44 written as ABCD was not found")
	}
	if got := NewFinder("%41%42%43").Redact("ABC, as easy as 123"); got != "ABC, as easy as 123" {
		t.Errorf("the key %%41%%42%%43 redacted ordinary text: %q", got)
	}
}

// A cut that leaves the start of the key after other text redacts from there, and only there.
func TestRedactCutKeepsTheTextBefore(t *testing.T) {
	t.Parallel()
	f := NewFinder("abcdefghijklmnop") // long enough that a start of 4 is no run of it
	for text, want := range map[string]string{
		"Invalid key abcdef":  "Invalid key " + Marker,
		"Invalid key x/abcde": "Invalid key x/" + Marker,
		// The start of the key, then an escape cut 34 bytes after its '&' (maxReference + 1):
		// redacted from the key's start, as every cut escape is.
		"Invalid key abcd&#00000000000000000000000000000065": "Invalid key " + Marker,
		// A cut inside an escape of the key, after other text of the same run: that text is kept.
		"Invalid key x/abc%64": "Invalid key x/" + Marker,
	} {
		if got := f.RedactCut(text); got != want {
			t.Errorf("RedactCut(%q) = %q, want %q", text, got, want)
		}
	}
}
