package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

func TestCheckBlockRecipeOnlyWarns(t *testing.T) {
	t.Parallel()
	dir := examplesDir("data-sources", "gateway_balance", "check-block")
	for _, tc := range []struct {
		balance string
		warns   bool
	}{{"5", true}, {"500", false}} {
		g := acctest.StartGateway(t, tc.balance)
		res := planDir(t, dir, acctest.GatewayEnv(g))
		if res.err != nil {
			t.Fatalf("balance %s: plan failed: %v\n%s", tc.balance, res.err, res.output)
		}
		out := acctest.FoldSpaces(res.output)
		warned := strings.Contains(out, "Warning: Check block assertion failed") &&
			strings.Contains(out, "The SMS account is down to "+tc.balance+"; top it up soon.")
		if warned != tc.warns {
			t.Fatalf("balance %s: warned = %v, want %v\n%s", tc.balance, warned, tc.warns, res.output)
		}
	}
}

// A check block's own data source is read again when a saved plan is applied, as the docs'
// "What is checked when" says: the apply warns with the figure of then, and goes on.
func TestCheckBlockReadAgainAtApply(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "500")
	env := acctest.GatewayEnv(g)
	work := workDir(t, examplesDir("data-sources", "gateway_balance", "check-block"), "")
	if plan := cli(t, work, env, "plan", "-out=check.tfplan"); plan.err != nil {
		t.Fatalf("plan: %v\n%s", plan.err, plan.output)
	}
	g.SetAccount(acctest.Key, "5")
	apply := cli(t, work, env, "apply", "check.tfplan")
	if apply.err != nil || !strings.Contains(acctest.FoldSpaces(apply.output), "The SMS account is down to 5; top it up soon.") {
		t.Fatalf("the apply did not warn with the balance of then: %v\n%s", apply.err, apply.output)
	}
}

// Two accounts, each key from its own environment variable: each gate applies to its own
// account, both low-funds warnings are printed in full (their summaries carry the figures, so
// the CLI does not fold the second away), and no key reaches the saved plan.
func TestMultipleAccountsRecipe(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount("mk-Qz81-Wp2x", "1500")
	g.SetAccount("al-Vn5r-Tb4c", "250")
	g.SetAccount("pr-Lm9t-Zk3a", "20")
	dir := examplesDir("data-sources", "gateway_balance", "multiple-accounts")
	env := map[string]string{"GATEWAY_ENDPOINT": g.URL, "GATEWAY_API_KEY_MARKETING": "mk-Qz81-Wp2x", "GATEWAY_API_KEY_ALERTS": "al-Vn5r-Tb4c"}

	work := workDir(t, dir, "")
	res := cli(t, work, env, "plan", "-out=accounts.tfplan")
	if res.err != nil {
		t.Fatalf("plan failed: %v\n%s", res.err, res.output)
	}
	out := acctest.FoldSpaces(res.output)
	for _, want := range []string{
		"+ alerts = 250", "+ marketing = 1500",
		"Warning: Balance is low: 1500 below 2000 (GATEWAY_API_KEY_MARKETING) with data.gateway_balance.marketing",
		"Warning: Balance is low: 250 below 300 (GATEWAY_API_KEY_ALERTS) with data.gateway_balance.alerts",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan does not show %q:\n%s", want, res.output)
		}
	}
	if strings.Contains(out, "similar warning") {
		t.Errorf("the CLI folded a warning away:\n%s", res.output)
	}
	assertDocumentedLines(t, "guides/choosing-levels.md.tmpl", "Warning: Balance is low: 1500 below 2000", res.output)
	show := cli(t, work, env, "show", "-json", "accounts.tfplan")
	if show.err != nil || !strings.Contains(show.output, `"marketing"`) {
		t.Fatalf("show -json: %v\n%s", show.err, show.output)
	}
	apply := cli(t, work, env, "apply", "accounts.tfplan")
	if apply.err != nil {
		t.Fatalf("apply: %v\n%s", apply.err, apply.output)
	}
	state, err := os.ReadFile(filepath.Join(work, "terraform.tfstate"))
	if err != nil || !strings.Contains(string(state), `"marketing"`) {
		t.Fatalf("no state after apply (%v)", err)
	}
	for _, key := range []string{"mk-Qz81-Wp2x", "al-Vn5r-Tb4c"} {
		secrettest.AssertNoKey(t, "the saved plan's JSON", show.output, key)
		secrettest.AssertNoKey(t, "the state", string(state), key)
	}

	env["GATEWAY_API_KEY_ALERTS"] = "pr-Lm9t-Zk3a"
	res = planDir(t, dir, env)
	out = acctest.FoldSpaces(res.output)
	if res.err == nil || !strings.Contains(out, `Error: Balance below minimum with data.gateway_balance.alerts`) ||
		!strings.Contains(out, "balance of 20, below the minimum of 100") || strings.Contains(out, "Error: Balance below minimum with data.gateway_balance.marketing") {
		t.Fatalf("want only the alerts account to fail:\n%s", res.output)
	}
}

// Two accounts with equal figures below equal levels print two warnings, each in full: their
// summaries name where each key was read, so the CLI has nothing to fold.
func TestEqualWarningsOfTwoAccountsNotFolded(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount("mk-Qz81-Wp2x", "0")
	g.SetAccount("al-Vn5r-Tb4c", "0")
	config := strings.NewReplacer("minimum    = 1000", "minimum    = -1", "minimum    = 100", "minimum    = -1",
		"warn_below = 2000", "warn_below = 300").Replace(readExample(t, "data-sources", "gateway_balance", "multiple-accounts", "main.tf"))
	if strings.Count(config, "warn_below = 300") != 2 {
		t.Fatalf("the recipe's levels are no longer written as this test expects:\n%s", config)
	}
	res := planConfig(t, config, map[string]string{"GATEWAY_ENDPOINT": g.URL, "GATEWAY_API_KEY_MARKETING": "mk-Qz81-Wp2x", "GATEWAY_API_KEY_ALERTS": "al-Vn5r-Tb4c"})
	out := acctest.FoldSpaces(res.output)
	if res.err != nil || strings.Contains(out, "similar warning") ||
		!strings.Contains(out, "Warning: Balance is low: 0 below 300 (GATEWAY_API_KEY_MARKETING)") ||
		!strings.Contains(out, "Warning: Balance is low: 0 below 300 (GATEWAY_API_KEY_ALERTS)") {
		t.Fatalf("want both accounts' warnings, each in full:\n%s", res.output)
	}
}

// readExample is an example file's text.
func readExample(t *testing.T, path ...string) string {
	t.Helper()
	b, err := os.ReadFile(examplesDir(path...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Keys passed as ephemeral variables never reach the saved plan's JSON.
func TestEphemeralKeysRecipe(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.EphemeralVariables)
	g := gatewaytest.Start(t)
	g.SetAccount("mk-Qz81-Wp2x", "1500")
	g.SetAccount("al-Vn5r-Tb4c", "250")
	env := map[string]string{"GATEWAY_ENDPOINT": g.URL, "TF_VAR_marketing_api_key": "mk-Qz81-Wp2x", "TF_VAR_alerts_api_key": "al-Vn5r-Tb4c"}
	work := workDir(t, examplesDir("data-sources", "gateway_balance", "ephemeral-keys"), "")
	res := cli(t, work, env, "plan", "-out=keys.tfplan")
	if res.err != nil || !strings.Contains(acctest.FoldSpaces(res.output), "+ alerts = 250") {
		t.Fatalf("plan: %v\n%s", res.err, res.output)
	}
	show := cli(t, work, env, "show", "-json", "keys.tfplan")
	if show.err != nil || !strings.Contains(show.output, `"marketing_api_key"`) {
		t.Fatalf("show -json: %v\n%s", show.err, show.output)
	}
	for _, key := range []string{"mk-Qz81-Wp2x", "al-Vn5r-Tb4c"} {
		secrettest.AssertNoKey(t, "the saved plan's JSON", show.output, key)
	}
}

// A warn_below under minimum is said once per data source, not once per walk of the plan.
func TestWarnBelowUnderMinimumSaidOnce(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "500")
	res := planConfig(t, acctest.RequiredProviders+`
data "gateway_balance" "current" {
  minimum    = 100
  warn_below = 50
}
`, acctest.GatewayEnv(g))
	if res.err != nil {
		t.Fatalf("plan: %v\n%s", res.err, res.output)
	}
	if n := strings.Count(res.output, "Warning: warn_below is below minimum"); n != 1 || strings.Contains(res.output, "similar warning") {
		t.Fatalf("the warning was printed %d times:\n%s", n, res.output)
	}
}

// The binary reports its version (set at build time by -ldflags, "dev" otherwise).
func TestVersionFlag(t *testing.T) {
	t.Parallel()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC is not set")
	}
	out, err := exec.Command(filepath.Join(pluginDir, clis.Exe("terraform-provider-gateway")), "-version").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "terraform-provider-gateway dev" {
		t.Fatalf("-version printed %q (%v)", out, err)
	}
}
