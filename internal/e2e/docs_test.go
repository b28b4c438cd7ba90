package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// The failing plan the docs show is the one the CLI prints: the CI recipe, run with the
// balance the docs use, must print the documented error block word for word.
func TestDocumentedFailureIsReal(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount("e2e-key", "312.5")
	res := planDir(t, examplesDir("data-sources", "gateway_balance", "ci-minimum"),
		map[string]string{"GATEWAY_ENDPOINT": g.URL, "GATEWAY_API_KEY": "e2e-key"})
	if res.err == nil {
		t.Fatalf("the plan passed with 312.5 against a minimum of 500:\n%s", res.output)
	}
	got := squash(res.output)

	for _, page := range []string{"guides/ci-funds-gate.md.tmpl", "data-sources/balance.md.tmpl"} {
		b, err := os.ReadFile(filepath.Join(examplesDir(), "..", "templates", page))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		start := strings.Index(text, "Error: Balance below minimum")
		if start < 0 {
			t.Fatalf("%s shows no failing plan", page)
		}
		end := strings.Index(text[start:], "```")
		documented := squash(text[start : start+end])
		if !strings.Contains(got, documented) {
			t.Errorf("%s documents\n  %s\nbut the CLI printed\n%s", page, documented, res.output)
		}
	}
}
