package secret_test

import (
	"encoding/base64"
	"encoding/hex"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// echoRun is the shortest run found anywhere of a key of 16 letters and digits: EchoBits tell
// (TestPartialEchoSizes).
const echoRun = 7

// The gateway's own echoes of the key, each quoted in an errors: line: found, and
// redacted so that no run of echoRun of the key is left, nor a masked end.
func TestFindsTheGatewaysOwnEchoes(t *testing.T) {
	t.Parallel()
	const key = "Zq7Wx9Kp3Lm5Nb2V"
	f := secret.NewFinder(key)
	for _, echo := range []string{
		"key=Zq7Wx9Kp3Lm5Nb2",         // 15 of its 16 characters
		"Invalid API key Zq7Wx9Kp...", // a prefix of 8, then a mask
		"****Nb2V",                    // the last 4 behind a mask
		"Zq7W****",                    // the first 4 before one
		"Zq7W…",                       // or an ellipsis
		"ZQ7WX9KP3LM5NB2V",            // upper case
		"zq7wx9kp3lm5nb2v",            // lower case
		"x9Kp3Lm",                     // a run of echoRun from the middle
		"key: x9kP3lM!",               // in another case
		base64.StdEncoding.EncodeToString([]byte(key)),
		base64.RawURLEncoding.EncodeToString([]byte(key)),
		base64.StdEncoding.EncodeToString([]byte("key=" + key + "&command=balance")), // inside a longer text
		hex.EncodeToString([]byte(key)),
		strings.ToUpper(hex.EncodeToString([]byte(key))),
		"Zq7W-x9Kp-3Lm5-Nb2V",                                          // in groups
		"zq7w_x9kp_3lm5_nb2v",                                          // in groups, another separator and case
		"5a:71:37:57:78:39:4b:70",                                      // half of it in hex with separators
		hex.EncodeToString([]byte("Zq7Wx9Kp")),                         // half of it in hex
		base64.StdEncoding.EncodeToString([]byte("key=Zq7Wx9K")),       // a run of it in base64
		base64.RawURLEncoding.EncodeToString([]byte("Kp3Lm5Nb2V&x=1")), // at another alignment
		"Zq7Wx_____",    // another mask
		"Zq7Wx<hidden>", // a bracketed word
		"[masked]Nb2V",
	} {
		text := "errors:" + echo + " (check it)"
		if _, _, found := f.Find(text); !found {
			t.Errorf("%q: not found", echo)
			continue
		}
		redacted := f.Redact(text)
		if _, _, found := f.Find(redacted); found || !strings.HasPrefix(redacted, "errors:") || !strings.HasSuffix(redacted, " (check it)") {
			t.Errorf("%q: redacted to %q", echo, redacted)
		}
	}
	for _, ordinary := range []string{"Zq7W", "Nb2V.", "x9Kp3", "ZQ7WX", "Invalid key Zq7W.", "balance:31.1", "Zq7W-x", "5a:71:37"} {
		if got := f.Redact(ordinary); got != ordinary {
			t.Errorf("%q, shorter than echoRun and without a mask, was redacted to %q", ordinary, got)
		}
	}
}

// An echo longer than echoRun is redacted whole: no character of the key is left beside the
// marker, whichever part of the key it was.
func TestEchoRedactedWhole(t *testing.T) {
	t.Parallel()
	const key = "Zq7Wx9Kp3Lm5Nb2V"
	f := secret.NewFinder(key)
	for lo := 0; lo+echoRun <= len(key); lo++ {
		for hi := lo + echoRun; hi <= len(key); hi++ {
			if got := f.Redact("key=" + key[lo:hi] + "!"); got != "key="+secret.Marker+"!" {
				t.Fatalf("key[%d:%d] %q redacted to %q", lo, hi, key[lo:hi], got)
			}
		}
	}
}

// A cut inside the key's echo leaves none of it: in hex, with separators too, in base64, in
// another case, in groups. The start the cut left is redacted.
func TestCutInsideAnEncodedEcho(t *testing.T) {
	t.Parallel()
	const key = "Zq7Wx9Kp3Lm5Nb2V"
	f := secret.NewFinder(key)
	for encoded, shortest := range map[string]int{
		hex.EncodeToString([]byte(key)):                               2 * secret.CutRun,
		"5a:71:37:57:78:39:4b:70:33:4c:6d:35:4e:62:32:56":             3*secret.CutRun - 1, // 4 bytes and their separators
		base64.StdEncoding.EncodeToString([]byte(key)):                (secret.CutRun*4 + 2) / 3,
		base64.StdEncoding.EncodeToString([]byte("--key=" + key))[8:]: (secret.CutRun*4 + 2) / 3,
		"ZQ7WX9KP3LM5NB2V":    secret.CutRun, // another case
		"Zq7W-x9Kp-3Lm5-Nb2V": secret.CutRun, // in groups
	} {
		for n := shortest; n < len(encoded); n++ {
			if got := f.RedactCut("dump=" + encoded[:n]); got != "dump="+secret.Marker {
				t.Fatalf("%q cut to %d: %q", encoded, n, got)
			}
		}
	}
}

// A key that holds separators is found echoed without them, or with others.
func TestKeyWithSeparatorsEchoedOtherwise(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("Kq8v-Zr3m-Xw5p")
	for _, echo := range []string{"Kq8vZr3mXw5p", "kq8v:zr3m:xw5p", "Kq8v_Zr3m", "Zr3mXw5p"} {
		if got := f.Redact("key=" + echo + "!"); got != "key="+secret.Marker+"!" {
			t.Errorf("%q redacted to %q", echo, got)
		}
	}
}

// A key outside ASCII is redacted in whole characters: what is left is UTF-8, and a character
// that holds a byte of the echo goes whole (я after ключДо, whose first byte is that of с; Ѻ
// before лю, whose last byte is that of к).
func TestRedactionKeepsUTF8(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("ключДоступа42")
	for text, want := range map[string]string{
		"ключДоступа42": secret.Marker, "x ключДо": "x " + secret.Marker, "ДоступаX": secret.Marker + "X", "ключ…": secret.Marker + "…", "…па42": "…" + secret.Marker,
		"ключДоя": secret.Marker, "Ѻлючx": secret.Marker + "x",
		"Ѻлючдост": "", // two echoes, each in whole characters
	} {
		got := f.Redact("key: " + text)
		if !utf8.ValidString(got) {
			t.Errorf("%q redacted to invalid UTF-8 %q", text, got)
		} else if want != "" && got != "key: "+want {
			t.Errorf("%q redacted to %q, want %q", text, got, "key: "+want)
		}
	}
}

// echoAlphabet is what gateway keys are made of: letters and digits.
const echoAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func randomAlnumKey(rng *rand.Rand, n int) string { return randomOf(rng, echoAlphabet, n) }

// Random keys, of the wide alphabet and of letters and digits, echoed cut at random places, in
// a random mix of cases, masked at either end, in base64 (at every alignment inside a longer
// text) and in hex: each echo is found, and redaction leaves none of it findable.
func TestFindsEchoesOfRandomKeys(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(24, 2))
	for i := range 300 {
		key := randomAlnumKey(rng, 8+rng.IntN(25))
		if i%2 == 0 {
			key = randomKey(rng)
		}
		f := secret.NewFinder(key)
		runes := []rune(key)
		var echoes []string
		if len(runes) >= echoRun {
			lo := rng.IntN(len(runes) - echoRun + 1)
			hi := lo + echoRun + rng.IntN(len(runes)-lo-echoRun+1)
			echoes = append(echoes, mixCase(rng, string(runes[lo:hi])))
		}
		n := secret.CutRun + rng.IntN(len(runes)-secret.CutRun)
		echoes = append(echoes,
			string(runes[:n])+strings.Repeat("*", 2+rng.IntN(8)),
			strings.Repeat(".", 2+rng.IntN(3))+string(runes[len(runes)-n:]),
			string(runes[:n])+"…",
			hex.EncodeToString([]byte(key)), strings.ToUpper(hex.EncodeToString([]byte(key))))
		for skip := range 3 {
			for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding} {
				echoes = append(echoes, enc.EncodeToString([]byte(strings.Repeat("k", skip)+key+"&v=http")))
			}
		}
		for _, echo := range echoes {
			text := "errors:Invalid key " + echo
			if _, _, found := f.Find(text); !found {
				t.Fatalf("key %q: the echo %q is not found", key, echo)
			}
			if lo, hi, found := f.Find(f.Redact(text)); found {
				t.Fatalf("key %q: the echo %q still shows %q after redaction: %q", key, echo, f.Redact(text)[lo:hi], f.Redact(text))
			}
		}
	}
}

// mixCase changes the case of some of the ASCII letters of s.
func mixCase(rng *rand.Rand, s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < unicode.MaxASCII && rng.IntN(2) == 0 {
			if unicode.IsUpper(r) {
				r = unicode.ToLower(r)
			} else {
				r = unicode.ToUpper(r)
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ordinaryGatewayText is what gateways, proxies and web servers answer besides the key:
// refusals in the languages of the operators, error pages, JSON errors, the vendor's own page.
var ordinaryGatewayText = []string{
	"errors:Unknown command", "errors:Invalid API key", "errors:Access denied", "errors:Account blocked",
	"errors:IP address is not allowed", "errors:Not enough money on the balance", "errors:API access is disabled",
	"errors:Too many requests, try again later", "errors:Invalid phone number", "errors:Unknown destination",
	"errors:Недостатньо коштів на балансі", "errors:Невірний ключ API", "errors:Доступ заборонено",
	"errors:Недостаточно средств на счёте", "errors:Неверный ключ", "errors:Сервис временно недоступен",
	"balance:31.168300000000002", "price:1.2 currency:UAH", "balance:-12.5", "balance:5.551115123125783E-17",
	`{"success": false, "error": "Access denied"}`, `{"success": true, "data": [{"success": true, "data": {"amount": 31.1683, "currency": "UAH"}}]}`,
	"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.24.0</center></body></html>",
	"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in to continue</title></head><body><form action=\"/login\" method=\"post\"><input name=\"username\"><input type=\"password\" name=\"password\"><button>Sign in</button></form></body></html>",
	"<html><body><h1>403 Forbidden</h1><p>Request forbidden by administrative rules. Cloudflare Ray ID: 7d3f2a1b9c8e4f56</p></body></html>",
	"Service Temporarily Unavailable", "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.",
	"Your API key, which can be obtained in your personal cabinet under API settings, is sent with every request as the key parameter: /api/http.php?version=http&key=APIKEY&command=balance",
	"The request was rejected because the URL contained a potentially malicious string. Support ID: 13523689471203718445",
	"Warning: mysqli_connect(): (HY000/2002): Connection refused in /var/www/html/api/http.php on line 42",
	"Fatal error: Uncaught Exception: Gateway timeout in /var/www/html/lib/Sms.php:118 Stack trace: #0 {main} thrown",
}

// echoRun is chosen against false matches: over the ordinary text above, random keys of
// letters and digits find no run of echoRun in a million tries of a message, while shorter runs
// would match often enough to garble a refusal's words (printed, for DESIGN.md's figures).
func TestEchoRunAgainstOrdinaryText(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(6, 6))
	const keys = 40000
	lengths := []int{4, 5, echoRun}
	// holding[n][gram]: the messages that hold this run of n, folded, each once.
	holding := map[int]map[string][]int{}
	for _, n := range lengths {
		holding[n] = map[string][]int{}
		for i, msg := range ordinaryGatewayText {
			m := strings.ToLower(msg)
			for j := 0; j+n <= len(m); j++ {
				g := m[j : j+n]
				if held := holding[n][g]; len(held) == 0 || held[len(held)-1] != i {
					holding[n][g] = append(held, i)
				}
			}
		}
	}
	matched := map[int]int{} // n → the (key, message) pairs where the message holds a run of n of the key
	for range keys {
		folded := strings.ToLower(randomAlnumKey(rng, 16))
		for _, n := range lengths {
			messages := map[int]bool{}
			for i := 0; i+n <= len(folded); i++ {
				for _, m := range holding[n][folded[i:i+n]] {
					messages[m] = true
				}
			}
			matched[n] += len(messages)
		}
	}
	tries := keys * len(ordinaryGatewayText)
	for _, n := range lengths {
		t.Logf("runs of %d: %d of %d messages matched a random key (one in %d)", n, matched[n], tries, tries/max(1, matched[n]))
	}
	if matched[echoRun] != 0 {
		t.Fatalf("runs of echoRun (%d) matched %d of %d ordinary messages: raise echoRun", echoRun, matched[echoRun], tries)
	}
	if matched[4] == 0 {
		t.Fatal("runs of 4 never matched: the measure is broken")
	}
}

// Every kind of echo the finder looks for (runs, in groups, in hex and base64, masked ends)
// leaves ordinary text alone, for random keys.
func TestEchoesLeaveOrdinaryTextAlone(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 7))
	for range 5000 {
		f := secret.NewFinder(randomAlnumKey(rng, 16))
		for _, msg := range ordinaryGatewayText {
			if lo, hi, found := f.Find(msg); found {
				t.Fatalf("a random key found %q in the ordinary %q", msg[lo:hi], msg)
			}
		}
	}
}

// A run of echoRun of the key in hex or base64 is found wherever the stretch of digits or
// characters that holds it starts and ends: exactly echoRun bytes, an odd number of hex digits
// (a dump cut mid-byte), a lone base64 character after the last whole group (cut one
// character into the next), and whichever digits and characters it holds ('0', 'a', 'A', 'Z').
func TestFindsARunInHexOrBase64(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("Zq7Wx9Kp3Lm5Nb2V")
	for _, echo := range []string{
		hex.EncodeToString([]byte("Zq7Wx9K")),                            // echoRun bytes, an 'a'
		hex.EncodeToString([]byte("9Kp3Lm5")),                            // a '0'
		hex.EncodeToString([]byte("=Zq7Wx9K"))[1:],                       // from the second digit of a byte
		base64.RawStdEncoding.EncodeToString([]byte("Zq7Wx9Kp3")),        // three whole groups
		base64.StdEncoding.EncodeToString([]byte("Zq7Wx9Kp3L"))[:13],     // and a lone character
		base64.RawStdEncoding.EncodeToString([]byte("Wx9Kp3Lm5")),        // an 'A'
		base64.StdEncoding.EncodeToString([]byte("u&Zq7Wx9K&v1")),        // a 'Z'
		base64.StdEncoding.EncodeToString([]byte("u&Zq7Wx9Kp3Lm5N"))[1:], // from inside a group: decoded from the next
		base64.StdEncoding.EncodeToString([]byte("u&Zq7Wx9Kp3Lm5N"))[2:],
	} {
		text := "errors:" + echo + " (check it)"
		if got, want := f.Redact(text), "errors:"+secret.Marker+" (check it)"; got != want {
			t.Errorf("%q: redacted to %q, want %q", echo, got, want)
		}
	}
}

// A run of the key in base64 is found in both alphabets: the standard one's + and / (here for
// the key's ~), and the URL one's - and _.
func TestFindsARunInEitherBase64(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("Zq~Wx9Kp3Lm5Nb2V")
	for _, echo := range []string{
		base64.RawStdEncoding.EncodeToString([]byte("Zq~Wx9Kp3")), // WnF+V3g5S3Az
		base64.RawURLEncoding.EncodeToString([]byte("Zq~Wx9Kp3")), // WnF-V3g5S3Az
	} {
		if got, want := f.Redact("errors:"+echo+" (check it)"), "errors:"+secret.Marker+" (check it)"; got != want {
			t.Errorf("%q: redacted to %q, want %q", echo, got, want)
		}
	}
}

// A bracketed mask cut to one letter beside an end of the key still marks it: an excerpt
// that stops at "<h" of <hidden>, or starts at "d]" of [masked].
func TestCutBracketedMask(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("Zq7Wx9Kp3Lm5Nb2V")
	for text, want := range map[string]string{
		"errors:Zq7W<h":  "errors:" + secret.Marker + "<h",
		"d]Nb2V (check)": "d]" + secret.Marker + " (check)",
	} {
		if got := f.Redact(text); got != want {
			t.Errorf("Redact(%q) = %q, want %q", text, got, want)
		}
	}
}

// A key too short for a run of EchoBits keeps half of itself hidden: an echo of all but its
// last character is found, for 8 to 10 digits, hex digits, letters and digits.
func TestShortKeysEchoedNearlyWhole(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"12345678", "123456789", "1234567890", "9f8e7d6c", "zq7wx9kp"} {
		f := secret.NewFinder(key)
		for _, echo := range []string{key[:len(key)-1], key[1:], key[:(len(key)+1)/2]} {
			if _, _, found := f.Find("Invalid key " + echo + " (check it)"); !found {
				t.Errorf("key %s: the echo %s is not found", key, echo)
			}
		}
	}
}

// A key shorter than echoRun (the gateway refuses it, but a configuration may hold one) is
// found in the echoes that show CutRun of it or all of it: beside a mask in another case, and
// in base64 inside a longer text, at the alignment where echoRun characters depend on it alone.
func TestShortKeyEchoes(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("Zq7Wx9")
	for _, echo := range []string{
		"ZQ7W***", "***7WX9", // CutRun of it
		"ZQ7WX9***", "***zq7wx9", // all of it
		base64.StdEncoding.EncodeToString([]byte("kZq7Wx9&v=1")), // its own characters: those of "Zq7Wx9" alone
	} {
		text := "errors:" + echo + " (check it)"
		if _, _, found := f.Find(text); !found {
			t.Errorf("%q: not found", echo)
		}
	}
}

// A Basic credential cut inside the key (the key at the third byte of its base64 group) is
// redacted from the first character that depends on the key alone, the characters of the
// user's part kept, once the cut shows the characters of CutRun bytes of the key; a shorter
// cut is left as it is.
func TestRedactCutInsideBase64OfALongerText(t *testing.T) {
	t.Parallel()
	f := secret.NewFinder("Zq7Wx9Kp3Lm5Nb2V")
	enc := base64.StdEncoding.EncodeToString([]byte("u:Zq7Wx9Kp3Lm5Nb2V")) // 18 bytes, no padding
	const start = 3                                                        // (2*4+2)/3: the characters before hold bits of "u:"
	for cut := start; cut < len(enc); cut++ {
		text := "Authorization: Basic " + enc[:cut]
		want := text
		if cut-start >= (secret.CutRun*4+2)/3 {
			want = "Authorization: Basic " + enc[:start] + secret.Marker
		}
		if got := f.RedactCut(text); got != want {
			t.Errorf("cut at %d: RedactCut(%q) = %q, want %q", cut, text, got, want)
		}
	}
}
