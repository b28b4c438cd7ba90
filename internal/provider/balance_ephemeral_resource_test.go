package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// The saved-plan recipe at plan time: the ephemeral balance feeds the precondition, which
// passes with enough funds and stops the plan without. (The apply of a saved plan is in
// internal/e2e.)
func TestAccBalanceEphemeral_savedPlanRecipe(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		balance string
		fails   bool
	}{{"500", false}, {"499.99", true}} {
		g := acctest.StartGateway(t, tc.balance)
		step := resource.TestStep{
			ProtoV6ProviderFactories: acctest.Factories(acctest.GatewayEnv(g)),
			ConfigDirectory:          config.StaticDirectory("../../examples/ephemeral-resources/gateway_balance/saved-plan"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("terraform_data.campaign", tfjsonpath.New("output"), knownvalue.Int64Exact(500)),
				acctest.StateHasNoKey,
			},
		}
		if tc.fails {
			step.ConfigStateChecks = nil
			step.ExpectError = acctest.ErrorWithoutKey(`Resource precondition failed.*` +
				acctest.Spaced(`The SMS account cannot cover the campaign's budget of 500.`))
		}
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks: []tfversion.TerraformVersionCheck{acctest.Needs(acctest.EphemeralResources)},
			Steps:                  []resource.TestStep{step},
		})
	}
}
