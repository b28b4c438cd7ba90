package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

func jsonGateway(t *testing.T) *gatewaytest.Gateway {
	t.Helper()
	g := gatewaytest.Start(t)
	g.JSON = true
	g.SetAccount(testKey, "31.1683")
	return g
}

// The balance comes from the JSON API with its currency, in one POST whose body holds the key:
// the URL never does. Its amount is read from the number's text, exactly.
func TestJSONBalance(t *testing.T) {
	t.Parallel()
	ok := func(amount string) string {
		return `{"success":true,"data":[{"success":true,"data":{"amount":` + amount + `,"currency":"UAH"}}]}`
	}
	for _, tc := range []struct{ name, body, want string }{
		{"the vendor's example", ok("31.1683"), "31.1683 UAH"},
		{"17 significant digits", ok("31.168300000000002"), "31.168300000000002 UAH"},
		{"PHP's float near zero", ok("5.551115123125783E-17"), "0.00000000000000005551115123125783 UAH"},
		{"in debt", ok("-12.5"), "-12.5 UAH"},
		{"the amount as a string", ok(`"31.5"`), "31.5 UAH"},
		{"success as 1", `{"success":1,"data":[{"success":1,"data":{"amount":7,"currency":"USD"}}]}`, "7 USD"},
		{"no success field", `{"data":[{"success":true,"data":{"amount":7,"currency":"USD"}}]}`, "refused : (the gateway sent no message)"},
		{"success as 0 in the result", `{"success":true,"data":[{"success":0,"data":{"amount":7,"currency":"USD"}}]}`, "refused : (the gateway sent no message)"},
		{"Access denied for a direction is no access refusal", `{"success":false,"error":"Access denied for this direction"}`, "refused : Access denied for this direction"},
		{"a byte-order mark first", "\ufeff" + ok("2"), "2 UAH"},
		{"Access denied, with HTTP 200", `{"success":false,"error":"Access denied"}`, "refused access denied: Access denied"},
		{"the IP refused in the result", `{"success":true,"data":[{"success":false,"error":"ERR_IP_DENIED"}]}`, "refused IP denied: ERR_IP_DENIED"},
		{"the API off in words", `{"success":false,"error":"API disabled by user"}`, "refused API disabled: API disabled by user"},
		{"the key echoed, escaped as PHP does", `{"success":false,"error":"Bad key test~key\/+&=Zq81"}`, "refused : Bad key [redacted]"},
		{"no currency", `{"success":true,"data":[{"success":true,"data":{"amount":7}}]}`, "protocol"},
		{"a currency that is none", `{"success":true,"data":[{"success":true,"data":{"amount":7,"currency":"hryvnia"}}]}`, "protocol"},
		{"an amount that is none", ok(`"lots"`), "protocol"},
		{"an amount beyond the bounds", ok("1e9999"), "protocol"},
		{"two results for one request", `{"success":true,"data":[{"success":true},{"success":true}]}`, "protocol"},
		{"a web page", "<html>Welcome</html>", "protocol"},
		{"the HTTP API's answer", "balance:5", "protocol"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := jsonGateway(t)
			g.Script(gatewaytest.Answer{Body: tc.body})
			c, err := New(testConfig(g.URL, &logSink{}))
			if err != nil {
				t.Fatal(err)
			}
			funds, err := c.Balance(context.Background())
			var apiErr *APIError
			got := funds.String()
			switch {
			case errors.As(err, &apiErr):
				got = "refused " + string(apiErr.Refusal) + ": " + strings.Join(apiErr.Messages, "; ")
			case err != nil:
				got = outcome(err)
			}
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %s (%v), want %s", got, err, tc.want)
			}
			reqs := g.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != "POST" || r.Path != gatewaytest.JSONPath || r.RawQuery != "" || r.Key != testKey ||
				r.Command != "balance" || r.Header.Get("Content-Type") != "application/json" || r.UserAgent != "terraform-provider-gateway/test" {
				t.Errorf("request = %s %s?%s %q, Content-Type %q", r.Method, r.Path, r.RawQuery, r.Body, r.Header.Get("Content-Type"))
			}
		})
	}
}

// An operator without the JSON API (404) is asked through the HTTP API's balance command, and
// the client remembers it: the next read is one request. The currency is then unknown.
func TestBalanceFromTheHTTPAPIWhereNoJSON(t *testing.T) {
	t.Parallel()
	g := gatewaytest.New() // JSON off: /api/json.php is not found
	g.SetBalances(testKey, "5", "4")
	var all atomic.Int64 // every request, the JSON API's 404s included
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { all.Add(1); g.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	c, err := New(testConfig(srv.URL, &logSink{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"5", "4"} {
		funds, err := c.FreshBalance(context.Background())
		if err != nil || funds.String() != want || funds.Currency != "" {
			t.Fatalf("funds = %q, %v, want %s and no currency", funds, err, want)
		}
	}
	if n := g.RequestCount(); n != 2 {
		t.Fatalf("the HTTP API got %d requests, want 2", n)
	}
	if n := all.Load(); n != 3 {
		t.Fatalf("%d requests in all, want 3: one 404 of the JSON API, then the HTTP API's", n)
	}
}

// A gateway that writes its currency in lower case is in that currency.
func TestExpectedCurrencyInAnyCase(t *testing.T) {
	t.Parallel()
	g := jsonGateway(t)
	g.SetCurrency(testKey, "uah")
	cfg := testConfig(g.URL, &logSink{})
	cfg.Currency = "UAH"
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if funds, err := c.Balance(context.Background()); err != nil || funds.String() != "31.1683 uah" {
		t.Fatalf("funds = %s, %v", funds, err)
	}
}

// A read over GET logs its URL without the query, where the key is.
func TestGETLogsNoKey(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "5")
	logs := &logSink{}
	cfg := testConfig(g.URL, logs)
	cfg.Method = MethodGet
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Price(context.Background(), "380501234567"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.text(), "/api/http.php") {
		t.Fatalf("no request logged: %s", logs.text())
	}
	if _, _, found := secret.NewFinder(testKey).Find(logs.text()); found {
		t.Fatalf("the log holds the key: %s", logs.text())
	}
}

// Config.Currency fails closed: a balance or a price in another currency, or a balance whose
// currency the gateway does not name, is a *CurrencyError naming both.
func TestExpectedCurrency(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, want string
		json       bool
		read       func(*Client) error
	}{
		{"a balance in UAH", "the balance is in UAH, not USD", true, func(c *Client) error { _, err := c.Balance(context.Background()); return err }},
		{"a balance in no named currency", "the gateway does not name the currency of the balance, and USD is required", false,
			func(c *Client) error { _, err := c.FreshBalance(context.Background()); return err }},
		{"a price in UAH", "the price is in UAH, not USD", true, func(c *Client) error { _, err := c.Price(context.Background(), "380501234567"); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := jsonGateway(t)
			g.JSON = tc.json
			cfg := testConfig(g.URL, &logSink{})
			cfg.Currency = "usd"
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var currencyErr *CurrencyError
			if err := tc.read(c); !errors.As(err, &currencyErr) || err.Error() != tc.want {
				t.Fatalf("error = %v, want %s", err, tc.want)
			}
		})
	}
	g := jsonGateway(t)
	cfg := testConfig(g.URL, &logSink{})
	cfg.Currency = "UAH"
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if funds, err := c.Balance(context.Background()); err != nil || funds.String() != "31.1683 UAH" {
		t.Fatalf("funds = %s, %v", funds, err)
	}
	cfg.Currency = "US dollars"
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "ISO 4217") {
		t.Fatalf("New with a currency that is none: %v", err)
	}
}

// The HTTP API's refusals in the vendor's codes or words are recognised too.
func TestRefusalsOfTheHTTPAPI(t *testing.T) {
	t.Parallel()
	for words, want := range map[string]Refusal{
		"ERR_IP_DENIED":     RefusalIPDenied,
		"ERR_API_DISABLE":   RefusalAPIDisabled,
		"User disabled":     RefusalUserDisabled,
		"ERR_AUTHORIZATION": RefusalAuthorization,
		"ERR_THROTTLE":      RefusalThrottle,
		"Unknown command":   "",
	} {
		g := gatewaytest.Start(t)
		g.Refuse(testKey, words)
		c, err := New(testConfig(g.URL, &logSink{}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Price(context.Background(), "380501234567")
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Refusal != want {
			t.Errorf("errors:%s: %v, refusal %q, want %q", words, err, apiErr.Refusal, want)
		}
	}
}

// The JSON API gets the key as auth in the body, once, and nowhere else: not in the URL, a
// header or another field. Searched with the finder, in any form.
func TestKeyOnlyInTheJSONBody(t *testing.T) {
	t.Parallel()
	g := jsonGateway(t)
	c, err := New(testConfig(g.URL, &logSink{}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Balance(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := g.Requests()[0]
	var body struct {
		Auth string
		Data []map[string]string
	}
	if err := json.Unmarshal([]byte(r.Body), &body); err != nil || body.Auth != testKey || len(body.Data) != 1 || body.Data[0]["type"] != "balance" {
		t.Fatalf("body = %s (%v)", r.Body, err)
	}
	finder := secret.NewFinder(testKey)
	auth, _ := json.Marshal(testKey)
	without := strings.Replace(r.Body, string(auth), `""`, 1)
	places := map[string]string{"the path": r.Path, "the query": r.RawQuery, "the body besides auth": without}
	for name, values := range r.Header {
		places["the "+name+" header"] = strings.Join(values, "\n")
	}
	for where, text := range places {
		if _, _, found := finder.Find(text); found {
			t.Errorf("%s holds the key: %q", where, text)
		}
	}
}

// FuzzParseJSONBalance: any body yields funds or a typed error, never a panic; the amount is
// the number's decimal, exactly (checked with math/big's rationals); no error shows the key.
func FuzzParseJSONBalance(f *testing.F) {
	f.Add(`{"success":true,"data":[{"success":true,"data":{"amount":31.168300000000002,"currency":"UAH"}}]}`)
	f.Add(`{"success":1,"data":[{"success":1,"data":{"amount":"-5.551115123125783E-17","currency":"usd"}}]}`)
	f.Add(`{"success":false,"error":"Access denied ` + testKey + `"}`)
	f.Add(`{"success":true,"data":[{"success":false,"error":"ERR_IP_DENIED"}]}`)
	f.Add("\ufeff<html>")
	r := newRedactor(testKey)
	f.Fuzz(func(t *testing.T, body string) {
		funds, err := parseJSONBalance([]byte(body), r)
		if err == nil {
			var a jsonAnswer
			if json.Unmarshal([]byte(strings.TrimLeft(body, byteOrderMark)), &a) != nil || len(a.Data) != 1 {
				t.Fatalf("%q read as %v", body, funds)
			}
			exact, ok := new(big.Rat).SetString(a.Data[0].Data.Amount.String())
			if !ok || exact.Cmp(funds.Amount.rat()) != 0 || funds.Currency != a.Data[0].Data.Currency {
				t.Fatalf("%q read as %v, not the decimal the gateway sent", body, funds)
			}
			return
		}
		var apiErr *APIError
		var protoErr *ProtocolError
		if !errors.As(err, &apiErr) && !errors.As(err, &protoErr) {
			t.Fatalf("%q: error %T is not a typed error", body, err)
		}
		if strings.Contains(err.Error(), testKey) {
			t.Fatalf("error leaks the key: %v", err)
		}
	})
}
