package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// agencyKeys are the four clients' accounts: a, b and c gated in the root module, d through a
// module of its own.
var agencyKeys = map[string]string{"a": "ag-Qz81-Wp2x", "b": "ag-Vn5r-Tb4c", "c": "ag-Hm3k-Ly7d", "d": "ag-Rt6j-Xs9e"}

// agencyConfig is an agency's root module: one provider per client, each client's campaigns
// gated by the client's gateway_budget, and a warning level per account for the morning alarm.
func agencyConfig() string {
	var b strings.Builder
	b.WriteString(acctest.RequiredProviders + `
variable "campaigns" {
  type    = map(map(number)) # client => campaign => cost
  default = {}
}

module "client_d" {
  source    = "./client"
  providers = { gateway = gateway.d }
  campaigns = lookup(var.campaigns, "d", {})
}

output "low" {
  value = [data.gateway_balance.a.low, data.gateway_balance.b.low, data.gateway_balance.c.low, module.client_d.low]
}
`)
	for _, c := range []string{"a", "b", "c", "d"} {
		fmt.Fprintf(&b, "\nprovider \"gateway\" {\n  alias       = %q\n  api_key_env = \"GATEWAY_API_KEY_%s\"\n}\n", c, strings.ToUpper(c))
		if c == "d" {
			continue
		}
		fmt.Fprintf(&b, `
resource "gateway_budget" %[1]q {
  provider = gateway.%[1]s
  work     = { for name, cost in lookup(var.campaigns, %[1]q, {}) : name => { cost = cost } }
}

resource "terraform_data" "campaign_%[1]s" {
  for_each   = lookup(var.campaigns, %[1]q, {})
  input      = each.value
  depends_on = [gateway_budget.%[1]s]
}

data "gateway_balance" %[1]q {
  provider   = gateway.%[1]s
  warn_below = 500
}
`, c)
	}
	return b.String()
}

const agencyClientModule = acctest.RequiredProviders + `
variable "campaigns" {
  type = map(number)
}

resource "gateway_budget" "this" {
  work = { for name, cost in var.campaigns : name => { cost = cost } }
}

resource "terraform_data" "campaign" {
  for_each   = var.campaigns
  input      = each.value
  depends_on = [gateway_budget.this]
}

data "gateway_balance" "this" {
  warn_below = 500
}

output "low" {
  value = data.gateway_balance.this.low
}
`

// The gate of the work, through each CLI, for an agency of four clients: it checks a campaign
// when it is new, at plan and again at the apply of a saved plan, sums what one account pays
// for, and goes quiet once the campaign has run.
func TestBudgetGatesTheWork(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	env := map[string]string{"GATEWAY_ENDPOINT": g.URL}
	for c, key := range agencyKeys {
		g.SetAccount(key, "1000")
		env["GATEWAY_API_KEY_"+strings.ToUpper(c)] = key
	}
	work := workDir(t, "", agencyConfig())
	if err := os.MkdirAll(filepath.Join(work, "client"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "client", "main.tf"), []byte(agencyClientModule), 0o600); err != nil {
		t.Fatal(err)
	}
	step := func(name string, campaigns map[string]map[string]int, args ...string) cliResult {
		t.Helper()
		b, err := json.Marshal(map[string]any{"campaigns": campaigns})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name+".tfvars.json"), b, 0o600); err != nil {
			t.Fatal(err)
		}
		return cli(t, work, env, append(args, "-var-file="+name+".tfvars.json")...)
	}
	if res := cli(t, work, env, "get", "-no-color"); res.err != nil { // the module; dev_overrides needs no init
		t.Fatalf("get: %v\n%s", res.err, res.output)
	}

	// Spring runs for a and d, each within its account's funds.
	spring := map[string]map[string]int{"a": {"spring": 600}, "d": {"spring": 600}}
	if res := step("spring", spring, "apply", "-auto-approve"); res.err != nil {
		t.Fatalf("the first campaigns, covered: %v\n%s", res.err, res.output)
	}

	// They spent their money. The next plan, which adds nothing, passes and warns.
	g.SetAccount(agencyKeys["a"], "100")
	g.SetAccount(agencyKeys["d"], "100")
	before := balanceRequests(g)
	res := step("after", spring, "plan")
	if res.err != nil || strings.Contains(res.output, "Error") {
		t.Fatalf("a plan after the campaigns ran failed: %v\n%s", res.err, res.output)
	}
	if n := strings.Count(res.output, "Warning: Balance is low: 100 below 500"); n != 2 {
		t.Errorf("the plan after the campaigns ran warned %d times of a balance of 100, want 2 (a and d):\n%s", n, res.output)
	}
	if n := balanceRequests(g) - before; n != 4 {
		t.Errorf("the plan after the campaigns asked %d times, want 4: one data source per account, no budget", n)
	}

	// A new campaign the funds do not cover fails its plan, in the root and in the module.
	res = step("summer", map[string]map[string]int{"a": {"spring": 600, "summer": 300}, "d": {"spring": 600, "summer": 300}}, "plan")
	out := acctest.FoldSpaces(res.output)
	if res.err == nil || strings.Count(out, "Error: Funds do not cover the work") != 2 || strings.Count(out, "a balance of 100 for the account") != 2 ||
		!strings.Contains(out, `needs 300: - "summer": 300`) || !strings.Contains(out, "GATEWAY_API_KEY_A") || !strings.Contains(out, "GATEWAY_API_KEY_D") {
		t.Fatalf("a plan adding campaigns of 300 to accounts holding 100 did not fail naming both figures and each key's variable: %v\n%s", res.err, res.output)
	}

	// Two campaigns on c, each within its 1000, not together: the plan fails, naming both.
	res = step("together", map[string]map[string]int{"a": {"spring": 600}, "d": {"spring": 600}, "c": {"x": 600, "y": 600}}, "plan")
	if out := acctest.FoldSpaces(res.output); res.err == nil || !strings.Contains(out, `needs 1200: - "x": 600 - "y": 600`) {
		t.Fatalf("two campaigns of 600 on an account of 1000 did not fail together: %v\n%s", res.err, res.output)
	}

	// A saved plan for b, applied after b's funds dropped: the apply stops before the campaign.
	autumn := map[string]map[string]int{"a": {"spring": 600}, "d": {"spring": 600}, "b": {"autumn": 800}}
	if res := step("autumn", autumn, "plan", "-out=autumn.tfplan"); res.err != nil {
		t.Fatalf("the plan of a covered campaign failed: %v\n%s", res.err, res.output)
	}
	g.SetAccount(agencyKeys["b"], "500")
	res = cli(t, work, env, "apply", "autumn.tfplan")
	if out := acctest.FoldSpaces(res.output); res.err == nil || !strings.Contains(out, "a balance of 500") || !strings.Contains(out, "needs 800") {
		t.Fatalf("the saved plan applied after b's funds dropped to 500 did not stop: %v\n%s", res.err, res.output)
	}
	list := cli(t, work, env, "state", "list")
	if strings.Contains(list.output, `campaign_b["autumn"]`) || strings.Contains(cli(t, work, env, "show", "-json").output, `"autumn"`) {
		t.Fatalf("the stopped apply left the campaign or its budget in the state:\n%s", list.output)
	}
	if !strings.Contains(list.output, `module.client_d.terraform_data.campaign["spring"]`) {
		t.Fatalf("the state lost the campaigns that ran:\n%s", list.output)
	}
}

// The CI guide's configuration, verbatim, on every CLI: a saved plan applied after the
// marketing account's funds dropped stops before the campaign; topped up, a new plan applies;
// then, after the campaign spent the money and the price rose, the next plan passes and warns.
func TestCIConfigurationGatesOnEveryCLI(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.JSON = true
	g.SetPrice("380", "0.5", "UAH")
	g.SetAccount(marketingKey, "1000")
	g.SetAccount(alertsKey, "2000")
	env := map[string]string{"GATEWAY_ENDPOINT": g.URL, "GATEWAY_API_KEY_MARKETING": marketingKey, "GATEWAY_API_KEY_ALERTS": alertsKey}
	work := workDir(t, "", "")
	copyFile(t, examplesDir("ci", "sms", "main.tf"), filepath.Join(work, "main.tf"))

	if res := cli(t, work, env, "plan", "-out=campaign.tfplan"); res.err != nil {
		t.Fatalf("the plan with enough funds: %v\n%s", res.err, res.output)
	}
	g.SetAccount(marketingKey, "10")
	res := cli(t, work, env, "apply", "campaign.tfplan")
	if out := acctest.FoldSpaces(res.output); res.err == nil || !strings.Contains(out, "Error: Funds do not cover the work") ||
		!strings.Contains(out, `a balance of 10 UAH for the account whose key is read from the GATEWAY_API_KEY_MARKETING`) {
		t.Fatalf("the saved plan applied after the funds dropped to 10 did not stop: %v\n%s", res.err, res.output)
	}
	if list := cli(t, work, env, "state", "list"); strings.Contains(list.output, "terraform_data.campaign") {
		t.Fatalf("the stopped apply created the campaign:\n%s", list.output)
	}
	g.SetAccount(marketingKey, "1000")
	if res := cli(t, work, env, "apply", "-auto-approve"); res.err != nil {
		t.Fatalf("the apply after the top-up: %v\n%s", res.err, res.output)
	}
	// The campaign spent 250, more went since, and the price rose: the campaign that ran is not
	// checked again at today's price.
	g.SetAccount(marketingKey, "100")
	g.SetPrice("380", "0.55", "UAH")
	before := balanceRequests(g)
	res = cli(t, work, env, "plan")
	if res.err != nil || !strings.Contains(res.output, "Warning: Balance is low: 181 messages below 1000 (GATEWAY_API_KEY_MARKETING)") {
		t.Fatalf("the plan after the campaign ran did not pass with a warning: %v\n%s", res.err, res.output)
	}
	if n := balanceRequests(g) - before; n != 2 {
		t.Fatalf("the plan after the campaign ran asked %d times, want 2: the alarm's data sources, not the budget", n)
	}
}

// A client's module holds its own budget, and its own tests: with the provider mocked, they
// hold what the budget counts, and fail when the module budgets a campaign at less than its
// cost.
func TestClientModuleTests(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.TestingFramework)
	tests := `
mock_provider "gateway" {}

variables {
  campaigns = { spring = 600, summer = 250 }
}

run "each_campaign_is_budgeted_at_its_cost" {
  command = plan

  assert {
    condition     = gateway_budget.this.work["spring"].cost == 600 && gateway_budget.this.work["summer"].cost == 250
    error_message = "The client's budget does not hold each campaign at its cost."
  }
}
`
	for _, tc := range []struct {
		name, module, want string
	}{
		{"as written", agencyClientModule, "1 passed, 0 failed"},
		{"loosened", strings.Replace(agencyClientModule, "{ cost = cost }", "{ cost = cost / 2 }", 1), "0 passed, 1 failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.module == agencyClientModule && tc.name != "as written" {
				t.Fatal("the module no longer holds { cost = cost }")
			}
			work := workDir(t, "", tc.module)
			writeTests(t, work, "client.tftest.hcl", tests)
			res := cli(t, work, nil, "test")
			if !strings.Contains(res.output, tc.want) || (res.err == nil) != (tc.name == "as written") {
				t.Fatalf("%s test of the client's module %s: %v\n%s", acctest.CLIName(), tc.name, res.err, res.output)
			}
		})
	}
}
