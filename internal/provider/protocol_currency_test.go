package provider_test

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// Money in two currencies is never compared where the configuration names one: a block's
// currency against the balance (both forms) or the price, naming both; the provider's currency
// against both; a balance whose currency the gateway does not name fails closed; the gateway's
// case does not matter.
func TestProtocol_currencies(t *testing.T) {
	t.Parallel()
	const noJSON = "no JSON API"
	for _, tc := range []struct {
		name, gateway, provider, what string
		args                          map[string]any
		want                          string // the first error's summary and attribute, or "" for none
	}{
		{name: "a balance in the block's currency", gateway: "uah", what: "balance", args: map[string]any{"currency": "UAH"}},
		{name: "a balance in another", gateway: "UAH", what: "balance",
			args: map[string]any{"currency": "usd", "message_price": big.NewFloat(2), "minimum_messages": big.NewFloat(1)},
			want: "Balance in another currency on currency: The gateway reports a balance of 5 UAH, and currency says the amounts here are in usd."},
		{name: "a balance without a currency", gateway: noJSON, what: "balance", args: map[string]any{"currency": "UAH"},
			want: "Balance currency unknown on currency: The gateway reports a balance of 5 without naming its currency"},
		{name: "a balance without a currency, none expected", gateway: noJSON, what: "balance", args: map[string]any{"minimum": big.NewFloat(1)}},
		{name: "a price in another", gateway: "UAH", what: "price", args: map[string]any{"to": "380501234567", "currency": "EUR"},
			want: "Price in another currency on currency: The gateway reports a price of 1.2 UAH, and currency says the amounts here are in EUR."},
		{name: "the provider's currency against the balance", gateway: "UAH", provider: "USD", what: "balance", args: map[string]any{},
			want: "Account in another currency on : Could not read the balance: the gateway reports the balance in UAH, and the provider's currency is USD"},
		{name: "the provider's currency against the price", gateway: "UAH", provider: "USD", what: "price", args: map[string]any{"to": "380501234567"},
			want: "Price in another currency on : Could not read the price of a message to the number in to: the gateway quotes the price in UAH"},
		{name: "the provider's currency and no JSON API", gateway: noJSON, provider: "UAH", what: "balance", args: map[string]any{},
			want: "Currency unknown on : Could not read the balance: the gateway does not name the currency of the balance"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetAccount(acctest.Key, "5")
			g.SetPrice("380", "1.2", "UAH")
			if g.JSON = tc.gateway != noJSON; g.JSON {
				g.SetCurrency(acctest.Key, tc.gateway)
			}
			forms := []string{"data source", "ephemeral resource"}
			if tc.what == "price" {
				forms = []string{"price"}
			}
			for _, form := range forms {
				s := newSession(t)
				if diags := s.configure(map[string]any{"endpoint": g.URL, "api_key": acctest.Key, "currency": tc.provider}); len(diags) != 0 {
					t.Fatalf("configure: %+v", diags)
				}
				var diags []*tfprotov6.Diagnostic
				switch form {
				case "data source":
					_, diags = s.read(tc.args)
				case "ephemeral resource":
					_, diags = s.open(tc.args)
				default:
					resp, err := s.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
						TypeName: "gateway_sms_price", Config: object(t, priceType, tc.args)})
					if err != nil {
						t.Fatal(err)
					}
					diags = resp.Diagnostics
				}
				got := ""
				if len(diags) > 0 {
					got = diags[0].Summary + " on " + attributeName(diags[0]) + ": " + diags[0].Detail
				}
				if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
					t.Errorf("%s: got %q, want it to start %q", form, got, tc.want)
				}
			}
		})
	}
}

// A balance shows its currency as the gateway names it, and null where it names none.
func TestProtocol_currencyShown(t *testing.T) {
	t.Parallel()
	for currency, json := range map[string]bool{"UAH": true, "": false} {
		g := gatewaytest.Start(t)
		g.SetAccount(acctest.Key, "5")
		if g.JSON = json; json {
			g.SetCurrency(acctest.Key, currency)
		}
		s := newSession(t)
		if diags := s.configure(map[string]any{"endpoint": g.URL, "api_key": acctest.Key}); len(diags) != 0 {
			t.Fatalf("configure: %+v", diags)
		}
		resp, err := s.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
			TypeName: "gateway_balance", Config: object(t, balanceType, map[string]any{})})
		if err != nil || hasError(resp.Diagnostics) {
			t.Fatalf("read: %v %+v", err, resp.Diagnostics)
		}
		value, err := resp.State.Unmarshal(balanceType)
		if err != nil {
			t.Fatal(err)
		}
		var attrs map[string]tftypes.Value
		if err := value.As(&attrs); err != nil {
			t.Fatal(err)
		}
		if got := attrs["currency"]; currency == "" && !got.IsNull() || currency != "" && !got.Equal(tftypes.NewValue(tftypes.String, currency)) {
			t.Errorf("currency %q: the balance shows %v", currency, got)
		}
	}
}
