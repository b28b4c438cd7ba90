package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// figureShapes are configurations that mix every reader of one account: data sources, ephemeral
// instances, a price whose budget is a balance, in several dependency shapes. Every balance
// reader warns (warn_below far above any figure), so the CLI prints what each one saw, at plan
// and at apply; the outputs show the data sources' figures too.
var figureShapes = map[string]string{
	// The shape a team's configuration grows into: a gate, a price counted against a balance,
	// and a warning level computed from the price, read after the ephemeral resource is closed.
	"mixed readers": `
data "gateway_balance" "a" {
  warn_below = 1000000000
}

ephemeral "gateway_balance" "gate" {
  warn_below = 1000000000
}

data "gateway_sms_price" "otp" {
  to     = "+380 50 123 45 67"
  text   = "Your code is 123456"
  budget = data.gateway_balance.a.balance
}

data "gateway_balance" "b" {
  warn_below = data.gateway_sms_price.otp.message_price * 1000000000
}

resource "terraform_data" "campaign" {
  input = 1
  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.gate.balance > 0
      error_message = "No funds."
    }
  }
}

output "figures" {
  value = distinct([tostring(data.gateway_balance.a.balance), tostring(data.gateway_balance.b.balance), tostring(data.gateway_sms_price.otp.budget)])
}
`,
	"for_each on both forms": `
data "gateway_balance" "each" {
  for_each   = toset(["a", "b", "c"])
  warn_below = 1000000000
}

ephemeral "gateway_balance" "each" {
  for_each   = toset(["a", "b", "c"])
  warn_below = 1000000000
}

resource "terraform_data" "campaign" {
  input = 1
  lifecycle {
    precondition {
      condition     = alltrue([for e in ephemeral.gateway_balance.each : e.balance > 0])
      error_message = "No funds."
    }
  }
}

output "figures" {
  value = distinct([for d in data.gateway_balance.each : tostring(d.balance)])
}
`,
	// A second ephemeral block whose level comes from a price read only after managed
	// resources: deferred, it opens at apply beside the first.
	"a second ephemeral block deferred by a chain": `
ephemeral "gateway_balance" "first" {
  warn_below = 1000000000
}

resource "terraform_data" "first" {
  input = 1
  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.first.balance > 0
      error_message = "No funds."
    }
  }
}

resource "terraform_data" "chain" {
  count      = 6
  input      = count.index
  depends_on = [terraform_data.first]
}

data "gateway_sms_price" "after_the_chain" {
  to         = "380501234567"
  depends_on = [terraform_data.chain]
}

ephemeral "gateway_balance" "second" {
  warn_below = data.gateway_sms_price.after_the_chain.price * 4000000000
}

resource "terraform_data" "second" {
  input = 1
  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.second.balance > 0
      error_message = "No funds."
    }
  }
}

data "gateway_balance" "a" {
  warn_below = 1000000000
}

output "figures" {
  value = distinct([tostring(data.gateway_balance.a.balance)])
}
`,
	// A chain (balance, price, ephemeral resource), and depends_on on a managed resource, which
	// puts the late data source's read in the apply, beside the ephemeral resource's opening.
	"depends_on and a chain": `
data "gateway_balance" "a" {
  warn_below = 1000000000
}

data "gateway_sms_price" "otp" {
  to     = "380501234567"
  budget = data.gateway_balance.a.balance
}

ephemeral "gateway_balance" "gate" {
  warn_below = data.gateway_sms_price.otp.price * 1000000000
  depends_on = [data.gateway_sms_price.otp]
}

resource "terraform_data" "first" {
  input = 1
  lifecycle {
    precondition {
      condition     = ephemeral.gateway_balance.gate.balance > 0
      error_message = "No funds."
    }
  }
}

data "gateway_balance" "late" {
  warn_below = 1000000000
  depends_on = [terraform_data.first]
}

output "figures" {
  value = distinct([tostring(data.gateway_balance.a.balance), tostring(data.gateway_sms_price.otp.budget)])
}

output "late" {
  value = data.gateway_balance.late.balance
}
`,
}

// decreasingBalances are balances served in turn, each request's figure lower than the last:
// a figure says which request it came from.
func decreasingBalances() []string {
	var list []string
	for b := 1000; b > 500; b -= 10 {
		list = append(list, strconv.Itoa(b))
	}
	return list
}

// The rule, through each CLI and whatever the dependency shape: the data sources of one
// Configure (a plan, or an apply) share one figure; ephemeral instances ask when they are
// opened; so the apply of a saved plan gates on figures newer than any its plan saw.
func TestWhoAsksWhen(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	for name, shape := range figureShapes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetBalances(acctest.Key, decreasingBalances()...)
			g.SetPrice("380", "0.5", "UAH")
			work := workDir(t, "", acctest.RequiredProviders+"\nprovider \"gateway\" {}\n"+shape)
			env := acctest.GatewayEnv(g)

			plan := cli(t, work, env, "plan", "-out=figures.tfplan")
			if plan.err != nil {
				t.Fatalf("plan: %v\n%s", plan.err, plan.output)
			}
			m := regexp.MustCompile(`\+ figures = \[ \+ "(\d+)", \]`).FindStringSubmatch(acctest.FoldSpaces(plan.output))
			if m == nil {
				t.Fatalf("the plan's data sources did not all see one figure:\n%s", plan.output)
			}
			planned, _ := strconv.Atoi(m[1])

			apply := cli(t, work, env, "apply", "figures.tfplan")
			if apply.err != nil {
				t.Fatalf("apply of the saved plan: %v\n%s", apply.err, apply.output)
			}
			seen := lowWarning.FindAllStringSubmatch(apply.output, -1)
			if len(seen) == 0 {
				t.Fatalf("the apply printed no reader's figure:\n%s", apply.output)
			}
			for _, m := range seen {
				if got, _ := strconv.Atoi(m[1]); got >= planned {
					t.Fatalf("at apply a reader saw %d, not newer than the plan's %d:\n%s", got, planned, apply.output)
				}
			}
		})
	}
}

// lowWarning is the warning every reader of the shapes gives, with the figure it saw.
var lowWarning = regexp.MustCompile(`Warning: Balance is low: (\S+) below`)

// balanceRequests counts the requests for the balance the fake received.
func balanceRequests(g *gatewaytest.Gateway) int {
	n := 0
	for _, r := range g.Requests() {
		if r.Command == "balance" {
			n++
		}
	}
	return n
}

// writeTests writes a test file into work's tests directory.
func writeTests(t *testing.T, work, name, tests string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(work, "tests"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "tests", name), []byte(tests), 0o600); err != nil {
		t.Fatal(err)
	}
}

// In terraform test, with the provider declared in the test file (which Terraform 1.16
// configures once for the whole file): a run that expects the gate's failure, then an apply run
// against funds that dropped since. The ephemeral gate asks when it is opened, so the apply run
// stops on the fresh figure. (Inferring walks from the order of calls, the provider once kept
// the first run's figure here: the apply created the campaign.)
func TestTestRunsGateOnFreshFunds(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "1000", "10") // the first run's plan, the second's plan, its apply
	work := workDir(t, examplesDir("ephemeral-resources", "gateway_balance", "saved-plan"), "")
	writeTests(t, work, "gate.tftest.hcl", `
provider "gateway" {}

run "too_big_a_campaign" {
  command = plan
  variables {
    campaign_budget = 5000
  }
  expect_failures = [terraform_data.campaign]
}

run "funds_spent_since" {
  command = apply
  variables {
    campaign_budget = 500
  }
  expect_failures = [terraform_data.campaign]
}
`)
	res := cli(t, work, acctest.GatewayEnv(g), "test")
	if res.err != nil || !strings.Contains(res.output, "2 passed, 0 failed") {
		t.Fatalf("%s test: %v\n%s", acctest.CLIName(), res.err, res.output)
	}
}

// Data sources share one figure per Configure. OpenTofu configures a provider for each plan
// and apply of a test file, so each run's data sources ask afresh; Terraform 1.16 configures a
// provider the test file declares once for the whole file, so its data sources ask once.
func TestDataSourceRunsInTerraformTest(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.TestingFramework)
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900", "800")
	work := workDir(t, "", acctest.RequiredProviders+`
provider "gateway" {}

variable "level" {
  type    = number
  default = 850
}

data "gateway_balance" "early" {}

data "gateway_balance" "gate" {
  minimum = var.level
}
`)
	want, requests := []string{"1000", "900", "800"}, 3
	if !acctest.IsOpenTofu() {
		want, requests = []string{"1000", "1000", "1000"}, 1
	}
	writeTests(t, work, "runs.tftest.hcl", fmt.Sprintf(`
provider "gateway" {}

run "first" {
  command = plan
  assert {
    condition     = data.gateway_balance.early.balance == %[1]s && data.gateway_balance.gate.balance == %[1]s
    error_message = "The first run's readers did not both see %[1]s."
  }
}

run "second" {
  command = plan
  assert {
    condition     = data.gateway_balance.early.balance == %[2]s && data.gateway_balance.gate.balance == %[2]s
    error_message = "The second run's readers did not both see %[2]s."
  }
}

run "third" {
  command = plan
  variables {
    level = 700
  }
  assert {
    condition     = data.gateway_balance.gate.balance == %[3]s
    error_message = "The third run's reader did not see %[3]s."
  }
}
`, want[0], want[1], want[2]))
	res := cli(t, work, acctest.GatewayEnv(g), "test")
	if res.err != nil || !strings.Contains(res.output, "3 passed, 0 failed") {
		t.Fatalf("%s test: %v\n%s", acctest.CLIName(), res.err, res.output)
	}
	if n := balanceRequests(g); n != requests {
		t.Fatalf("three runs asked for the balance %d times, want %d:\n%s", n, requests, res.output)
	}
}
