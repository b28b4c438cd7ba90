package secrettest

import "testing"

// The tests plant the key as PHP writes it, so each PHP form must be the very bytes PHP writes.
// The characters on each side of every range rawurlencode leaves alone (` a z { @ A Z [ / 0 9 :)
// pin those ranges exactly, urlencode escapes ~ where rawurlencode does not, and a key holding
// "/" has a lower-case form of its own.
func TestPHPFormsAreWhatPHPWrites(t *testing.T) {
	t.Parallel()
	const key = "`az{@AZ[/09:-_.~"
	for _, tc := range []struct{ encoding, want string }{
		{"PHP rawurlencode", "%60az%7B%40AZ%5B%2F09%3A-_.~"},
		{"PHP urlencode", "%60az%7B%40AZ%5B%2F09%3A-_.%7E"},
		{"lower-case percent escapes", "%60az%7b%40AZ%5b%2f09%3a-_.~"},
		{"PHP json_encode", "`az{@AZ[\\/09:-_.~"},
	} {
		if got := Encode(tc.encoding, key); got != tc.want {
			t.Errorf("%s(%q) = %q, want %q", tc.encoding, key, got, tc.want)
		}
	}
	// json_encode escapes " \ / and control characters, and writes non-ASCII as UTF-16 units.
	if got, want := phpJSONEncode("\"\\/\x1f !~\u007f\u0080é😀"), `\"\\\/\u001f !~`+"\u007f"+`\u0080\u00e9\ud83d\ude00`; got != want {
		t.Errorf("phpJSONEncode = %q, want %q", got, want)
	}
}

// lowerHex only lowers complete escapes: an escape cut at the end of a text is left as it is.
func TestLowerHexLeavesACutEscape(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"%2F%3A": "%2f%3a", "ab%2": "ab%2", "ab%": "ab%", "%2F%": "%2f%"} {
		if got := lowerHex(in); got != want {
			t.Errorf("lowerHex(%q) = %q, want %q", in, got, want)
		}
	}
}
