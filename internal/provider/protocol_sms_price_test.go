package provider_test

import (
	"context"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// readPrice configures the provider against g and reads gateway_sms_price with set; it returns
// the state's attributes as text ("null" for a null one), or fails the test on any diagnostic.
func readPrice(t *testing.T, g *gatewaytest.Gateway, set map[string]any) map[string]string {
	t.Helper()
	server := acctest.ProtocolServer(t, nil)
	conf, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		Config: object(t, providerType, map[string]any{"endpoint": g.URL, "api_key": acctest.Key}),
	})
	if err != nil || len(conf.Diagnostics) != 0 {
		t.Fatalf("configure: %v %+v", err, conf.Diagnostics)
	}
	read, err := server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: "gateway_sms_price", Config: object(t, priceType, set),
	})
	if err != nil || len(read.Diagnostics) != 0 {
		t.Fatalf("read %v: %v %+v", set, err, read.Diagnostics)
	}
	state, err := read.State.Unmarshal(priceType)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for name, v := range attrs {
		switch {
		case v.IsNull():
			out[name] = "null"
		case v.Type().Is(tftypes.Number):
			var f *big.Float
			if err := v.As(&f); err != nil {
				t.Fatal(err)
			}
			out[name] = f.Text('g', -1)
		default:
			var s string
			if err := v.As(&s); err != nil {
				t.Fatal(err)
			}
			out[name] = s
		}
	}
	return out
}

// A message is priced in all its parts, exactly, and the budget counts whole messages,
// rounded down; without text nothing is counted, without a budget nothing is afforded, and
// a budget of zero, below zero or infinite affords none.
func TestProtocol_smsPriceCountsPartsAndMessages(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "1")
	g.SetPrice("380", "0.1000000000000000055511151231257827", "UAH")
	threeParts := strings.Repeat("a", 307) // 153 + 153 + 1 septets
	for _, tc := range []struct {
		name string
		set  map[string]any
		want map[string]string
	}{
		{"three parts, a budget of exactly 10 messages",
			map[string]any{"to": "380501234567", "text": threeParts, "budget": acctest.Decimal(t, "3.000000000000000166533453693773481")},
			map[string]string{"parts": "3", "encoding": "GSM-7", "message_price": "0.3000000000000000166533453693773481",
				"price": "0.1000000000000000055511151231257827", "number": "380501234567", "currency": "UAH", "affordable_messages": "10"}},
		{"three parts, a budget a hair short of 10 messages",
			map[string]any{"to": "380501234567", "text": threeParts, "budget": acctest.Decimal(t, "3.00000000000000016653345369377348")},
			map[string]string{"affordable_messages": "9"}},
		{"no text", map[string]any{"to": "380501234567", "budget": big.NewFloat(10)},
			map[string]string{"parts": "null", "encoding": "null", "message_price": "null", "affordable_messages": "null"}},
		{"no budget", map[string]any{"to": "380501234567", "text": "hi"},
			map[string]string{"parts": "1", "message_price": "0.1000000000000000055511151231257827", "affordable_messages": "null"}},
		{"a budget of zero", map[string]any{"to": "380501234567", "text": "hi", "budget": big.NewFloat(0)},
			map[string]string{"affordable_messages": "0"}},
		{"a debt", map[string]any{"to": "380501234567", "text": "hi", "budget": big.NewFloat(-5)},
			map[string]string{"affordable_messages": "0"}},
		{"an infinite budget", map[string]any{"to": "380501234567", "text": "hi", "budget": big.NewFloat(math.Inf(1))},
			map[string]string{"affordable_messages": "0"}},
	} {
		got := readPrice(t, g, tc.set)
		for name, want := range tc.want {
			if got[name] != want {
				t.Errorf("%s: %s = %s, want %s", tc.name, name, got[name], want)
			}
		}
	}
}

// A null to (a variable given no value) gets the provider's own error on to, saying what to
// write, not the framework's, which blames the provider.
func TestProtocol_nullToSaysWhatToWrite(t *testing.T) {
	t.Parallel()
	resp, err := acctest.ProtocolServer(t, nil).ValidateDataResourceConfig(context.Background(), &tfprotov6.ValidateDataResourceConfigRequest{
		TypeName: "gateway_sms_price", Config: object(t, priceType, map[string]any{}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Missing phone number" ||
		resp.Diagnostics[0].Attribute.String() != tftypes.NewAttributePath().WithAttributeName("to").String() ||
		!strings.Contains(resp.Diagnostics[0].Detail, `such as "+380501234567"`) {
		t.Fatalf("a null to: %+v", resp.Diagnostics)
	}
}
