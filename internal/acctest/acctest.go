// Package acctest is the test kit of the provider's acceptance, protocol, end-to-end and
// benchmark code: provider factories, the fake gateway's start-up, configuration builders and
// the checks that prove no key reached the state, the plan or an error.
package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/provider"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// Key is the API key of the tests' fake accounts (see gatewaytest.Key).
const Key = gatewaytest.Key

// Env is a provider environment: environment variable names to values.
type Env map[string]string

func (e Env) lookup(name string) (string, bool) {
	v, ok := e[name]
	return v, ok
}

// Factories runs the provider in-process with env as its whole environment, so tests need
// not touch the real one and can run in parallel. Each CLI command gets a provider of its own,
// as each gets a process of its own outside the tests.
func Factories(env Env) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"gateway": func() (tfprotov6.ProviderServer, error) {
			return providerserver.NewProtocol6WithError(provider.NewWithEnv("test", env.lookup)())()
		},
	}
}

// ProtocolServer is the provider's server with env as its environment, for tests and
// benchmarks that call it as Terraform would.
func ProtocolServer(tb testing.TB, env Env) tfprotov6.ProviderServer {
	tb.Helper()
	server, err := providerserver.NewProtocol6WithError(provider.NewWithEnv("test", env.lookup)())()
	if err != nil {
		tb.Fatal(err)
	}
	return server
}

// StartGateway serves a fake gateway, for the test's lifetime, with one account: Key,
// holding balance.
func StartGateway(tb testing.TB, balance string) *gatewaytest.Gateway {
	tb.Helper()
	g := gatewaytest.Start(tb)
	g.SetAccount(Key, balance)
	return g
}

// GatewayEnv points a provider at g with Key from the environment, as the docs recommend.
func GatewayEnv(g *gatewaytest.Gateway) Env {
	return Env{provider.EnvAPIKey: Key, provider.EnvEndpoint: g.URL}
}

// ProviderBlock is a provider block for the fake gateway with Key written in it and extra
// arguments appended.
func ProviderBlock(endpoint string, extra ...string) string {
	return fmt.Sprintf("provider \"gateway\" {\n  endpoint = %q\n  api_key  = %q\n  %s\n}\n",
		endpoint, Key, strings.Join(extra, "\n  "))
}

// RequiredProviders is the terraform block that names the provider as users do.
const RequiredProviders = `terraform {
  required_providers {
    gateway = { source = "smsgateway/gateway" }
  }
}
`

// ForEachBalance declares n gateway_balance instances, each with its own minimum, read
// through the given provider block, and an output that proves every instance saw the same
// figure.
func ForEachBalance(n int, providerBlock string) string {
	return RequiredProviders + fmt.Sprintf(`
%s

data "gateway_balance" "campaign" {
  for_each = toset([for i in range(%d) : tostring(i)])
  minimum  = tonumber(each.key) / 1000
}

output "distinct_figures" {
  value = distinct([for b in data.gateway_balance.campaign : tostring(b.balance)])
}
`, providerBlock, n)
}

// ErrorWithoutKey matches an error that contains pattern and, anywhere in its whole text, no
// "~", and so no form of Key.
func ErrorWithoutKey(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)\A[^~]*` + pattern + `[^~]*\z`)
}

// Spaced is a pattern that matches text literally, whatever the CLI's line wrapping did to
// its spaces.
func Spaced(text string) string {
	return strings.ReplaceAll(regexp.QuoteMeta(FoldSpaces(text)), " ", `\s+`)
}

// FoldSpaces folds every run of white space into one space, so that a test can find a
// sentence in the CLI's wrapped output.
func FoldSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Decimal parses an amount at the precision the provider and Terraform use.
func Decimal(tb testing.TB, s string) *big.Float {
	tb.Helper()
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// StateHasNoKey fails when Key appears, in any form, anywhere in the state.
var StateHasNoKey statecheck.StateCheck = stateHasNoKey{}

type stateHasNoKey struct{}

func (stateHasNoKey) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = jsonHasNoKey("state", req.State)
}

// PlanHasNoKey fails when Key appears, in any form, anywhere in the plan's JSON: its
// configuration, variables and values alike.
var PlanHasNoKey plancheck.PlanCheck = planHasNoKey{}

type planHasNoKey struct{}

func (planHasNoKey) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = jsonHasNoKey("plan", req.Plan)
}

// jsonHasNoKey searches v as JSON: Go's encoder escapes the key's & as \u0026, a form the
// finder undoes like any other.
func jsonHasNoKey(what string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if lo, hi, found := secret.NewFinder(Key).Find(string(b)); found {
		return fmt.Errorf("the %s holds the API key (as %q): %s", what, b[lo:hi], b)
	}
	return nil
}

// Snippet is an example file shown inside a larger docs page (data-source.tf, function.tf),
// ready to run: with the terraform block that names the provider as users do, which the page
// leaves implicit. path is relative to the repository's examples directory.
func Snippet(tb testing.TB, path string) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "examples", path))
	if err != nil {
		tb.Fatal(err)
	}
	if strings.Contains(string(b), "required_providers") {
		return string(b)
	}
	return RequiredProviders + "\n" + string(b)
}
