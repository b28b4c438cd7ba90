package gateway

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

func TestExcerpt(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	long := strings.Repeat("x", 200)
	cases := map[string]string{
		"":                             `""`,
		"plain":                        `"plain"`,
		"bell\a and \x1b[31m":          `"bell\a and \x1b[31m"`,
		"key=" + testKey:               `"key=[redacted]"`,
		"enc=test~key%2F%2B%26%3DZq81": `"enc=[redacted]"`,
		long:                           `"` + long[:excerptLimit] + `" (first 80 of 200 bytes)`,
	}
	for body, want := range cases {
		if got := r.excerpt([]byte(body)); got != want {
			t.Errorf("excerpt(%q) = %s, want %s", body, got, want)
		}
	}
}

// What an error or a log line quotes of the network's text is redacted, printable and bounded,
// its cut marked: a transport error's detail, a logged error, a duplicate field's name, a
// panic's words.
func TestQuotedIsRedactedPrintableBounded(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	for text, want := range map[string]string{
		"short":                    "short",
		"bell\a and \x1b[2J":       `bell\a and \x1b[2J`,
		"key=" + testKey + " done": "key=[redacted] done",
		strings.Repeat("z", 50):    strings.Repeat("z", 40) + "…",
	} {
		if got := r.quoted(text, 40); got != want {
			t.Errorf("quoted(%q, 40) = %q, want %q", text, got, want)
		}
	}
	long := "Zz\x1b" + strings.Repeat(testKey+" ", 20000)
	if got := r.quoted(long, 300); strings.Contains(got, testKey) || strings.ContainsRune(got, 0x1b) || len([]rune(got)) > 301 || !strings.HasSuffix(got, "…") {
		t.Errorf("quoted of %d bytes: %q", len(long), got)
	}
}

// A key whose raw form is the start of its encoded form ("k3y%" and "k3y%25") is redacted
// whole in both: the longer form goes first, or "[redacted]25" would be left behind.
func TestRedactLongestFormFirst(t *testing.T) {
	t.Parallel()
	r := newRedactor("k3y%")
	if got := r.finder.Redact("a=k3y%25&b=k3y%"); got != "a=[redacted]&b=[redacted]" {
		t.Fatalf("redact = %q", got)
	}
}

// A gateway that echoes the key with a control character where the key has the backslash
// sequence that escapes it does not get the key printed: redaction runs after the escaping.
// A tab is the hard case: the finder splits text at white space, so only the redaction after
// the escaping (which writes the tab as \t) can find that echo.
func TestEscapingCannotRevealTheKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ key, echo string }{
		{`key\apart-Zq81`, "key\apart-Zq81"}, // a literal backslash and "a"; a bell
		{`key\tpart-Zq81`, "key\tpart-Zq81"}, // a literal backslash and "t"; a tab
	} {
		r := newRedactor(tc.key)
		for what, text := range map[string]string{
			"message": r.message("Invalid key " + tc.echo),
			"excerpt": r.excerpt([]byte("<p>" + tc.echo + "</p>")),
			"shown":   r.shown("dial: " + tc.echo),
		} {
			if strings.Contains(text, tc.key) || !strings.Contains(text, "[redacted]") {
				t.Errorf("%s with the echo %q = %q", what, tc.echo, text)
			}
		}
	}
}

// The gateway's words reach a terminal as text: control characters escaped, a message cut at
// MaxMessageLength, lines past MaxMessages counted, not quoted.
func TestGatewayMessagesBounded(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	if got := r.message("\x1b[2J\x1b[32mAll good\x07\rnext\u200b"); got != `\x1b[2J\x1b[32mAll good\a\rnext\u200b` {
		t.Errorf("message = %q", got)
	}
	long := r.message(strings.Repeat("é", MaxMessageLength+20))
	if !strings.HasPrefix(long, strings.Repeat("é", MaxMessageLength)+"…") || !strings.HasSuffix(long, "(20 more characters)") {
		t.Errorf("long message = %q", long)
	}
	var body strings.Builder
	for i := range 25 {
		fmt.Fprintf(&body, "errors:message %d\n", i)
	}
	_, err := parseBalance([]byte(body.String()), r)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || len(apiErr.Messages) != MaxMessages || apiErr.Omitted != 15 ||
		apiErr.Messages[9] != "message 9" || !strings.HasSuffix(err.Error(), "(and 15 more)") {
		t.Fatalf("error = %v (%+v)", err, apiErr)
	}
}

func TestCheckAPIKey(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]string{
		"":                                  "empty",
		"a":                                 "1 character long",
		"short7!":                           "7 characters long",
		"with space12":                      "space",
		"tab\tinside12":                     "space",
		"line\nbreak12":                     "space",
		"ctl\x01char12":                     "control character",
		`quote"d12345`:                      "quote",
		"single'quote1":                     "quote",
		"back`tick1234":                     "quote",
		"\"quoted-key-123\"":                "quote",
		"\xff\xfenot-utf-8":                 "not valid UTF-8",
		strings.Repeat("k", MaxKeyLength+1): "at most 256",
	} {
		err := CheckAPIKey(key)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckAPIKey(%q) = %v, want an error about %q", key, err, want)
			continue
		}
		if len(key) > 2 && strings.Contains(err.Error(), key) {
			t.Errorf("CheckAPIKey echoes the key: %v", err)
		}
	}
	for _, key := range []string{"abcdefgh", testKey, "k3y%2Fwith/+=&?", "ключ-API-12345"} {
		if err := CheckAPIKey(key); err != nil {
			t.Errorf("CheckAPIKey(%q) = %v", key, err)
		}
	}
}

// An excerpt cut at its limit inside a key that only its quoting made whole (a tab where the key
// has a backslash and a t: the finder's runs end at the tab) shows no run of CutRun of the key,
// whether the cut falls before the tab or inside its quoted form.
func TestExcerptCutInsideAKeyMadeByQuoting(t *testing.T) {
	t.Parallel()
	for _, key := range []string{`key\tpart-Zq81`, `AbCd\tEfGh-Zq81`} {
		r := newRedactor(key)
		echo := strings.ReplaceAll(key, `\t`, "\t")
		for lead := excerptLimit - len(key); lead <= excerptLimit; lead++ {
			got := r.excerpt([]byte(strings.Repeat("x", lead) + echo + " and more"))
			for i := 0; i+secret.CutRun <= len(key); i++ {
				if run := key[i : i+secret.CutRun]; strings.Contains(got, run) {
					t.Errorf("key %q, %d leading bytes: excerpt %s shows %q", key, lead, got, run)
					break
				}
			}
		}
	}
}

// Text of the gateway's that the client puts in an error other than as a message or an
// excerpt is redacted too: a price it does not deliver at, a field name, a redirect's host.
// A redirect's location is redacted before it is parsed, since the parser cuts it at a '/',
// '#', '?' or '@', which the key may hold, and the finder cannot see a key cut in two.
func TestGatewayTextRedactedWherePlaced(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, key string
		answer    roundTripper
		price     bool
	}{
		{"no price, quoted", "12345678", answer(200, nil, "price:-12345678 currency:UAH"), true},
		{"a field twice", "secretkey_abcdef", answer(200, nil, "price:1 currency:UAH secretkey_abcdef:1 secretkey_abcdef:2"), true},
		{"redirect host cut at /", "Abcd1234/efgh5678", answer(302, http.Header{"Location": {"https://Abcd1234/efgh5678"}}, ""), false},
		{"redirect host cut at @", "Abcd1234@efgh5678", answer(302, http.Header{"Location": {"https://Abcd1234@efgh5678/"}}, ""), false},
		{"redirect host cut at #", "Abcd1234#efgh5678", answer(302, http.Header{"Location": {"https://Abcd1234#efgh5678"}}, ""), false},
		{"redirect host cut at ?", "Abcd1234?efgh5678", answer(302, http.Header{"Location": {"//Abcd1234?efgh5678"}}, ""), false},
	} {
		cfg := testConfig("https://gateway.example", &logSink{})
		cfg.APIKey, cfg.MaxRetries, cfg.Transport = tc.key, 0, tc.answer
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if tc.price {
			_, err = c.Price(context.Background(), "380500000000") // no run of the key in the number
		} else {
			_, err = c.Balance(context.Background())
		}
		if err == nil {
			t.Fatalf("%s: no error", tc.name)
		}
		for i := 0; i+secret.CutRun <= len(tc.key); i++ {
			if run := tc.key[i : i+secret.CutRun]; strings.Contains(err.Error(), run) {
				t.Errorf("%s: the error shows %q of the key: %v", tc.name, run, err)
				break
			}
		}
	}
}

// The 16 KiB window a message is read through can end inside a form of the key: a long key,
// percent-encoded three times, echoed until the window ends in it. What the window's cut leaves
// of the form is redacted, since redaction then shrinks the message below its own cut.
func TestWindowEdgeInsideAForm(t *testing.T) {
	t.Parallel()
	key := strings.Repeat("!$()*,;=", 32)
	pct := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	form := pct(pct(pct(key)))
	cfg := testConfig("https://gateway.example", &logSink{})
	cfg.APIKey, cfg.MaxRetries = key, 0
	cfg.Transport = answer(200, nil, "errors:"+strings.Repeat(form, 10)+" tail")
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Balance(context.Background())
	if err == nil {
		t.Fatal("no error")
	}
	for _, head := range encodingsOf(key[:8]) {
		if strings.Contains(err.Error(), pct(pct(head))) || strings.Contains(err.Error(), head) {
			t.Errorf("the error shows the key's first 8 characters as %q: …%s", head, err.Error()[max(0, len(err.Error())-80):])
		}
	}
}

// The window's end is a cut even when what it keeps is short once redacted or counted in
// characters: an echo of the key that it cuts (in another case, in groups) shows none of its
// start in a quoted field, a message or an excerpt. 16 KiB of € is 5,461 characters, under a
// log line's limit; 16 KiB of the key's copies redact to one marker, under a message's.
func TestWindowEndIsACut(t *testing.T) {
	t.Parallel()
	const key = "Zq7Wx9Kp3Lm5Nb2V"
	r := newRedactor(key)
	upper := strings.ToUpper(key)
	for _, echo := range []string{upper, groupsOf(upper), groupsOf(key)} {
		for shown := 1; shown <= 12; shown++ { // the echo's bytes the window keeps
			before := windowBytes - shown
			for name, pad := range map[string]string{
				"wide characters":   strings.Repeat("€", before/3) + strings.Repeat("x", before%3),
				"copies of the key": strings.Repeat(key, before/len(key)) + strings.Repeat(" ", before%len(key)),
			} {
				text := pad + echo + " and more"
				for where, out := range map[string]string{
					"quoted": r.quoted(text, maxLoggedError), "message": r.message(text), "excerpt": r.excerpt([]byte(text)),
				} {
					if got := strings.ToUpper(out); strings.Contains(got, upper[:secret.CutRun]) || strings.Contains(got, groupsOf(upper)[:secret.CutRun+1]) {
						t.Fatalf("%s of %s, the window cutting %q %d bytes in, ends %q", where, name, echo, shown, out[max(0, len(out)-30):])
					}
				}
			}
		}
	}
}

// groupsOf is the key written in groups of four, as a gateway may echo it.
func groupsOf(key string) string {
	var groups []string
	for i := 0; i < len(key); i += 4 {
		groups = append(groups, key[i:min(i+4, len(key))])
	}
	return strings.Join(groups, "-")
}

// A log line quotes an error of any length bounded: maxLoggedError characters and an ellipsis.
func TestLoggedErrorBounded(t *testing.T) {
	t.Parallel()
	logs := &logSink{}
	c, err := New(testConfig("https://gateway.example", logs))
	if err != nil {
		t.Fatal(err)
	}
	r := request{command: "balance", method: http.MethodGet, url: "https://gateway.example/api/http.php"}
	c.logOutcome(context.Background(), "gateway request done", r, 1, nil, errors.New(strings.Repeat("long words ", 6000)), 0)
	line := logs.text()
	if n := utf8.RuneCountInString(line); n > maxLoggedError+200 || !strings.Contains(line, "…") {
		t.Fatalf("the log line is %d characters: …%s", n, line[max(0, len(line)-60):])
	}
}
