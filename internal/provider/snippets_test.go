package provider_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// snippetOutputs are what some snippets' outputs must read; every snippet runs, these too.
var snippetOutputs = map[string]struct {
	output string
	want   knownvalue.Check
}{
	"data-sources/gateway_balance/data-source.tf":   {"sms_funds", knownvalue.NumberExact(acctest.Decimal(&testing.T{}, "31.168300000000002"))},
	"data-sources/gateway_sms_price/data-source.tf": {"price_per_message", knownvalue.StringExact("1.2 UAH")},
	"functions/sms_parts/function.tf":               {"reminder_parts", knownvalue.Int64Exact(2)},
}

// snippetBalances are the balances some snippets need to pass their own gates (31.168300000000002 for the others).
var snippetBalances = map[string]string{"ephemeral-resources/gateway_balance/ephemeral-resource.tf": "1000"}

// The snippet each docs page opens with (examples/*/*/data-source.tf, ephemeral-resource.tf,
// function.tf: TestDocs_everyRegisteredThingHasItsPages says each exists) runs as it is shown,
// on every CLI that has what it uses, against the fake gateway, which answers the command
// table's samples; and its state holds no key.
func TestAccSnippets_runAsShown(t *testing.T) {
	t.Parallel()
	var snippets []string
	for _, pattern := range []string{"data-sources/*/data-source.tf", "ephemeral-resources/*/ephemeral-resource.tf", "functions/*/function.tf"} {
		found, err := filepath.Glob(filepath.Join("..", "..", "examples", pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			rel, _ := filepath.Rel(filepath.Join("..", "..", "examples"), f)
			snippets = append(snippets, filepath.ToSlash(rel))
		}
	}
	if len(snippets) < 4 {
		t.Fatalf("found %d snippets: the search is broken", len(snippets))
	}
	for path := range snippetOutputs {
		if !strings.Contains(strings.Join(snippets, " "), path) {
			t.Errorf("snippetOutputs names %s, which is no snippet", path)
		}
	}
	for _, path := range snippets {
		t.Run(path, func(t *testing.T) {
			switch {
			case strings.HasPrefix(path, "functions/"):
				acctest.SkipUnless(t, acctest.Functions)
			case strings.HasPrefix(path, "ephemeral-resources/"):
				acctest.SkipUnless(t, acctest.EphemeralResources)
			}
			balance, ok := snippetBalances[path]
			if !ok {
				balance = "31.168300000000002"
			}
			env := acctest.GatewayEnv(startPricedGateway(t, balance))
			checks := []statecheck.StateCheck{acctest.StateHasNoKey}
			if out, ok := snippetOutputs[path]; ok {
				checks = append(checks, statecheck.ExpectKnownOutputValue(out.output, out.want))
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.Factories(env),
				Steps:                    []resource.TestStep{{Config: acctest.Snippet(t, path), ConfigStateChecks: checks}},
			})
		})
	}
}
