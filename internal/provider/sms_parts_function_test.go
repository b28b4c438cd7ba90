package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// The function and gateway_sms_price's parts agree with the table on every boundary text,
// in one plan: one test drives both.
func TestAccSMSParts_agreesWithPriceParts(t *testing.T) {
	t.Parallel()
	g := startPricedGateway(t, "1")
	texts, parts := segmentTexts(func(tc gatewaytest.SegmentCase) knownvalue.Check { return knownvalue.Int64Exact(int64(tc.Parts)) })
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.Needs(acctest.Functions)},
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + texts + pricedTexts + `
output "function_parts" {
  value = [for text in local.texts : provider::gateway::sms_parts(text)]
}

output "price_parts" {
  value = data.gateway_sms_price.text[*].parts
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("function_parts", parts),
				statecheck.ExpectKnownOutputValue("price_parts", parts),
			},
		}},
	})
}
