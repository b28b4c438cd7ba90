package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// The testing guide's example runs verbatim under `terraform test` / `tofu test`, with no
// gateway and no key; a gate broken to let too little through makes it fail.
func TestTestingGuideExample(t *testing.T) {
	t.Parallel()
	acctest.SkipUnless(t, acctest.TestingFramework)
	for _, tc := range []struct {
		name   string
		broken bool
	}{{"as written", false}, {"gate broken", true}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			work := workDir(t, examplesDir("testing"), "")
			if tc.broken {
				main := filepath.Join(work, "main.tf")
				b, err := os.ReadFile(main)
				if err != nil {
					t.Fatal(err)
				}
				gate := "data.gateway_balance.current.balance >= var.campaign_budget"
				if !strings.Contains(string(b), gate) {
					t.Fatalf("main.tf no longer holds the gate %q", gate)
				}
				if err := os.WriteFile(main, []byte(strings.Replace(string(b), gate, "data.gateway_balance.current.balance >= 0", 1)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			res := cli(t, work, nil, "test")
			t.Logf("%s", res.output)
			out := acctest.FoldSpaces(res.output)
			if !tc.broken {
				if res.err != nil || !strings.Contains(out, "4 passed, 0 failed") {
					t.Fatalf("the example's tests did not all pass: %v", res.err)
				}
				return
			}
			// The data source's own minimum (500, above the mocked 499.99) does not save the
			// broken gate: under a mock the provider is never called.
			if res.err == nil || !strings.Contains(out, `run "too_little_stops_the_plan"... fail`) ||
				!strings.Contains(out, "Missing expected failure") {
				t.Fatalf("a gate that lets too little through passed its tests")
			}
		})
	}
}
