package e2e

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/devtools/clis"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// startDebugProvider runs the built provider with -debug, as a developer  does,
// with env as its environment on top of a clean one, and returns the TF_REATTACH_PROVIDERS
// value that points a CLI at it. It stops with the test.
func startDebugProvider(t *testing.T, env map[string]string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, filepath.Join(pluginDir, clis.Exe("terraform-provider-gateway")), "-debug") //nolint:gosec // the binary under test
	cmd.Env = cleanEnv()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if value, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "TF_REATTACH_PROVIDERS='"); ok {
				found <- strings.TrimSuffix(value, "'")
			}
		}
	}()
	select {
	case reattach := <-found:
		if acctest.IsOpenTofu() { // OpenTofu looks the provider up under its own registry's name
			reattach = strings.Replace(reattach, "registry.terraform.io/", "registry.opentofu.org/", 1)
		}
		return reattach
	case <-time.After(30 * time.Second):
		t.Fatal("the provider did not print TF_REATTACH_PROVIDERS in 30 s")
		return ""
	}
}

// In debug mode one provider process serves every provider configuration, each replacing the
// last. The multiple-accounts recipe (two aliases, one account holding 1000 and one 10, both
// with minimum = 500) must never pass, plan after plan: a read made before the second
// configuration arrived sees its own account, and every read after it fails, saying why.
func TestDebugModeSeveralAccountsFailClosed(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount("mk-Qz81-Wp2x", "1000")
	g.SetAccount("al-Vn5r-Tb4c", "10")
	src, err := os.ReadFile(examplesDir("data-sources", "gateway_balance", "multiple-accounts", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	config := strings.NewReplacer("minimum    = 1000", "minimum    = 500", "minimum    = 100", "minimum    = 500").Replace(string(src))
	if strings.Count(config, "minimum    = 500") != 2 {
		t.Fatalf("the recipe's minimums are no longer written as this test expects:\n%s", src)
	}
	reattach := startDebugProvider(t, map[string]string{
		"GATEWAY_ENDPOINT": g.URL, "GATEWAY_API_KEY_MARKETING": "mk-Qz81-Wp2x", "GATEWAY_API_KEY_ALERTS": "al-Vn5r-Tb4c",
	})
	work := workDir(t, "", config)
	for i := range 6 {
		res := cli(t, work, map[string]string{"TF_REATTACH_PROVIDERS": reattach}, "plan")
		if res.err == nil || !strings.Contains(res.output, "Error: One provider process, several configurations") {
			t.Fatalf("plan %d in debug mode with two accounts did not fail closed: %v\n%s", i+1, res.err, res.output)
		}
		if strings.Contains(res.output, "data.gateway_balance.alerts: Read complete") {
			t.Fatalf("plan %d: the account holding 10 passed its minimum of 500:\n%s", i+1, res.output)
		}
	}
}

// One configuration in debug mode works as it does otherwise, and each plan asks afresh.
func TestDebugModeOneAccount(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900")
	reattach := startDebugProvider(t, acctest.GatewayEnv(g))
	work := workDir(t, "", acctest.ForEachBalance(5, `provider "gateway" {}`))
	for i, figure := range []string{"1000", "900"} {
		res := cli(t, work, map[string]string{"TF_REATTACH_PROVIDERS": reattach}, "plan")
		if res.err != nil || !strings.Contains(acctest.FoldSpaces(res.output), `+ distinct_figures = [ + "`+figure+`", ]`) {
			t.Fatalf("plan %d in debug mode: %v, want every instance to see %s\n%s", i+1, res.err, figure, res.output)
		}
		if n := balanceRequests(g); n != i+1 {
			t.Fatalf("after %d plans, %d requests", i+1, n)
		}
	}
}
