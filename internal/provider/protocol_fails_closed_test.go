package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// The gate fails closed: whatever goes wrong with the gateway, the read ends in one error and
// no balance, never in a warning and a balance of 0 that a minimum of 0 would let through.
func TestProtocol_clientFailureFailsTheRead(t *testing.T) {
	t.Parallel()
	for name, answer := range map[string]gatewaytest.Answer{
		"refusal":     {Body: "errors:Account blocked"},
		"status":      {Status: 404, Body: "no such page"},
		"not a price": {Body: "<html>Login</html>"},
		"no figure":   {Body: "balance:"},
	} {
		g := gatewaytest.Start(t)
		g.SetAccount(acctest.Key, "1")
		g.AlwaysAnswer(answer)
		res := readBalance(t, map[string]any{"endpoint": g.URL, "api_key": acctest.Key}, nil)
		if len(res.diags) != 1 || res.diags[0].Severity != tfprotov6.DiagnosticSeverityError || res.balance != nil {
			t.Errorf("%s: balance %v, diagnostics %s; want one error and no balance", name, res.balance, details(res.diags))
		}
	}
}

// A minimum not known when the read runs fails it, on minimum: the gate cannot say the funds
// suffice. (The CLIs defer such a read; this holds if one ever does not.)
func TestProtocol_unknownMinimumFailsTheRead(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "1000")
	res := readBalance(t, map[string]any{"endpoint": g.URL, "api_key": acctest.Key}, map[string]any{"minimum": tftypes.UnknownValue})
	if len(res.diags) != 1 || res.diags[0].Summary != "minimum is not known yet" || attributeName(res.diags[0]) != "minimum" || res.balance != nil {
		t.Errorf("balance %v, diagnostics %s; want one error on minimum and no balance", res.balance, details(res.diags))
	}
	if n := g.RequestCount(); n != 0 {
		t.Errorf("the gateway was asked %d times; want none, the read cannot pass", n)
	}
}
