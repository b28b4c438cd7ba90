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

// balanceRead is what one read of gateway_balance gave: its diagnostics, and its computed
// attributes when it succeeded.
type balanceRead struct {
	diags      []*tfprotov6.Diagnostic
	affordable *big.Float // nil when null
	low        bool
}

// readBalanceAttrs reads gateway_balance with the given arguments, in each form, and fails the
// test when the two forms disagree.
func readBalanceAttrs(t *testing.T, g *gatewaytest.Gateway, args map[string]any) balanceRead {
	t.Helper()
	var reads []balanceRead
	for _, form := range []string{"data source", "ephemeral resource"} {
		s := sessionOn(t, g)
		var result *tfprotov6.DynamicValue
		var r balanceRead
		if form == "data source" {
			resp, err := s.server.ReadDataSource(s.ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "gateway_balance", Config: object(t, balanceType, args)})
			if err != nil {
				t.Fatal(err)
			}
			result, r.diags = resp.State, resp.Diagnostics
		} else {
			resp, err := s.server.OpenEphemeralResource(s.ctx, &tfprotov6.OpenEphemeralResourceRequest{TypeName: "gateway_balance", Config: object(t, balanceType, args)})
			if err != nil {
				t.Fatal(err)
			}
			result, r.diags = resp.Result, resp.Diagnostics
		}
		if result != nil && !hasError(r.diags) {
			value, err := result.Unmarshal(balanceType)
			if err != nil {
				t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := value.As(&attrs); err != nil {
				t.Fatal(err)
			}
			if !attrs["affordable_messages"].IsNull() {
				if err := attrs["affordable_messages"].As(&r.affordable); err != nil {
					t.Fatal(err)
				}
			}
			if err := attrs["low"].As(&r.low); err != nil {
				t.Fatal(err)
			}
		}
		reads = append(reads, r)
	}
	if a, b := summarise(reads[0]), summarise(reads[1]); a != b {
		t.Fatalf("the data source gave %s and the ephemeral resource %s", a, b)
	}
	return reads[0]
}

func summarise(r balanceRead) string {
	var b strings.Builder
	for _, d := range r.diags {
		b.WriteString(d.Summary + " on " + attributeName(d) + ": " + d.Detail + "; ")
	}
	if r.affordable != nil {
		b.WriteString("affordable " + r.affordable.Text('f', -1))
	}
	if r.low {
		b.WriteString(" low")
	}
	return b.String()
}

// A gate in messages counts them exactly as affordable_messages does, in decimal: a balance of
// exactly 800 messages at 2.4 passes a minimum of 800, one unit less does not, and each failure
// or warning names both figures. low is the warning levels' signal, without their text.
func TestProtocol_messageGate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		balance string
		args    map[string]any
		want    string // summarise() of the read
	}{
		{"exactly the minimum", "1920", map[string]any{"message_price": price24, "minimum_messages": big.NewFloat(800)},
			"affordable 800"},
		{"a unit below the minimum", "1919.99", map[string]any{"message_price": price24, "minimum_messages": big.NewFloat(800)},
			"Balance below minimum_messages on minimum_messages: The gateway reports a balance of 1919.99, which pays for 799 messages " +
				"at 2.4 each, fewer than the minimum_messages of 800 that this configuration requires. Top up the account and run the " +
				"plan again, or lower minimum_messages if the work needs fewer.; "},
		{"below the warning level", "7199.99", map[string]any{"message_price": price24, "minimum_messages": big.NewFloat(800),
			"warn_below_messages": big.NewFloat(3000)},
			"Balance is low: 2999 messages below 3000 (api_key) on warn_below_messages: The gateway reports a balance of 7199.99, which " +
				"pays for 2999 messages at 2.4 each, below the warn_below_messages level of 3000, for the account whose key is read from " +
				"api_key. This level only warns: top up the account soon.; affordable 2999 low"},
		{"at the warning level", "7200", map[string]any{"message_price": price24, "warn_below_messages": big.NewFloat(3000)},
			"affordable 3000"},
		{"a warning level equal to the minimum", "7200", map[string]any{"message_price": price24, "minimum_messages": big.NewFloat(800),
			"warn_below_messages": big.NewFloat(800)}, "affordable 3000"},
		{"a warning level below the minimum", "7200", map[string]any{"message_price": price24, "minimum_messages": big.NewFloat(800),
			"warn_below_messages": big.NewFloat(799)},
			"warn_below_messages is below minimum_messages on warn_below_messages: warn_below_messages (799) is lower than minimum_messages " +
				"(800), so its warning can never show: a balance that pays for fewer than minimum_messages fails the read first. Set " +
				"warn_below_messages above minimum_messages, as an early notice.; affordable 3000"},
		{"in debt", "-5", map[string]any{"message_price": price24}, "affordable 0"},
		{"no price, no count", "5", map[string]any{"warn_below": big.NewFloat(1)}, ""},
		{"low in money", "5", map[string]any{"warn_below": big.NewFloat(10)},
			"Balance is low: 5 below 10 (api_key) on warn_below: The gateway reports a balance of 5, below the warn_below level of 10, " +
				"for the account whose key is read from api_key. This level only warns: top up the account soon.;  low"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetAccount(acctest.Key, tc.balance)
			if got := summarise(readBalanceAttrs(t, g, tc.args)); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// price24 is 2.4 as Terraform sends it when written in the configuration: 512 bits.
var price24, _, _ = big.ParseFloat("2.4", 10, 512, big.ToNearestEven)

// A level in messages needs message_price, in each form at validate time, unless message_price
// is not known yet then.
func TestProtocol_levelInMessagesNeedsPrice(t *testing.T) {
	t.Parallel()
	server := acctest.ProtocolServer(t, nil)
	unknown := tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
	for _, tc := range []struct {
		args map[string]any
		want string // the attribute refused, or ""
	}{
		{map[string]any{"minimum_messages": big.NewFloat(800)}, "minimum_messages"},
		{map[string]any{"warn_below_messages": unknown}, "warn_below_messages"},
		{map[string]any{"minimum_messages": big.NewFloat(800), "message_price": unknown}, ""},
		{map[string]any{"warn_below_messages": big.NewFloat(800), "message_price": price24}, ""},
	} {
		ds, err := server.ValidateDataResourceConfig(context.Background(), &tfprotov6.ValidateDataResourceConfigRequest{
			TypeName: "gateway_balance", Config: object(t, balanceType, tc.args)})
		if err != nil {
			t.Fatal(err)
		}
		eph, err := server.ValidateEphemeralResourceConfig(context.Background(), &tfprotov6.ValidateEphemeralResourceConfigRequest{
			TypeName: "gateway_balance", Config: object(t, balanceType, tc.args)})
		if err != nil {
			t.Fatal(err)
		}
		for form, diags := range map[string][]*tfprotov6.Diagnostic{"data source": ds.Diagnostics, "ephemeral resource": eph.Diagnostics} {
			refused := len(diags) == 1 && diags[0].Summary == "Invalid Attribute Combination" && attributeName(diags[0]) == tc.want &&
				strings.Contains(diags[0].Detail, `"message_price" must be specified`)
			if tc.want == "" && len(diags) != 0 || tc.want != "" && !refused {
				t.Errorf("%s %v: diagnostics = %+v, want an error on %q", form, tc.args, diags, tc.want)
			}
		}
	}
}
