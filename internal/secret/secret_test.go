package secret_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// keyAlphabet is wide on purpose: every character URL, JSON and HTML escaping treat
// specially, non-ASCII letters, and one character outside the BMP.
var keyAlphabet = []rune("abcdefXYZ0123456789~/&\\+%=#<>?;:@$!*()[]{},.-_^|éжü中𝒳")

// randomKey is a key of 8 to 24 characters over keyAlphabet.
func randomKey(rng *rand.Rand) string {
	n := 8 + rng.IntN(17)
	runes := make([]rune, n)
	for i := range runes {
		runes[i] = keyAlphabet[rng.IntN(len(keyAlphabet))]
	}
	return string(runes)
}

// placements are the texts a key comes back in: a gateway's errors: line, a redirect's
// Location, a transport error, an HTML page, a JSON log line.
var placements = []func(form string) string{
	func(form string) string { return "errors:Invalid key " + form },
	func(form string) string {
		return "https://elsewhere.example/api/http.php?version=http&key=" + form + "&command=balance"
	},
	func(form string) string { return `dial tcp: lookup ` + form + `.example: no such host` },
	func(form string) string { return "<p>Key " + form + " is not valid</p>" },
	func(form string) string { return `{"@message":"denied","key":"` + form + `"}` },
}

// Random keys, each in every encoding and every pair of encodings, in every placement:
// found, and redacted to nothing findable, with the text around them kept.
func TestFindsEveryEncodingAndPair(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(15, 16))
	for range 40 {
		key := randomKey(rng)
		f := secret.NewFinder(key)
		for _, outer := range secrettest.Encodings {
			for _, inner := range secrettest.Encodings {
				form := outer.Encode(inner.Encode(key))
				for i, place := range placements {
					text := place(form)
					if _, _, found := f.Find(text); !found {
						t.Fatalf("key %q as %s(%s(key)) = %q: not found in placement %d: %s", key, outer.Name, inner.Name, form, i, text)
					}
					redacted := f.Redact(text)
					if lo, hi, found := f.Find(redacted); found {
						t.Fatalf("key %q as %s(%s(key)): %q still holds %q after redaction", key, outer.Name, inner.Name, redacted, redacted[lo:hi])
					}
					if want := place(secret.Marker); redacted != want {
						t.Fatalf("key %q as %s(%s(key)): redacted to %q, want %q", key, outer.Name, inner.Name, redacted, want)
					}
				}
			}
		}
	}
}

// Three layers: a JSON string percent-encoded by a proxy, then again.
func TestFindsThreeLayers(t *testing.T) {
	t.Parallel()
	const key = `k/y\&é~Zq81`
	form := secrettest.Encode("PHP urlencode", secrettest.Encode("PHP urlencode", secrettest.Encode("PHP json_encode", key)))
	if got := secret.NewFinder(key).Redact("x=" + form + ";"); got != "x="+secret.Marker+";" {
		t.Fatalf("Redact(%q) = %q", form, got)
	}
}

// A key holding what looks like an escape is found as it is, and where something undid that
// escape: "%41" stays "%41" when only HTML escapes were undone; a bell stands for its "\a".
func TestKeyHoldingEscapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ key, text string }{
		{"ab%41cd&x12", "ab%41cd&amp;x12"},
		{"ab%41cd&x12", "ab%2541cd%26x12"},
		{`key\apart-Zq81`, "key\apart-Zq81"},
		{`k\u0041y12345`, `k\\u0041y12345`},
	} {
		if got := secret.NewFinder(tc.key).Redact("<" + tc.text + ">"); got != "<"+secret.Marker+">" {
			t.Errorf("key %q in %q: redacted to %q", tc.key, tc.text, got)
		}
	}
}

// Text without the key is left exactly as it is, escapes and all.
func TestRedactLeavesOtherTextAlone(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("test~key/+&=Zq81")
	for _, text := range []string{
		"", "balance:31.1", `{"a":"\u0026amp; %7E \\ \/"}`, "&amp;&lt;&#x7e;%zz%", strings.Repeat("%25", 100),
		"test~", "Zq81", "+&=Zq", // shorter than a run of EchoBits, and no mask beside an end
	} {
		if got := f.Redact(text); got != text {
			t.Errorf("Redact(%q) = %q", text, got)
		}
	}
}

// A cut anywhere inside any form of the key, at the end of a text, leaves fewer than CutRun
// of the key's characters: checked by looking for the encoded form of the key's first CutRun
// characters, not through the finder.
// A cut inside an escaped start of the key, in a text with no space or quote, leaves none of it.
func TestCutInsideAnEscapeWithoutBreaks(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("~/+&Zq7Wx9Kp3Lm5")
	for text, want := range map[string]string{
		"k=%7E%2F%2B%26Zq7W": "k=" + secret.Marker, // eight of the key's characters, escaped
		"k=%7E%2F%2B%26%5":   "k=" + secret.Marker, // four, and the start of an escape
	} {
		if got := f.RedactCut(text); got != want {
			t.Errorf("RedactCut(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestCutLeavesNoRunOfTheKey(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for range 40 {
		key := randomKey(rng)
		f := secret.NewFinder(key)
		head := string([]rune(key)[:secret.CutRun])
		for _, enc := range secrettest.Encodings {
			form := enc.Encode(key)
			for cut := 0; cut <= len(form); cut++ {
				text := "errors:Invalid key " + form[:cut]
				got := f.RedactCut(text)
				if strings.Contains(got, enc.Encode(head)) {
					t.Fatalf("key %q as %s cut at %d: %q shows %q", key, enc.Name, cut, got, enc.Encode(head))
				}
				if !strings.HasPrefix(got, "errors:Invalid key ") {
					t.Fatalf("key %q as %s cut at %d: the text before the key was lost: %q", key, enc.Name, cut, got)
				}
			}
		}
	}
}

// A key that the marker holds is redacted with another marker, so the redaction cannot show it.
func TestMarkerNeverShowsTheKey(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("redacted")
	got := f.Redact("errors:bad key redacted")
	if strings.Contains(got, "redacted") {
		t.Fatalf("Redact = %q", got)
	}
}

func BenchmarkRedactEscaped(b *testing.B) {
	f := secret.NewFinder("test~key/+&=Zq81")
	text := fmt.Sprintf("<html><body><p>Invalid key %s</p>%s</body></html>", secrettest.Encode("PHP urlencode", secrettest.Encode("Go encoding/json", "test~key/+&=Zq81")), strings.Repeat("&amp; %20 ", 50))
	for b.Loop() {
		f.Redact(text)
	}
}

// A run of thousands of copies, raw or escaped, has each replaced, and none shown.
func TestManyCopiesEachReplaced(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("abcdefgh")
	for _, text := range []string{strings.Repeat("abcdefgh", 5000), strings.Repeat("abcdefgh%20", 5000)} {
		if got := f.Redact(text); strings.Contains(got, "abcdefgh") || strings.Contains(got, "bcdefg") {
			t.Errorf("5000 copies: the key is shown: …%s", got[max(0, len(got)-30):])
		}
	}
	if got := f.Redact(strings.Repeat("abcdefgh-", 3000)); got != strings.Repeat(secret.Marker+"-", 3000) {
		t.Errorf("3000 copies: %.60s…, want each replaced", got)
	}
	// Copies side by side are one stretch of the key: one marker.
	if got := f.Redact("key=abcdefghabcdefgh!"); got != "key="+secret.Marker+"!" {
		t.Errorf("two copies side by side: %q", got)
	}
}

// Redaction's work grows with the text, not with how many forms and echoes it holds: eight
// times the hostile text (an echo and three kinds of escape every 20 bytes) takes about eight
// times as long, where a search per form took sixty-four. Timed as a ratio in one run, the
// fastest of three, so that a noisy machine does not decide it.
func TestRedactionIsLinear(t *testing.T) {
	f := secret.NewFinder("Zq7Wx9Kp3Lm5Nb2V")
	unit := "Zq7Wx9%5C&amp;\u0041"
	timeOf := func(n int) time.Duration {
		text := strings.Repeat(unit, n)
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			f.Redact(text)
			best = min(best, time.Since(start))
		}
		return best
	}
	small, large := timeOf(400), timeOf(3200)
	t.Logf("8 KiB in %v, 64 KiB in %v", small, large)
	if ratio := float64(large) / float64(small); ratio > 24 {
		t.Fatalf("8× the text took %.0f× as long (%v, then %v): redaction is not linear", ratio, small, large)
	}
}
