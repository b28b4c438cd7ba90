package provider_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
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
		{"api_key_env not a variable name", nil, acctest.ProviderBlock(g.URL, `api_key_env = "1-KEY"`), `Invalid api_key_env.*` + acctest.Spaced(`Set api_key_env to an environment variable's name: two or more words of capital letters`)},
		{"a key pasted into api_key_env", nil, acctest.ProviderBlock(g.URL, `api_key_env = "kEy_Zq81xT"`), `Invalid api_key_env.*` + acctest.Spaced(`it is now in the configuration`)},
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
			`Missing API key.*` + acctest.Spaced(`api_key is set but empty (from a value that is empty, such as an empty variable), and the environment variable GATEWAY_API_KEY is set but empty.`)},
		{"an empty key variable", map[string]string{provider.EnvEndpoint: g.URL, provider.EnvAPIKey: ""}, `provider "gateway" {}`,
			`Missing API key.*` + acctest.Spaced(`api_key is not set, and the environment variable GATEWAY_API_KEY is set but empty.`)},
		{"missing endpoint", map[string]string{provider.EnvAPIKey: acctest.Key}, `provider "gateway" {}`,
			`Missing gateway endpoint.*` + acctest.Spaced(`endpoint is not set, and the environment variable GATEWAY_ENDPOINT is not set.`)},
		{"an endpoint from an empty variable", map[string]string{provider.EnvAPIKey: acctest.Key}, `variable "ep" {
  default = ""
}
provider "gateway" {
  endpoint = var.ep
}`, `Missing gateway endpoint.*` + acctest.Spaced(`endpoint is set but empty (from a value that is empty, such as an empty variable), and the environment variable GATEWAY_ENDPOINT is not set.`)},
		{"a timeout of 50,000 characters", map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: g.URL}, `variable "t" {
  default = "` + strings.Repeat("9", 50000) + `"
}
provider "gateway" {
  timeout = var.t
}`, `Invalid timeout.*"` + strings.Repeat("9", 80) + `"…\s+\(50000 characters\) is not a duration`},
		{"plain http to a remote host", nil, acctest.ProviderBlock("http://sms.example.com"),
			`Invalid gateway endpoint.*clear\s+text`},
		{"plain http from the environment", map[string]string{provider.EnvAPIKey: acctest.Key, provider.EnvEndpoint: "http://sms.example.com"},
			`provider "gateway" {}`, `Invalid gateway endpoint.*GATEWAY_ENDPOINT.*clear\s+text`},
		{"relative endpoint", nil, acctest.ProviderBlock("alphasms.ua"), `Invalid gateway endpoint.*absolute`},
		{"endpoint with a query", nil, acctest.ProviderBlock("https://alphasms.ua/?key=x"), `Invalid gateway endpoint.*query`},
		{"unsupported method", nil, acctest.ProviderBlock(g.URL, `method = "PUT"`), `Invalid method.*` + acctest.Spaced(`The method "PUT" is not one the gateway takes: write POST (the default) or GET.`)},
		{"negative retries", nil, acctest.ProviderBlock(g.URL, `max_retries = -1`), `Invalid max_retries.*` + acctest.Spaced(`The max_retries is -1: write a whole number from 0 to 10`)},
		{"retries over the limit", nil, acctest.ProviderBlock(g.URL, `max_retries = 11`), `Invalid max_retries.*` + acctest.Spaced(`The max_retries is 11: write a whole number from 0 to 10`)},
		{"retries far over the limit", nil, acctest.ProviderBlock(g.URL, `max_retries = 1000`), `Invalid max_retries.*The max_retries is 1000`},
		{"fractional retries", nil, acctest.ProviderBlock(g.URL, `max_retries = 1.5`), `Invalid max_retries.*` + acctest.Spaced(`The max_retries is 1.5: write a whole number from 0 to 10`)},
		{"retries of 1e20", nil, acctest.ProviderBlock(g.URL, `max_retries = 1e20`), `Invalid max_retries.*` + acctest.Spaced(`The max_retries is 100000000000000000000: write a whole number`)},
		{"timeout not a duration", nil, acctest.ProviderBlock(g.URL, `timeout = "soon"`), `Invalid timeout.*` + acctest.Spaced(`The timeout "soon" is not a duration: write a number and a unit, such as "30s"`)},
		{"timeout without a unit", nil, acctest.ProviderBlock(g.URL, `timeout = "30"`), `Invalid timeout.*` + acctest.Spaced(`The timeout "30" has no unit: add a unit, such as "30s"`)},
		{"timeout in exponent form", nil, acctest.ProviderBlock(g.URL, `timeout = "1e3"`), `Invalid timeout.*` + acctest.Spaced(`The timeout "1e3" is not a duration: write a number and a unit, such as "30s" or "1m", at most 5m.`)},
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

// A value of api_key_env that is not written as a variable's name is refused without being
// printed, at validate time and, when it was not known then, at Configure: it may be a key
// pasted there by mistake, and api_key_env is not sensitive. Names that pass are printed.
func TestProtocol_keyEnvNeverPrinted(t *testing.T) {
	t.Parallel()
	server := acctest.ProtocolServer(t, nil)
	for _, value := range []string{"K7F3Q9X2M4P8R6T1", "abcd1234secretkey", "kEy_Zq81xT", "live_key_abc123", "SMSKEYABCDEF", "GATEWAY_KEY_A1B2", "GATEWAY__KEY", "_GATEWAY_KEY", strings.Repeat("A_", 40) + "A"} {
		validate, err := server.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{
			Config: object(t, providerType, map[string]any{"api_key_env": value}),
		})
		if err != nil {
			t.Fatal(err)
		}
		configure, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
			Config: object(t, providerType, map[string]any{"api_key_env": value, "endpoint": "https://alphasms.ua"}),
		})
		if err != nil {
			t.Fatal(err)
		}
		for phase, diags := range map[string][]*tfprotov6.Diagnostic{"validate": validate.Diagnostics, "configure": configure.Diagnostics} {
			if len(diags) != 1 || diags[0].Summary != "Invalid api_key_env" || attributeName(diags[0]) != "api_key_env" {
				t.Errorf("%s api_key_env = %q: diagnostics = %+v", phase, value, diags)
				continue
			}
			if strings.Contains(diags[0].Detail, value) || strings.Contains(diags[0].Summary, value) {
				t.Errorf("%s api_key_env = %q: the diagnostic repeats the value: %s", phase, value, diags[0].Detail)
			}
		}
	}
	for _, name := range []string{"GATEWAY_API_KEY_ALERTS", "SMS_KEY_2", "AWS_S3_KEY", " GATEWAY_API_KEY_EU "} {
		resp, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
			Config: object(t, providerType, map[string]any{"api_key_env": name, "endpoint": "https://alphasms.ua"}),
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Missing API key" ||
			!strings.Contains(resp.Diagnostics[0].Detail, "the environment variable "+strings.TrimSpace(name)+", which api_key_env names") {
			t.Errorf("api_key_env = %q: diagnostics = %+v", name, resp.Diagnostics)
		}
	}
}

// A key the gateway refuses gets a hint naming where it was read: the variable api_key_env
// names, GATEWAY_API_KEY, or api_key. A key refused before any request is reported on the
// attribute that named its variable.
func TestProtocol_keyHintNamesWhereTheKeyWasRead(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t) // no account: every key is refused with errors:Invalid API key
	for _, tc := range []struct {
		env  acctest.Env
		cfg  map[string]any
		hint string
	}{
		{acctest.Env{"GATEWAY_API_KEY_ALERTS": "wrong~key~1"}, map[string]any{"api_key_env": "GATEWAY_API_KEY_ALERTS"},
			"Check the GATEWAY_API_KEY_ALERTS environment variable, which api_key_env names: it must hold this account's API key"},
		{acctest.Env{provider.EnvAPIKey: "wrong~key~2"}, nil, "Check the GATEWAY_API_KEY environment variable: it must hold"},
		{nil, map[string]any{"api_key": "wrong~key~3"}, "Check api_key: it must hold"},
	} {
		cfg := map[string]any{"endpoint": g.URL}
		for k, v := range tc.cfg {
			cfg[k] = v
		}
		diags := readBalanceWithEnv(t, tc.env, cfg, nil).diags
		if len(diags) != 1 || diags[0].Summary != "The gateway rejected the request" || !strings.Contains(diags[0].Detail, tc.hint) {
			t.Errorf("config %v, env %v: diagnostics = %+v, want the hint %q", tc.cfg, tc.env, diags, tc.hint)
		}
	}
	diags := readBalanceWithEnv(t, acctest.Env{"GATEWAY_API_KEY_ALERTS": "short"}, map[string]any{"endpoint": g.URL, "api_key_env": "GATEWAY_API_KEY_ALERTS"}, nil).diags
	if len(diags) != 1 || diags[0].Summary != "Invalid API key" || attributeName(diags[0]) != "api_key_env" ||
		!strings.Contains(diags[0].Detail, "The GATEWAY_API_KEY_ALERTS environment variable, which api_key_env names: the API key does not look like one") {
		t.Errorf("a short key from GATEWAY_API_KEY_ALERTS: diagnostics = %+v", diags)
	}
}

// A timeout hint suggests only values that would be accepted: "30" gets "30s", but "1e3",
// "NaN", "-5" and "600" are not turned into "1e3s", "NaNs", "-5s" or "600s".
func TestProtocol_timeoutHintsOnlyAcceptedValues(t *testing.T) {
	t.Parallel()
	server := acctest.ProtocolServer(t, nil)
	validate := func(timeout string) []*tfprotov6.Diagnostic {
		resp, err := server.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{
			Config: object(t, providerType, map[string]any{"timeout": timeout}),
		})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Diagnostics
	}
	suggestion := regexp.MustCompile(`such as "([^"]*)"`)
	for timeout, want := range map[string]string{"30": `add a unit, such as "30s"`, "1e3": "not a duration", "NaN": "not a duration",
		"-5": "not a duration", "600": "not a duration", "Inf": "not a duration", "0": "greater than zero", " 45 ": `such as "45s"`} {
		diags := validate(timeout)
		if len(diags) != 1 || !strings.Contains(diags[0].Detail, want) {
			t.Errorf("timeout %q: diagnostics = %+v, want one saying %q", timeout, diags, want)
			continue
		}
		for _, m := range suggestion.FindAllStringSubmatch(diags[0].Detail, -1) {
			if again := validate(m[1]); len(again) != 0 {
				t.Errorf("timeout %q: the hint suggests %q, which is refused: %s", timeout, m[1], again[0].Detail)
			}
		}
	}
}

// A key from the environment that is not UTF-8 text is refused, as other keys redaction could
// not protect are: its bytes would be shown as U+FFFD, a form no redaction recognises.
func TestProtocol_keyNotUTF8Refused(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	diags := readBalanceWithEnv(t, acctest.Env{provider.EnvAPIKey: "\xff\xfebad-key-12"}, map[string]any{"endpoint": g.URL}, nil).diags
	if len(diags) != 1 || diags[0].Summary != "Invalid API key" || attributeName(diags[0]) != "api_key" ||
		!strings.Contains(diags[0].Detail, "The GATEWAY_API_KEY environment variable: the API key does not look like one: it is not valid UTF-8 text") {
		t.Fatalf("diagnostics = %+v", diags)
	}
	if n := g.RequestCount(); n != 0 {
		t.Fatalf("the key was sent: %d requests", n)
	}
}

// endpoint unset is read from GATEWAY_ENDPOINT; with that unset too, the error says both.
func TestProtocol_endpointFromTheEnvironment(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "5")
	for env, want := range map[string]string{g.URL: "", "": "Missing gateway endpoint"} {
		server := acctest.ProtocolServer(t, acctest.Env{provider.EnvEndpoint: env})
		resp, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
			Config: object(t, providerType, map[string]any{"api_key": acctest.Key}),
		})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(resp.Diagnostics) > 0 {
			got = resp.Diagnostics[0].Summary
		}
		if got != want || len(resp.Diagnostics) > 1 {
			t.Errorf("GATEWAY_ENDPOINT=%q: diagnostics %+v, want %q", env, resp.Diagnostics, want)
		}
	}
}
