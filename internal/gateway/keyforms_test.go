package gateway

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// keyAlphabet is every character URL, JSON and HTML escaping treat specially, non-ASCII
// letters and one character outside the BMP: what a key may hold (CheckAPIKey).
var keyAlphabet = []rune("abcXYZ0123456789~/&\\+%=#<>?;:@$!*()[]{},.-_^|éжü中𝒳")

func randomKey(rng *rand.Rand) string {
	for {
		runes := make([]rune, 8+rng.IntN(17))
		for i := range runes {
			runes[i] = keyAlphabet[rng.IntN(len(keyAlphabet))]
		}
		if key := string(runes); CheckAPIKey(key) == nil {
			return key
		}
	}
}

// roundTripper answers each request without a network.
type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func answer(status int, header http.Header, body string) roundTripper {
	return func(r *http.Request) (*http.Response, error) {
		if header == nil {
			header = http.Header{}
		}
		return &http.Response{StatusCode: status, Header: header, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	}
}

// keyPlacements are the ways an answer can carry the key back: the gateway's errors: line, a
// redirect's Location, an error page's excerpt, a transport error, and an oversize error page
// whose size limit falls inside the key (at the offset cut, from the key's start).
var keyPlacements = map[string]func(form string, cut int) roundTripper{
	"JSON API refusal": func(form string, _ int) roundTripper {
		quoted, _ := json.Marshal("Invalid key " + form)
		return answer(200, nil, `{"success":false,"error":`+string(quoted)+`}`)
	},
	"errors: line": func(form string, _ int) roundTripper {
		return answer(200, nil, "errors:Invalid key "+form)
	},
	"redirect Location": func(form string, _ int) roundTripper {
		return answer(302, http.Header{"Location": {"https://" + form + ".evil.example/api/http.php?key=" + form}}, "")
	},
	"error page": func(form string, _ int) roundTripper {
		return answer(503, nil, "<html><body><h1>Service unavailable</h1><p>"+form+"</p></body></html>")
	},
	"transport error": func(form string, _ int) roundTripper {
		return func(*http.Request) (*http.Response, error) {
			return nil, &net.DNSError{Err: "no such host", Name: form + ".example", IsNotFound: true}
		}
	},
	"cut body": func(form string, cut int) roundTripper {
		line := "errors:Invalid key " + form + "\n"
		pad := MaxBodyBytes - len("errors:Invalid key ") - min(cut, len(form))
		return answer(404, nil, strings.Repeat("x", pad%100)+strings.Repeat(strings.Repeat("p", 99)+"\n", pad/100)+line)
	},
}

// Random keys, each written back in every encoding and every pair of encodings that PHP, Go
// and proxies use, in every placement: neither the error nor the log shows any form of the
// key, nor, where a cut fell inside it, CutRun of its characters. The check is literal: the
// encoded forms are searched for as they are, not through the finder the client uses.
func TestKeyInEveryFormNeverShown(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(15, 2))
	for range 6 {
		key := randomKey(rng)
		var forms []string
		for _, outer := range secrettest.Encodings {
			for _, inner := range secrettest.Encodings {
				forms = append(forms, outer.Encode(inner.Encode(key)))
			}
		}
		head := string([]rune(key)[:secret.CutRun])
		for _, name := range slices.Sorted(maps.Keys(keyPlacements)) { // in order: the seed replays a run
			for _, form := range forms {
				logs := &logSink{}
				cfg := testConfig("https://gateway.example", logs)
				cfg.APIKey = key
				cfg.MaxRetries = 0
				cut := rng.IntN(len(form) + 1)
				cfg.Transport = keyPlacements[name](form, cut)
				c, err := New(cfg)
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.Balance(context.Background())
				if err == nil {
					t.Fatalf("%s: no error", name)
				}
				for what, text := range map[string]string{"the error": err.Error(), "the log": logs.text()} {
					for _, shown := range append(forms, encodingsOf(head)...) {
						if strings.Contains(text, shown) {
							t.Fatalf("key %q, %s as %q (cut at %d): %s shows %q: %s", key, name, form, cut, what, shown, text)
						}
					}
					secrettest.AssertNoKey(t, what, text, key)
				}
			}
		}
	}
}

// encodingsOf is s in every single encoding.
func encodingsOf(s string) []string {
	var out []string
	for _, e := range secrettest.Encodings {
		out = append(out, e.Encode(s))
	}
	return out
}

// A redirect's host is shown as the gateway's words are: a character a terminal would obey
// (an 8-bit CSI, a direction override, a next-line) is escaped.
func TestRedirectHostEscaped(t *testing.T) {
	t.Parallel()
	for _, host := range []string{"%C2%9B31m.evil.example", "evil%E2%80%AE.example", "evil%C2%85.example"} {
		cfg := testConfig("https://gateway.example", &logSink{})
		cfg.Transport = answer(302, http.Header{"Location": {"https://" + host + "/"}}, "")
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Balance(context.Background())
		unescaped, _ := url.PathUnescape(host)
		if err == nil || strings.Contains(err.Error(), unescaped) || !strings.Contains(err.Error(), `\u`) {
			t.Errorf("Location host %s: error = %q", host, err)
		}
	}
}
