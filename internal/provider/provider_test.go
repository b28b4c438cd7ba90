package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// testKey is the API key of the tests' fake accounts. Its "~" is a character nothing else
// in Terraform's output contains and URL encoding leaves alone, so keyless() can prove that
// a whole error message is free of the key.
const testKey = "test~key~Zq81"

// factories runs the provider in-process with its own environment, so tests need not touch
// the real one and can run in parallel.
func factories(env map[string]string) map[string]func() (tfprotov6.ProviderServer, error) {
	lookup := func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"gateway": providerserver.NewProtocol6WithError(newWithEnv("test", lookup)()),
	}
}

// startGateway serves a fake gateway with one account holding balance.
func startGateway(t *testing.T, balance string) *gatewaytest.Gateway {
	t.Helper()
	g := gatewaytest.Start(t)
	g.SetAccount(testKey, balance)
	return g
}

// providerBlock is a provider block for the fake gateway with extra arguments appended.
func providerBlock(endpoint string, extra ...string) string {
	return fmt.Sprintf("provider \"gateway\" {\n  endpoint = %q\n  api_key  = %q\n  %s\n}\n",
		endpoint, testKey, strings.Join(extra, "\n  "))
}

// keyless matches an error that contains pattern and, anywhere in its whole text, no "~",
// and so not testKey.
func keyless(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)\A[^~]*` + pattern + `[^~]*\z`)
}

// words matches text literally, whatever the CLI's line wrapping did to its spaces.
func words(text string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(text)), `\s+`)
}

func decimal(t *testing.T, s string) *big.Float {
	t.Helper()
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// stateHasNoKey fails when the key appears anywhere in the state.
type stateHasNoKey struct{}

func (stateHasNoKey) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = jsonHasNoKey("state", req.State)
}

// planHasNoKey fails when the key appears anywhere in the plan.
type planHasNoKey struct{}

func (planHasNoKey) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = jsonHasNoKey("plan", req.Plan)
}

func jsonHasNoKey(what string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if strings.Contains(string(b), "~key~") {
		return fmt.Errorf("the %s contains the API key: %s", what, b)
	}
	return nil
}

// closedLoopbackURL is a loopback URL nothing listens on.
func closedLoopbackURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr
}
