package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// The function page's own example, planned with no key and no endpoint: OpenTofu 1.10
// configures the provider to call a function, and so fails as the page says; the other CLIs
// plan it.
func TestSMSPartsWithoutAConfiguredProvider(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.Functions)
	page, err := os.ReadFile(examplesDir("..", "docs", "functions", "sms_parts.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(acctest.FoldSpaces(string(page)), "OpenTofu 1.10 and earlier configure the provider to call it") {
		t.Fatal("the function's page does not say that OpenTofu 1.10 needs a configured provider to call it")
	}
	res := planConfig(t, acctest.Snippet(t, "functions/sms_parts/function.tf"), nil)
	version := strings.TrimSpace(cli(t, t.TempDir(), nil, "version").output)
	switch older := acctest.IsOpenTofu() && strings.Contains(version, "v1.10."); {
	case older && (res.err == nil || !strings.Contains(res.output, "Missing API key")):
		t.Fatalf("OpenTofu 1.10 called the function without a configured provider: %v\n%s", res.err, res.output)
	case !older && res.err != nil:
		t.Fatalf("the function's example with no key and no endpoint: %v\n%s", res.err, res.output)
	}
}

// A data source that depends_on a resource with changes is read at apply, not at plan, on
// every CLI: the provider's "what is checked when" table says so where it says "at plan".
func TestDependsOnMovesTheReadToApply(t *testing.T) {
	t.Parallel()
	page, err := os.ReadFile(examplesDir("..", "docs", "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "at apply instead when its level is known only then, or it `depends_on` a resource with changes") {
		t.Fatal("the provider's page does not say that depends_on moves a data source's check to the apply")
	}
	g := acctest.StartGateway(t, "1000")
	res := planConfig(t, acctest.RequiredProviders+`
provider "gateway" {}

resource "terraform_data" "campaign" {
  input = 1
}

data "gateway_balance" "late" {
  minimum    = 5000
  depends_on = [terraform_data.campaign]
}
`, acctest.GatewayEnv(g))
	if res.err != nil || !strings.Contains(res.output, "data.gateway_balance.late will be read during apply") {
		t.Fatalf("the plan read a data source that depends_on a resource with changes, or did not say it will at apply: %v\n%s", res.err, res.output)
	}
	if n := g.RequestCount(); n != 0 {
		t.Fatalf("the plan asked the gateway %d times, want 0: the read is the apply's", n)
	}
}

// README's recipe for a build that is not on a registry runs as written on every CLI: a
// filesystem mirror under both registries' hosts, a lock file, and init.
func TestREADMEMirrorRecipe(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(examplesDir("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(readme), "serve it from a filesystem mirror")
	_, block, _ := strings.Cut(after, "```shell\n")
	block, _, found := strings.Cut(block, "```")
	if !found {
		t.Fatal("README shows no filesystem mirror recipe")
	}
	repo, err := filepath.Abs(examplesDir(".."))
	if err != nil {
		t.Fatal(err)
	}
	script := strings.ReplaceAll(block, "/path/to/terraform-provider-gateway", shellQuote(repo))
	work := workDir(t, "", acctest.Snippet(t, "provider/provider.tf"))
	out, err := runGuideScript(t, work, script)
	if err != nil {
		t.Fatalf("README's mirror recipe: %v\n%s", err, out)
	}
	lock, err := os.ReadFile(filepath.Join(work, ".terraform.lock.hcl"))
	if err != nil || !strings.Contains(string(lock), `version     = "0.1.0"`) {
		t.Fatalf("the recipe left no lock file of version 0.1.0: %v\n%s\n%s", err, lock, out)
	}
}
