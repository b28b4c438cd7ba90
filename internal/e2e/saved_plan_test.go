package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// dataSourceSavedPlan is the saved-plan recipe written with the data source: what the
// ephemeral resource exists to fix.
const dataSourceSavedPlan = acctest.RequiredProviders + `
provider "gateway" {}

variable "campaign_budget" {
  type    = number
  default = 500
}

data "gateway_balance" "funds" {
  minimum = var.campaign_budget
}

resource "terraform_data" "campaign" {
  input = var.campaign_budget
}
`

// A plan saved while the account holds enough, applied after the balance dropped below the
// minimum: the ephemeral resource stops the apply, the data source lets it through.
func TestSavedPlanAppliedAfterSpending(t *testing.T) {
	t.Parallel()
	const rich, spent = "1000.123456789", "10.987654321"
	for _, tc := range []struct {
		name       string
		src        string
		config     string
		applyFails bool
	}{
		{"ephemeral resource", examplesDir("ephemeral-resources", "gateway_balance", "saved-plan"), "", true},
		{"data source", "", dataSourceSavedPlan, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.src != "" {
				acctest.SkipUnless(t, acctest.EphemeralResources)
			}
			g := acctest.StartGateway(t, rich)
			env := acctest.GatewayEnv(g)
			work := workDir(t, tc.src, tc.config)

			plan := cli(t, work, env, "plan", "-out=campaign.tfplan")
			if plan.err != nil {
				t.Fatalf("plan with %s failed: %v\n%s", rich, plan.err, plan.output)
			}
			g.SetAccount(acctest.Key, spent)
			apply := cli(t, work, env, "apply", "campaign.tfplan")
			t.Logf("apply after spending:\n%s", apply.output)
			out := acctest.FoldSpaces(apply.output)
			if !tc.applyFails {
				if apply.err != nil {
					t.Fatalf("the data source's saved plan failed to apply: %v", apply.err)
				}
				return
			}
			// One request per phase: the plan's and the apply's.
			if n := g.RequestCount(); n != 2 {
				t.Errorf("%d gateway requests for a plan and an apply, want 2", n)
			}
			if apply.err == nil || !strings.Contains(out, "Error: Balance below minimum") ||
				!strings.Contains(out, "balance of "+spent+", below the minimum of 500") {
				t.Fatalf("the saved plan applied on funds that no longer cover it")
			}
			// Nothing of the ephemeral result is in the plan file or the state.
			show := cli(t, work, env, "show", "-json", "campaign.tfplan")
			if show.err != nil {
				t.Fatalf("show: %v\n%s", show.err, show.output)
			}
			state, _ := os.ReadFile(filepath.Join(work, "terraform.tfstate"))
			for what, text := range map[string]string{"the saved plan": show.output, "the state": string(state)} {
				for _, figure := range []string{rich, spent} {
					if strings.Contains(text, figure) {
						t.Errorf("%s holds the ephemeral balance %s", what, figure)
					}
				}
			}
		})
	}
}

// Why the recipe's precondition reads the balance, as its docs say: Terraform opens an
// ephemeral resource when it applies a saved plan whether or not anything reads it; OpenTofu
// opens it only when something needs its result. If a CLI changes that, this fails and the
// docs need a new sentence.
func TestEphemeralWithoutReaderAtApply(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	g := acctest.StartGateway(t, "1000")
	env := acctest.GatewayEnv(g)
	work := workDir(t, "", acctest.RequiredProviders+`
ephemeral "gateway_balance" "funds" {
  minimum = 500
}

resource "terraform_data" "campaign" {
  input = 500
}
`)
	if plan := cli(t, work, env, "plan", "-out=unread.tfplan"); plan.err != nil {
		t.Fatalf("plan: %v\n%s", plan.err, plan.output)
	}
	g.SetAccount(acctest.Key, "10")
	apply := cli(t, work, env, "apply", "unread.tfplan")
	opened := strings.Contains(apply.output, "ephemeral.gateway_balance.funds: Opening")
	if acctest.IsOpenTofu() {
		if apply.err != nil || opened {
			t.Fatalf("OpenTofu now opens an unread ephemeral resource at apply: update the saved-plan docs\n%s", apply.output)
		}
		return
	}
	if apply.err == nil || !opened {
		t.Fatalf("Terraform no longer opens an unread ephemeral resource at apply: update the saved-plan docs\n%s", apply.output)
	}
}

// Ephemeral instances share the request of their phase, as data sources do.
func TestEphemeralInstancesShareOneRequest(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralResources)
	g := acctest.StartGateway(t, "1000")
	res := planConfig(t, acctest.RequiredProviders+`
ephemeral "gateway_balance" "funds" {
  for_each = toset([for i in range(20) : tostring(i)])
  minimum  = tonumber(each.key)
}

resource "terraform_data" "campaign" {
  input = 20

  lifecycle {
    precondition {
      condition     = alltrue([for f in ephemeral.gateway_balance.funds : f.balance >= 20])
      error_message = "Short of funds."
    }
  }
}
`, acctest.GatewayEnv(g))
	if res.err != nil {
		t.Fatalf("plan: %v\n%s", res.err, res.output)
	}
	if n := g.RequestCount(); n != 1 {
		t.Fatalf("20 ephemeral instances made %d gateway requests in one plan, want 1", n)
	}
}
