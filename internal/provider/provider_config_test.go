package provider_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/provider"
)

func TestAccProvider_configuredFromEnvironment(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "7")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: g.URL}),
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
	g := acctest.StartGateway(t, "7")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: "other~key", provider.EnvEndpoint: "https://wrong.invalid"}),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL) + balanceConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("balance_text", knownvalue.StringExact("7")),
			},
		}},
	})
}

// An endpoint is trimmed wherever it comes from: a trailing space in the configuration works
// as it does in GATEWAY_ENDPOINT.
func TestAccProvider_endpointTrimmed(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "3")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(g.URL+" ") + balanceConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("balance_text", knownvalue.StringExact("3")),
			},
		}},
	})
}

// New reads the process environment (the other tests inject theirs), so this one is not parallel.
func TestAccProvider_readsProcessEnvironment(t *testing.T) {
	g := acctest.StartGateway(t, "8.25")
	t.Setenv(provider.EnvAPIKey, acctest.Key)
	t.Setenv(provider.EnvEndpoint, g.URL)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"gateway": providerserver.NewProtocol6WithError(provider.New("test")()),
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
	g := acctest.StartGateway(t, "1")
	cases := []struct {
		name   string
		env    map[string]string
		config string
		want   string
	}{
		{"missing key", map[string]string{provider.EnvEndpoint: g.URL}, `provider "gateway" {}`,
			`Missing API key.*GATEWAY_API_KEY.*api_key`},
		{"api_key_env names an unset variable", map[string]string{provider.EnvEndpoint: g.URL, provider.EnvAPIKey: acctest.Key},
			`provider "gateway" { api_key_env = "GATEWAY_API_KEY_ALERTS" }`, `Missing API key.*api_key_env.*GATEWAY_API_KEY_ALERTS.*is not set`},
		{"api_key_env not a variable name", nil, acctest.ProviderBlock(g.URL, `api_key_env = "1-KEY"`), `api_key_env.*environment variable's name`},
		{"a key pasted into api_key_env", nil, acctest.ProviderBlock(g.URL, `api_key_env = "kEy_Zq81xT"`), `api_key_env.*environment variable's name in\s+capitals`},
		{"key too short", nil, `provider "gateway" {
  endpoint = "` + g.URL + `"
  api_key  = "k~1"
}`, `Invalid API key.*api_key.*` + acctest.Spaced(`The API key does not look like one: it is 3 characters long, and a key has at least 8`)},
		{"key with a space", nil, `provider "gateway" {
  endpoint = "` + g.URL + `"
  api_key  = "key~with space"
}`, `Invalid API key.*holds a space`},
		{"key with a quote", nil, `provider "gateway" {
  endpoint = "` + g.URL + `"
  api_key  = "\"key~quoted\""
}`, `Invalid API key.*holds a quote`},
		{"key from the environment too short", map[string]string{provider.EnvEndpoint: g.URL, provider.EnvAPIKey: "k~2"}, `provider "gateway" {}`,
			`Invalid API key.*` + acctest.Spaced(`The GATEWAY_API_KEY environment variable: the API key does not look like one: it is 3 characters`)},
		{"empty key", map[string]string{provider.EnvEndpoint: g.URL, provider.EnvAPIKey: ""}, `provider "gateway" { api_key = "" }`,
			`Missing API key`},
		{"missing endpoint", map[string]string{provider.EnvAPIKey: acctest.Key}, `provider "gateway" {}`,
			`Missing gateway endpoint.*endpoint.*GATEWAY_ENDPOINT`},
		{"plain http to a remote host", nil, acctest.ProviderBlock("http://sms.example.com"),
			`Invalid gateway endpoint.*clear\s+text`},
		{"plain http from the environment", map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: "http://sms.example.com"},
			`provider "gateway" {}`, `Invalid gateway endpoint.*GATEWAY_ENDPOINT.*clear\s+text`},
		{"relative endpoint", nil, acctest.ProviderBlock("alphasms.ua"), `Invalid gateway endpoint.*absolute`},
		{"endpoint with a query", nil, acctest.ProviderBlock("https://alphasms.ua/?key=x"), `Invalid gateway endpoint.*query`},
		{"unsupported method", nil, acctest.ProviderBlock(g.URL, `method = "PUT"`), `Invalid Attribute Value Match.*GET.*POST`},
		{"negative retries", nil, acctest.ProviderBlock(g.URL, `max_retries = -1`), `max_retries.*between 0 and 10`},
		{"timeout not a duration", nil, acctest.ProviderBlock(g.URL, `timeout = "soon"`), `Invalid timeout.*` + acctest.Spaced(`The timeout "soon" is not a duration: write a number and a unit, such as "30s"`)},
		{"timeout without a unit", nil, acctest.ProviderBlock(g.URL, `timeout = "30"`), `Invalid timeout.*` + acctest.Spaced(`The timeout "30" has no unit: add a unit, such as "30s"`)},
		{"timeout of a year", nil, acctest.ProviderBlock(g.URL, `timeout = "8760h"`), `Invalid timeout.*longer than the 5m an attempt may take`},
		{"endpoint port out of range", nil, acctest.ProviderBlock("https://alphasms.ua:99999"), `Invalid gateway endpoint.*port 99999 is not a port number`},
		{"zero timeout", nil, acctest.ProviderBlock(g.URL, `timeout = "0s"`), `Invalid timeout.*greater than zero`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(tc.env),
				Steps: []resource.TestStep{{
					Config:      tc.config + balanceConfig,
					ExpectError: acctest.ErrorWithoutKey(tc.want),
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
	g := acctest.StartGateway(t, "1")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(nil),
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

// A value that was not known when the configuration was validated (a variable, in `terraform
// validate`) is checked when the provider is configured, and named there.
func TestProtocol_configureChecksWhatValidateCouldNot(t *testing.T) {
	t.Parallel()
	server := acctest.ProtocolServer(t, nil)
	for _, tc := range []struct {
		set       map[string]any
		attribute string
		summary   string
	}{
		{map[string]any{"api_key": "k~1", "endpoint": "https://alphasms.ua"}, "api_key", "Invalid API key"},
		{map[string]any{"api_key": acctest.Key, "endpoint": "http://sms.example.com"}, "endpoint", "Invalid gateway endpoint"},
		{map[string]any{"api_key": acctest.Key, "endpoint": "https://alphasms.ua", "timeout": "30"}, "timeout", "Invalid timeout"},
	} {
		resp, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: object(t, providerType, tc.set)})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != tc.summary || attributeName(resp.Diagnostics[0]) != tc.attribute {
			t.Errorf("configure with %v: diagnostics = %+v", tc.set, resp.Diagnostics)
		}
	}
}
