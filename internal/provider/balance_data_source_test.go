package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/provider"
)

const balanceConfig = `
data "gateway_balance" "test" {}

output "balance_text" {
  value = tostring(data.gateway_balance.test.balance)
}
`

// The key comes from GATEWAY_API_KEY here, as the docs recommend for CI: a key written in
// the configuration, or passed in a variable, is shown by Terraform itself in the JSON of a
// saved plan (its "configuration" and "variables" sections), whatever the provider does.
func TestAccBalance_exactDecimalOverGET(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "31.168300000000002")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: acctest.Key}),
		Steps: []resource.TestStep{{
			Config: `provider "gateway" {
  endpoint = "` + g.URL + `"
  method   = "GET"
}` + balanceConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.gateway_balance.test", tfjsonpath.New("balance"),
					knownvalue.NumberExact(acctest.Decimal(t, "31.168300000000002"))),
				// The digits survive the whole trip: gateway → provider → Terraform → output.
				statecheck.ExpectKnownOutputValue("balance_text", knownvalue.StringExact("31.168300000000002")),
				acctest.StateHasNoKey,
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{acctest.PlanHasNoKey}},
		}},
	})

	requests := g.Requests()
	if len(requests) == 0 {
		t.Fatal("the gateway saw no request")
	}
	for _, r := range requests {
		if r.Method != "GET" || r.Command != "balance" || r.Key != acctest.Key || !r.KeyInQuery {
			t.Errorf("request = %+v, want GET balance with the key in the query", r)
		}
	}
}

// Amounts a binary float cannot carry, and every form PHP prints a float in, reach the state
// and the configuration digit for digit, as a person writes them; a minimum is compared with
// them exactly (a balance that PHP left a hair above zero is not zero, nor more).
func TestAccBalance_exactBeyondFloat64(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "1")
	var steps []resource.TestStep
	for _, tc := range []struct{ body, want, below string }{
		{"balance:0.1000000000000000055511151231257827", "0.1000000000000000055511151231257827", "0.1000000000000000055511151231257828"},
		{"balance:12345678901234567.89", "12345678901234567.89", "12345678901234567.891"},
		{"balance:5.551115123125783E-17", "0.00000000000000005551115123125783", "0.00000000000000005551115123125784"},
		{"balance:-2.7755575615628914E-17", "-0.000000000000000027755575615628914", "0"},
		{"balance:1.0E+25", "10000000000000000000000000", "10000000000000000000000000.1"},
		{"\ufeff\n\ufeff\ufeffbalance:31.1\n", "31.1", "31.11"},
		// Minimums a float64 holds exactly, which Terraform sends as one: 2^70, and 100 + 2^-46.
		{"balance:1180591620717411303000", "1180591620717411303000", "1180591620717411303424"},
		{"balance:100.00000000000001", "100.00000000000001", "100.0000000000000142108547152020037174224853515625"},
	} {
		answer := gatewaytest.Answer{Body: tc.body}
		steps = append(steps,
			resource.TestStep{
				PreConfig: func() { g.AlwaysAnswer(answer) },
				Config:    acctest.ProviderBlock(g.URL) + `data "gateway_balance" "test" { minimum = ` + tc.want + ` }` + balanceOutput,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("balance_text", knownvalue.StringExact(tc.want)),
				},
			},
			resource.TestStep{
				PreConfig:   func() { g.AlwaysAnswer(answer) },
				Config:      acctest.ProviderBlock(g.URL) + `data "gateway_balance" "test" { minimum = ` + tc.below + ` }` + balanceOutput,
				ExpectError: acctest.ErrorWithoutKey(`Balance below minimum.*` + acctest.Spaced("balance of "+tc.want+", below the minimum of "+tc.below)),
			})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.Factories(nil), Steps: steps})
}

const balanceOutput = `
output "balance_text" {
  value = tostring(data.gateway_balance.test.balance)
}
`

// POST is the default: the key is never part of a URL.
func TestAccBalance_POSTKeepsKeyOutOfURL(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "12.5")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + balanceConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("balance_text", knownvalue.StringExact("12.5")),
			},
		}},
	})

	for _, r := range g.Requests() {
		if r.Method != "POST" || r.Key != acctest.Key || r.KeyInQuery {
			t.Errorf("request = %+v, want POST with the key in the body only", r)
		}
	}
}

func TestAccBalance_negative(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "-12.75")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + `
data "gateway_balance" "test" {
  minimum = -100 # a post-paid credit limit
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.gateway_balance.test", tfjsonpath.New("balance"),
					knownvalue.NumberExact(acctest.Decimal(t, "-12.75"))),
			},
		}},
	})
}

func TestAccBalance_minimum(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "12.5")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{
			{
				Config:      acctest.ProviderBlock(g.URL) + `data "gateway_balance" "test" { minimum = 50 }`,
				ExpectError: acctest.ErrorWithoutKey(`Balance below minimum.*balance of 12\.5,\s+below the\s+minimum of 50`),
			},
			{
				// Equal to the minimum is enough.
				Config: acctest.ProviderBlock(g.URL) + `data "gateway_balance" "test" { minimum = 12.5 }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.gateway_balance.test", tfjsonpath.New("minimum"),
						knownvalue.NumberExact(acctest.Decimal(t, "12.5"))),
					statecheck.ExpectKnownValue("data.gateway_balance.test", tfjsonpath.New("balance"),
						knownvalue.NumberExact(acctest.Decimal(t, "12.5"))),
				},
			},
		},
	})
}

// The minimum is compared exactly, not through float64: 0.1 + 0.2 style rounding would let
// 31.168300000000002 pass a minimum of 31.1683000000000021.
func TestAccBalance_minimumComparesExactly(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "31.168300000000002")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(g.URL) + `data "gateway_balance" "test" { minimum = 31.1683000000000021 }`,
			ExpectError: acctest.ErrorWithoutKey(`Balance below minimum`),
		}},
	})
}

func TestAccBalance_warnBelowGoesOn(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "20")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + `
data "gateway_balance" "test" {
  minimum    = 10
  warn_below = 100
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.gateway_balance.test", tfjsonpath.New("balance"),
					knownvalue.NumberExact(acctest.Decimal(t, "20"))),
				statecheck.ExpectKnownValue("data.gateway_balance.test", tfjsonpath.New("warn_below"),
					knownvalue.NumberExact(acctest.Decimal(t, "100"))),
			},
		}},
	})
}

func TestAccBalance_gatewayErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		answer gatewaytest.Answer
		want   string
	}{
		{"unknown command verbatim", gatewaytest.Answer{Body: "errors:Unknown command"},
			`The gateway rejected the request.*Unknown command`},
		{"several error lines", gatewaytest.Answer{Body: "errors:Account blocked\nerrors:Contact support"},
			`Account blocked\s+Contact support`},
		{"html page", gatewaytest.Answer{Body: "<html><body>Login</body></html>"},
			`The gateway's answer was not understood.*<html><body>Login`},
		{"empty answer", gatewaytest.Answer{Body: ""}, `not understood.*empty`},
		{"not a number", gatewaytest.Answer{Body: "balance:abc"}, `not understood.*not a decimal`},
		{"two lines", gatewaytest.Answer{Body: "balance:1\nbalance:2"}, `not understood.*single balance`},
		{"http status", gatewaytest.Answer{Status: 404, Body: "no such page"}, `The gateway answered HTTP 404.*no such page`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := acctest.StartGateway(t, "1")
			g.AlwaysAnswer(tc.answer)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(nil),
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderBlock(g.URL) + balanceConfig,
					ExpectError: acctest.ErrorWithoutKey(tc.want),
				}},
			})
		})
	}
}

func TestAccBalance_badKey(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "1")
	g.SetAccount(acctest.Key, "1")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: `
provider "gateway" {
  endpoint = "` + g.URL + `"
  api_key  = "wrong~key"
}
` + balanceConfig,
			ExpectError: acctest.ErrorWithoutKey(`The gateway rejected the request.*` + gatewaytest.MsgInvalidKey + `.*` + acctest.Spaced("Check api_key: it must hold this account's API key")),
		}},
	})
	// The hint names the variable the key was read from.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(acctest.Env{"GATEWAY_API_KEY_ALERTS": "wrong~key"}),
		Steps: []resource.TestStep{{
			Config: `
provider "gateway" {
  endpoint    = "` + g.URL + `"
  api_key_env = "GATEWAY_API_KEY_ALERTS"
}
` + balanceConfig,
			ExpectError: acctest.ErrorWithoutKey(`The gateway rejected the request.*` + gatewaytest.MsgInvalidKey + `.*` +
				acctest.Spaced("Check the GATEWAY_API_KEY_ALERTS environment variable, which api_key_env names: it must hold")),
		}},
	})
}
