package provider_test

import (
	"context"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// A minimum of +Inf is above every balance, so the read fails; one of -Inf is below every
// balance, so it passes.
func TestProtocol_infiniteMinimum(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "1000000")
	cfg := map[string]any{"endpoint": g.URL, "api_key": acctest.Key}
	above := readBalance(t, cfg, map[string]any{"minimum": big.NewFloat(math.Inf(1))})
	if len(above.diags) != 1 || above.diags[0].Summary != "Balance below minimum" || above.balance != nil {
		t.Errorf("minimum +Inf: balance %v, diagnostics %s", above.balance, details(above.diags))
	}
	below := readBalance(t, cfg, map[string]any{"minimum": big.NewFloat(math.Inf(-1))})
	if len(below.diags) != 0 || below.balance == nil {
		t.Errorf("minimum -Inf: balance %v, diagnostics %s", below.balance, details(below.diags))
	}
}

// The timeout and api_key_env bounds hold to the unit: 5m is accepted and a nanosecond more is
// not; "300" is hinted as "300s" (5m) and "301" is not hinted; a name of 64 characters is a
// name and one of 65 is not.
func TestProtocol_argumentBoundsToTheUnit(t *testing.T) {
	t.Parallel()
	server := acctest.ProtocolServer(t, nil)
	name64 := "GATEWAY_" + strings.Repeat("K", 56)
	for _, tc := range []struct {
		set  map[string]any
		want string // in the one diagnostic's detail, or "" for none
	}{
		{map[string]any{"timeout": "5m"}, ""},
		{map[string]any{"timeout": "5m0.000000001s"}, "longer than the 5m an attempt may take"},
		{map[string]any{"timeout": "1ns"}, ""},
		{map[string]any{"timeout": "300"}, `add a unit, such as "300s"`},
		{map[string]any{"timeout": "301"}, "is not a duration"},
		{map[string]any{"timeout": "00"}, "is not a duration"},
		{map[string]any{"api_key_env": name64}, ""},
		{map[string]any{"api_key_env": name64 + "K"}, "at most 64 characters"},
	} {
		resp, err := server.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{
			Config: object(t, providerType, tc.set),
		})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tc.want == "" && len(resp.Diagnostics) != 0:
			t.Errorf("%v: diagnostics = %s, want none", tc.set, details(resp.Diagnostics))
		case tc.want != "" && (len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail, tc.want)):
			t.Errorf("%v: diagnostics = %s, want one saying %q", tc.set, details(resp.Diagnostics), tc.want)
		}
	}
}

// details lists diagnostics as their summaries and details, for a failure message.
func details(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("[" + d.Summary + ": " + d.Detail + "]")
	}
	return b.String()
}
