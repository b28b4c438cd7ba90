package e2e

import (
	"os"
	"path/filepath"
	"regexp"
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

// In one phase (a plan, or an apply), every reader of an account sees one figure, and the
// gateway is asked once, whatever forms and dependency shapes a configuration mixes. Each
// phase asks afresh: the fake's balances change with every request, so a second request in a
// phase, or a phase that did not ask, shows in the figures.
func TestOneFigurePerPhase(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	for name, shape := range figureShapes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetBalances(acctest.Key, "1000", "900", "800", "700")
			g.SetPrice("380", "0.5", "UAH")
			work := workDir(t, "", acctest.RequiredProviders+"\nprovider \"gateway\" {}\n"+shape)
			env := acctest.GatewayEnv(g)

			plan := cli(t, work, env, "plan", "-out=figures.tfplan")
			if plan.err != nil {
				t.Fatalf("plan: %v\n%s", plan.err, plan.output)
			}
			if n := balanceRequests(g); n != 1 {
				t.Fatalf("the plan asked for the balance %d times, want 1:\n%s", n, plan.output)
			}
			if out := acctest.FoldSpaces(plan.output); !strings.Contains(out, `+ figures = [ + "1000", ]`) {
				t.Fatalf("the plan's data sources did not all see 1000:\n%s", plan.output)
			}
			assertFigures(t, "the plan", plan.output, "1000")

			apply := cli(t, work, env, "apply", "figures.tfplan")
			if apply.err != nil {
				t.Fatalf("apply of the saved plan: %v\n%s", apply.err, apply.output)
			}
			if n := balanceRequests(g); n != 2 {
				t.Fatalf("plan and apply asked for the balance %d times, want 2 (one each):\n%s", n, apply.output)
			}
			assertFigures(t, "the apply", apply.output, "900")
			if strings.Contains(shape, `"late"`) && !strings.Contains(apply.output, "late = 900") {
				t.Fatalf("the data source read at apply did not see the apply's figure, 900:\n%s", apply.output)
			}
		})
	}
}

// lowWarning is the warning every reader of the shapes gives, with the figure it saw.
var lowWarning = regexp.MustCompile(`Warning: Balance is low: (\S+) below`)

// assertFigures fails unless what printed warnings shows that every reader saw want, and at
// least one reader printed.
func assertFigures(t *testing.T, what, output, want string) {
	t.Helper()
	seen := lowWarning.FindAllStringSubmatch(output, -1)
	if len(seen) == 0 {
		t.Fatalf("%s printed no reader's figure:\n%s", what, output)
	}
	for _, m := range seen {
		if m[1] != want {
			t.Fatalf("in %s a reader saw %s, not the phase's %s:\n%s", what, m[1], want, output)
		}
	}
}

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

// terraform test keeps one configured provider for every run of a file on Terraform when the
// test file declares it (OpenTofu starts one for each plan and apply): each run's plan and each
// apply still ask once, and every reader of the phase sees its figure.
func TestOneFigurePerPhaseInTerraformTest(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900", "800", "700", "600")
	g.SetPrice("380", "0.5", "UAH")
	work := workDir(t, "", acctest.RequiredProviders+"\nprovider \"gateway\" {}\n"+figureShapes["mixed readers"])
	tests := `
provider "gateway" {}

run "first_plan" {
  command = plan
  assert {
    condition     = data.gateway_balance.a.balance == 1000 && data.gateway_balance.b.balance == 1000
    error_message = "The first plan's readers did not all see 1000."
  }
}

# A plan (900), then its apply (800): the ephemeral resource is opened again.
run "plan_and_apply" {
  command = apply
  assert {
    condition     = data.gateway_balance.a.balance == 900 && data.gateway_balance.b.balance == 900
    error_message = "The second plan's readers did not all see 900."
  }
}

run "last_plan" {
  command = plan
  assert {
    condition     = data.gateway_balance.a.balance == 700 && data.gateway_balance.b.balance == 700
    error_message = "The last plan's readers did not all see 700."
  }
}
`
	if err := os.MkdirAll(filepath.Join(work, "tests"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "tests", "figures.tftest.hcl"), []byte(tests), 0o600); err != nil {
		t.Fatal(err)
	}
	res := cli(t, work, acctest.GatewayEnv(g), "test")
	if res.err != nil || !strings.Contains(res.output, "3 passed, 0 failed") {
		t.Fatalf("terraform test: %v\n%s", res.err, res.output)
	}
	assertFigures(t, "the first plan", res.output[:strings.Index(res.output, `run "plan_and_apply"`)], "1000")
	phases := 4 // three plans and an apply
	if acctest.IsOpenTofu() {
		phases++ // OpenTofu plans once more, to destroy what the apply created
	}
	if n := balanceRequests(g); n != phases {
		t.Fatalf("%d phases asked for the balance %d times, want once each:\n%s", phases, n, res.output)
	}
}

// Runs of a configuration without an ephemeral resource, its gate's level a variable, with the
// provider declared in the test file: each run asks afresh (a run's validate walk validates the
// variable unknown, which shows where it starts).
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
	tests := `
provider "gateway" {}

run "enough" {
  command = plan
  assert {
    condition     = data.gateway_balance.early.balance == 1000 && data.gateway_balance.gate.balance == 1000
    error_message = "The first run's readers did not both see 1000."
  }
}

run "still_enough" {
  command = plan
  assert {
    condition     = data.gateway_balance.early.balance == 900 && data.gateway_balance.gate.balance == 900
    error_message = "The second run's readers did not both see 900."
  }
}

run "short" {
  command = plan
}
`
	if err := os.MkdirAll(filepath.Join(work, "tests"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "tests", "runs.tftest.hcl"), []byte(tests), 0o600); err != nil {
		t.Fatal(err)
	}
	res := cli(t, work, acctest.GatewayEnv(g), "test")
	out := acctest.FoldSpaces(res.output)
	if res.err == nil || !strings.Contains(out, "2 passed, 1 failed") || !strings.Contains(out, "balance of 800, below the minimum of 850") {
		t.Fatalf("terraform test: %v\n%s", res.err, res.output)
	}
	if n := balanceRequests(g); n != 3 {
		t.Fatalf("three runs asked for the balance %d times, want once each:\n%s", n, res.output)
	}
}
