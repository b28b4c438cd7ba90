package gateway

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func TestNormalizeNumber(t *testing.T) {
	t.Parallel()
	valid := map[string]string{
		"380501234567":       "380501234567",
		"+380 50 123 45 67":  "380501234567",
		"380-50-123-4567":    "380501234567",
		"+1 (555) 010.0199":  "15550100199",
		" +44 20 7946 0958 ": "442079460958",
		"1234567":            "1234567",
		"123456789012345":    "123456789012345",
	}
	for in, want := range valid {
		if got, err := NormalizeNumber(in); err != nil || got != want {
			t.Errorf("NormalizeNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	invalid := map[string]string{
		"":                 "0 digits",
		"123456":           "6 digits",
		"1234567890123456": "16 digits",
		"++380501234567":   "only digits",
		"380 50 123 45 6x": "only digits",
		"380501234567#":    "only digits",
		"0x380501234567":   "only digits",
		"３８０５０１２３４５６７":     "only digits", // full-width digits are not ASCII digits
		"0501234567":       "starts with 0",
		"+0501234567":      "starts with 0",
		"00380501234567":   "starts with 0",
	}
	for in, want := range invalid {
		if got, err := NormalizeNumber(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NormalizeNumber(%q) = %q, %v; want an error about %q", in, got, err, want)
		}
	}
}

func TestParsePrice(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	cases := []struct {
		body, amount, currency, reason string
	}{
		{body: "price:1.2 currency:UAH", amount: "1.2", currency: "UAH"},
		{body: "currency:UAH price:1.2", amount: "1.2", currency: "UAH"},
		{body: "price:0.730000000000000001\ncurrency:EUR\n", amount: "0.730000000000000001", currency: "EUR"},
		{body: "price:2 currency:USD operator:kyivstar", amount: "2", currency: "USD"},
		{body: "price:1.2", reason: "no currency"},
		{body: "currency:UAH", reason: "no price"},
		{body: "price:abc currency:UAH", reason: "price is not a decimal"},
		{body: "price:1.2 currency:U-AH", reason: "not a currency code"},
		{body: "price:1 price:2 currency:UAH", reason: "appears twice"},
		{body: "price:1.2currency:UAH", reason: "price is not a decimal"},
		{body: "<html>", reason: "name:value"},
		{body: "\ufeffprice:1.2 currency:UAH", amount: "1.2", currency: "UAH"},
		{body: "price:1.2E-9 currency:BTC", amount: "0.0000000012", currency: "BTC"},
		{body: "price:1e401 currency:UAH", reason: "beyond the 1e±400"},
	}
	for _, tc := range cases {
		got, err := parsePrice("380501234567", []byte(tc.body), r)
		if tc.reason == "" {
			if err != nil || got.Amount.String() != tc.amount || got.Currency != tc.currency {
				t.Errorf("parsePrice(%q) = %v %q, %v", tc.body, got.Amount, got.Currency, err)
			}
			continue
		}
		var protoErr *ProtocolError
		if !errors.As(err, &protoErr) || !strings.Contains(protoErr.Reason, tc.reason) {
			t.Errorf("parsePrice(%q) error = %v, want a protocol error about %q", tc.body, err, tc.reason)
		}
	}
	// An errors: field anywhere is a refusal, whatever else the answer holds.
	for _, body := range []string{"errors:Unknown destination", "price:1.2 currency:UAH errors:blocked", "price:1.2 currency:UAH\rerrors:blocked"} {
		if p, err := parsePrice("380501234567", []byte(body), r); !errors.As(err, new(*APIError)) {
			t.Errorf("parsePrice(%q) = %v, %v; want the gateway's refusal", body, p.Amount, err)
		}
	}
}

// A price of zero or below is the gateway's "not delivered there": never a price. So is what
// PHP's float arithmetic leaves of a zero, and anything else below MinPrice.
func TestParsePriceZeroIsNoPrice(t *testing.T) {
	t.Parallel()
	r := newRedactor(testKey)
	for _, body := range []string{
		"price:0 currency:UAH", "price:0.00 currency:UAH", "price:-1.2 currency:UAH", "price:0E-5 currency:UAH",
		"price:5.551115123125783E-17 currency:UAH", "price:1e-40 currency:UAH", "price:0.00000000000099 currency:UAH",
	} {
		p, err := parsePrice("380501234567", []byte(body), r)
		var noPrice *NoPriceError
		if !errors.As(err, &noPrice) || noPrice.Number != "380501234567" ||
			!strings.Contains(err.Error(), "no price for +380501234567") || !strings.Contains(err.Error(), "not supported") {
			t.Errorf("parsePrice(%q) = %v, %v; want a *NoPriceError naming the number", body, p.Amount, err)
		}
	}
}

// Prices go through the same request path (POST included), and each number is asked once.
func TestPriceThroughClient(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, "1")
	g.SetPrice("380", "1.2", "UAH")
	g.SetPrice("38067", "1.35", "UAH")
	cfg := testConfig(g.URL, &logSink{})
	cfg.Method = MethodPost
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 3 {
		for number, want := range map[string]string{"+380 50 123 45 67": "1.2", "380-67-123-4567": "1.35"} {
			p, err := c.Price(ctx, number)
			if err != nil || p.Amount.String() != want || p.Currency != "UAH" {
				t.Fatalf("Price(%q) = %v, %v; want %s UAH", number, p, err, want)
			}
		}
	}
	reqs := g.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want one per number", len(reqs))
	}
	for _, r := range reqs {
		if r.Command != "price" || r.KeyInQuery || strings.Trim(r.Param("to"), "0123456789") != "" {
			t.Errorf("request = %+v", r)
		}
	}
	if _, err := c.Price(ctx, "1999999999"); !errors.As(err, new(*APIError)) {
		t.Errorf("unknown destination gave %v, want the gateway's error", err)
	}
	if _, err := c.Price(ctx, "12"); err == nil || len(g.Requests()) != 3 {
		t.Errorf("an invalid number was sent (err %v, %d requests)", err, len(g.Requests()))
	}
}
