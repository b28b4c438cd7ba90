package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// The recipes in the docs run here verbatim, from examples/, through the real CLI: each one
// passes with enough funds and stops the plan (or only warns) without.

func recipe(name string) config.TestStepConfigFunc {
	return config.StaticDirectory("../../examples/data-sources/gateway_balance/" + name)
}

// recipeEnv starts a fake gateway holding balance and returns the environment that points
// the provider at it.
func recipeEnv(t *testing.T, balance string) acctest.Env {
	return acctest.GatewayEnv(acctest.StartGateway(t, balance))
}

func TestAccRecipe_ciMinimum(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		balance string
		fails   bool
	}{{"750.5", false}, {"499.99", true}} {
		env := recipeEnv(t, tc.balance)
		step := resource.TestStep{ConfigDirectory: recipe("ci-minimum"), ProtoV6ProviderFactories: acctest.Factories(env)}
		if tc.fails {
			step.ExpectError = acctest.ErrorWithoutKey(`Balance below minimum.*balance of 499\.99,\s+below the\s+minimum of 500`)
		} else {
			step.ConfigStateChecks = []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("sms_funds", knownvalue.NumberExact(acctest.Decimal(t, "750.5"))),
			}
		}
		resource.Test(t, resource.TestCase{Steps: []resource.TestStep{step}})
	}
}

func TestAccRecipe_precondition(t *testing.T) {
	t.Parallel()
	// 2000 one-part messages at 1.2 need 2400: one hundredth less pays for 1999.
	for _, tc := range []struct {
		balance string
		fails   bool
	}{{"2400", false}, {"2399.99", true}} {
		g := acctest.StartGateway(t, tc.balance)
		g.SetPrice("380", "1.2", "UAH")
		step := resource.TestStep{ProtoV6ProviderFactories: acctest.Factories(acctest.GatewayEnv(g)), ConfigDirectory: recipe("precondition")}
		if tc.fails {
			step.ExpectError = acctest.ErrorWithoutKey(`Resource precondition failed.*holds\s+2399\.99\s+UAH,\s+enough\s+for\s+1999\s+messages\s+at\s+1\.2,\s+fewer\s+than\s+the\s+2000\s+this\s+campaign\s+sends`)
		} else {
			step.ConfigStateChecks = []statecheck.StateCheck{
				statecheck.ExpectKnownValue("terraform_data.campaign", tfjsonpath.New("output"), knownvalue.Int64Exact(2000)),
			}
		}
		resource.Test(t, resource.TestCase{Steps: []resource.TestStep{step}})
	}
}

func TestAccRecipe_warnBelow(t *testing.T) {
	t.Parallel()
	low := recipeEnv(t, "120")
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: acctest.Factories(low),
			ConfigDirectory:          recipe("warn-below"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.gateway_balance.current", tfjsonpath.New("balance"), knownvalue.NumberExact(acctest.Decimal(t, "120"))),
			},
		}},
	})
	empty := recipeEnv(t, "49")
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: acctest.Factories(empty),
			ConfigDirectory:          recipe("warn-below"),
			ExpectError:              acctest.ErrorWithoutKey(`Balance below minimum`),
		}},
	})
}

// The check-block and multiple-accounts recipes run in internal/e2e, against the built
// binary: their proof is a warning, which this framework does not show, and two aliases,
// which Terraform would send to one provider instance when the provider runs in-process.
