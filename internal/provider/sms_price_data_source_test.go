package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/provider"
)

func startPricedGateway(t *testing.T, balance string) *gatewaytest.Gateway {
	t.Helper()
	g := acctest.StartGateway(t, balance)
	g.SetPrice("380", "1.2", "UAH")
	g.SetPrice("38067", "0.730000000000000001", "UAH")
	return g
}

func TestAccSMSPrice_readExactly(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL, `method = "POST"`) + `
data "gateway_sms_price" "vodafone" {
  to = "+380 50 123 45 67"
}

data "gateway_sms_price" "kyivstar" {
  to = "380-67-123-4567"
}

output "kyivstar_text" {
  value = tostring(data.gateway_sms_price.kyivstar.price)
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.gateway_sms_price.vodafone", tfjsonpath.New("price"), knownvalue.NumberExact(acctest.Decimal(t, "1.2"))),
				statecheck.ExpectKnownValue("data.gateway_sms_price.vodafone", tfjsonpath.New("currency"), knownvalue.StringExact("UAH")),
				statecheck.ExpectKnownValue("data.gateway_sms_price.vodafone", tfjsonpath.New("number"), knownvalue.StringExact("380501234567")),
				statecheck.ExpectKnownValue("data.gateway_sms_price.vodafone", tfjsonpath.New("to"), knownvalue.StringExact("+380 50 123 45 67")),
				statecheck.ExpectKnownOutputValue("kyivstar_text", knownvalue.StringExact("0.730000000000000001")),
				acctest.StateHasNoKey,
			},
		}},
	})
	for _, r := range g.Requests() {
		if r.Command != "price" || (r.To != "380501234567" && r.To != "380671234567") || r.KeyInQuery {
			t.Errorf("request = %+v, want a POST price command with the number's digits", r)
		}
	}
}

func TestAccSMSPrice_invalidNumberRefusedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	for _, to := range []string{"12345", "+380 50 123 45 67 89 01 23", "380501234567 ext 5", "phone", ""} {
		t.Run(to, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(nil),
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderBlock(g.URL) + fmt.Sprintf("data \"gateway_sms_price\" \"x\" {\n  to = %q\n}\n", to),
					ExpectError: acctest.ErrorWithoutKey(`Invalid phone number.*` + "`?" + `to` + "`?"),
				}},
			})
		})
	}
	if n := g.RequestCount(); n != 0 {
		t.Fatalf("invalid numbers reached the gateway: %d requests", n)
	}
}

func TestAccSMSPrice_gatewayErrorShown(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(g.URL) + `data "gateway_sms_price" "x" { to = "+1 555 010 0199" }`,
			ExpectError: acctest.ErrorWithoutKey(`The gateway rejected the request.*price of a message to \+1 555 010 0199.*` + gatewaytest.MsgUnknownNumber),
		}},
	})
}

// The campaign recipe of the docs, verbatim: 20000 messages at 1.2 need 24000.
func TestAccRecipe_campaignCountsMessages(t *testing.T) {
	t.Parallel()
	dir := config.StaticDirectory("../../examples/data-sources/gateway_sms_price/campaign")
	enough := startPricedGateway(t, "24000.5")
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: enough.URL}),
			ConfigDirectory:          dir,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("affordable_messages", knownvalue.Int64Exact(20000)),
			},
		}},
	})
	short := startPricedGateway(t, "23999.99")
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: short.URL}),
			ConfigDirectory:          dir,
			ExpectError:              acctest.ErrorWithoutKey(`Resource precondition failed.*` + acctest.Spaced(`can pay for 19999 messages at 1.2 UAH each, fewer than the 20000 of this batch.`)),
		}},
	})
}
