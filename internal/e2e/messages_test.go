package e2e

import (
	"os"
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
