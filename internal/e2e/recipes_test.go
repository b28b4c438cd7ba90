package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

func TestCheckBlockRecipeOnlyWarns(t *testing.T) {
	t.Parallel()
	dir := examplesDir("data-sources", "gateway_balance", "check-block")
	for _, tc := range []struct {
		balance string
		warns   bool
	}{{"5", true}, {"500", false}} {
		g := gatewaytest.Start(t)
		g.SetAccount(acctest.Key, tc.balance)
		res := planDir(t, dir, map[string]string{"GATEWAY_ENDPOINT": g.URL, "GATEWAY_API_KEY": acctest.Key})
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

func TestMultipleAccountsRecipe(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount("marketing-key-1", "1500")
	g.SetAccount("alerts-key-22", "250")
	g.SetAccount("poor-key-333", "20")
	dir := examplesDir("data-sources", "gateway_balance", "multiple-accounts")
	env := map[string]string{"GATEWAY_ENDPOINT": g.URL}

	res := planDir(t, dir, env, "-var", "marketing_api_key=marketing-key-1", "-var", "alerts_api_key=alerts-key-22")
	if res.err != nil {
		t.Fatalf("plan failed: %v\n%s", res.err, res.output)
	}
	out := acctest.FoldSpaces(res.output)
	for _, want := range []string{"+ alerts = 250", "+ marketing = 1500"} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan does not show %s:\n%s", want, res.output)
		}
	}

	res = planDir(t, dir, env, "-var", "marketing_api_key=marketing-key-1", "-var", "alerts_api_key=poor-key-333")
	out = acctest.FoldSpaces(res.output)
	if res.err == nil || !strings.Contains(out, `Error: Balance below minimum with data.gateway_balance.alerts`) ||
		!strings.Contains(out, "balance of 20, below the minimum of 100") || strings.Contains(out, "data.gateway_balance.marketing,") {
		t.Fatalf("want only the alerts account to fail:\n%s", res.output)
	}
}

// The binary reports its version (set at build time by -ldflags, "dev" otherwise).
func TestVersionFlag(t *testing.T) {
	t.Parallel()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC is not set")
	}
	out, err := exec.Command(filepath.Join(pluginDir, "terraform-provider-gateway"), "-version").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "terraform-provider-gateway dev" {
		t.Fatalf("-version printed %q (%v)", out, err)
	}
}
