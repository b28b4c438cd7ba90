package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccProvider_configuredFromEnvironment(t *testing.T) {
	t.Parallel()
	g := startGateway(t, "7")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(map[string]string{EnvAPIKey: testKey, EnvEndpoint: g.URL}),
		Steps: []resource.TestStep{{
			Config: `provider "gateway" {}` + balanceConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("balance_text", knownvalue.StringExact("7")),
			},
		}},
	})
}

// The argument wins over the environment variable.
func TestAccProvider_argumentOverridesEnvironment(t *testing.T) {
	t.Parallel()
	g := startGateway(t, "7")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(map[string]string{EnvAPIKey: "other~key", EnvEndpoint: "https://wrong.invalid"}),
		Steps: []resource.TestStep{{
			Config: providerBlock(g.URL) + balanceConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("balance_text", knownvalue.StringExact("7")),
			},
		}},
	})
}

// New reads the process environment (the other tests inject theirs), so this one is not parallel.
func TestAccProvider_readsProcessEnvironment(t *testing.T) {
	g := startGateway(t, "8.25")
	t.Setenv(EnvAPIKey, testKey)
	t.Setenv(EnvEndpoint, g.URL)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"gateway": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{{
			Config: `provider "gateway" {}` + balanceConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("balance_text", knownvalue.StringExact("8.25")),
			},
		}},
	})
}

func TestAccProvider_invalidConfiguration(t *testing.T) {
	t.Parallel()
	g := startGateway(t, "1")
	cases := []struct {
		name   string
		env    map[string]string
		config string
		want   string
	}{
		{"missing key", map[string]string{EnvEndpoint: g.URL}, `provider "gateway" {}`,
			`Missing API key.*api_key.*GATEWAY_API_KEY`},
		{"empty key", map[string]string{EnvEndpoint: g.URL, EnvAPIKey: ""}, `provider "gateway" { api_key = "" }`,
			`Missing API key`},
		{"missing endpoint", map[string]string{EnvAPIKey: testKey}, `provider "gateway" {}`,
			`Missing gateway endpoint.*endpoint.*GATEWAY_ENDPOINT`},
		{"plain http to a remote host", nil, providerBlock("http://sms.example.com"),
			`Invalid gateway endpoint.*clear\s+text`},
		{"plain http from the environment", map[string]string{EnvAPIKey: testKey, EnvEndpoint: "http://sms.example.com"},
			`provider "gateway" {}`, `Invalid gateway endpoint.*GATEWAY_ENDPOINT.*clear\s+text`},
		{"relative endpoint", nil, providerBlock("alphasms.ua"), `Invalid gateway endpoint.*absolute`},
		{"endpoint with a query", nil, providerBlock("https://alphasms.ua/?key=x"), `Invalid gateway endpoint.*query`},
		{"unsupported method", nil, providerBlock(g.URL, `method = "PUT"`), `Invalid Attribute Value Match.*GET.*POST`},
		{"negative retries", nil, providerBlock(g.URL, `max_retries = -1`), `max_retries.*between 0 and 10`},
		{"timeout not a duration", nil, providerBlock(g.URL, `timeout = "soon"`), `(?i)duration`},
		{"zero timeout", nil, providerBlock(g.URL, `timeout = "0s"`), `Invalid timeout.*greater than zero`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories(tc.env),
				Steps: []resource.TestStep{{
					Config:      tc.config + balanceConfig,
					ExpectError: keyless(tc.want),
				}},
			})
			if n := g.RequestCount(); n != 0 {
				t.Errorf("an invalid configuration reached the gateway (%d requests)", n)
			}
		})
	}
}

// A key from a resource the same plan creates is unknown while planning.
func TestAccProvider_unknownKeyAtPlan(t *testing.T) {
	t.Parallel()
	g := startGateway(t, "1")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "key" {
  input = "from-a-resource"
}

provider "gateway" {
  endpoint = "` + g.URL + `"
  api_key  = terraform_data.key.output
}
` + balanceConfig,
			ExpectError: regexp.MustCompile(`(?s)Provider argument not known yet.*api_key`),
		}},
	})
}
