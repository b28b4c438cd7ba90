package provider_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/provider"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// With TF_LOG=TRACE, through the real CLI, neither the provider's log nor Terraform's holds
// the key, on success or on any failure. Not parallel: the log settings are process-wide.
func TestAccLogs_traceNeverHoldsKey(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))

	g := acctest.StartGateway(t, "5")
	echo := "errors:Invalid key " + acctest.Key
	config := `provider "gateway" {
  endpoint    = "` + g.URL + `"
  max_retries = 1
}
` + balanceConfig
	script := func(a gatewaytest.Answer) func() { return func() { g.AlwaysAnswer(a) } }

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.Factories(map[string]string{provider.EnvAPIKey: acctest.Key}),
		Steps: []resource.TestStep{
			{Config: config},
			{PreConfig: script(gatewaytest.Answer{Body: echo}), Config: config, ExpectError: acctest.ErrorWithoutKey(`rejected`)},
			{PreConfig: script(gatewaytest.Answer{Status: 503, Body: "<h1>" + acctest.Key + "</h1>"}), Config: config, ExpectError: acctest.ErrorWithoutKey(`HTTP 503`)},
			{PreConfig: script(gatewaytest.Answer{Status: 503, Body: echo}), Config: config, ExpectError: acctest.ErrorWithoutKey(`rejected.*HTTP 503`)},
			{PreConfig: script(gatewaytest.Answer{Body: "<b>" + acctest.Key + "</b>"}), Config: config, ExpectError: acctest.ErrorWithoutKey(`not understood`)},
			{PreConfig: script(gatewaytest.Answer{Status: 301, Header: http.Header{
				"Location": {"https://elsewhere.example/?key=" + url.QueryEscape(acctest.Key)}}}), Config: config, ExpectError: acctest.ErrorWithoutKey(`redirected`)},
		},
	})

	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no log files were written to %s (%v)", dir, err)
	}
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	logs := all.String()
	for _, want := range []string{"gateway request done", "gateway request failed, retrying"} {
		if !strings.Contains(logs, want) {
			t.Fatalf("the logs lack %q, so they were not captured at TRACE; files: %v", want, files)
		}
	}
	secrettest.AssertNoKey(t, "the TRACE logs", logs, acctest.Key)
	t.Logf("searched %d log files, %d bytes", len(files), len(logs))
}
