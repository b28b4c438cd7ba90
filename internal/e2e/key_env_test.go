package e2e

import (
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
)

// A key pasted into api_key_env from a sensitive variable is refused without being printed,
// whether or not it could pass for a variable's name (capitals and digits only).
func TestAPIKeyEnvValueNeverPrinted(t *testing.T) {
	t.Parallel()
	g := acctest.StartGateway(t, "5")
	config := acctest.RequiredProviders + `
variable "key_env" {
  type      = string
  sensitive = true
}

provider "gateway" {
  api_key_env = var.key_env
}

data "gateway_balance" "current" {}
`
	for _, value := range []string{"abcd1234secretkey", "K7F3Q9X2M4P8R6T1"} {
		res := planConfig(t, config, map[string]string{"GATEWAY_ENDPOINT": g.URL, "TF_VAR_key_env": value})
		if res.err == nil || !strings.Contains(res.output, "Error: Invalid api_key_env") {
			t.Errorf("api_key_env = %q: the plan did not refuse it: %v\n%s", value, res.err, res.output)
		}
		if strings.Contains(res.output, value) {
			t.Errorf("api_key_env = %q: the CLI printed the value:\n%s", value, res.output)
		}
	}
	if n := g.RequestCount(); n != 0 {
		t.Errorf("%d requests reached the gateway", n)
	}
}
