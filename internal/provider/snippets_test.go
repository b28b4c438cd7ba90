package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// The snippets each docs page opens with run as they are shown, on every CLI that has what
// they use.
func TestAccSnippets_runAsShown(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "31.168300000000002")
	env := acctest.GatewayEnv(g)
	for _, tc := range []struct {
		path   string
		output string
		want   knownvalue.Check
		needs  *acctest.Feature
	}{
		{"data-sources/gateway_balance/data-source.tf", "sms_funds", knownvalue.NumberExact(acctest.Decimal(t, "31.168300000000002")), nil},
		{"data-sources/gateway_sms_price/data-source.tf", "price_per_message", knownvalue.StringExact("1.2 UAH"), nil},
		{"functions/sms_parts/function.tf", "reminder_parts", knownvalue.Int64Exact(2), &acctest.Functions},
	} {
		t.Run(tc.path, func(t *testing.T) {
			if tc.needs != nil {
				acctest.SkipUnless(t, *tc.needs)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(env),
				Steps: []resource.TestStep{{
					Config:            acctest.Snippet(t, tc.path),
					ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue(tc.output, tc.want)},
				}},
			})
		})
	}
}
