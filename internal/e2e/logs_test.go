package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// With TF_LOG=trace, the log Terraform writes (its own lines and the provider process')
// holds the provider's request lines but never the key, on success and on failure.
func TestTraceLogNeverHoldsKey(t *testing.T) {
	t.Parallel()
	const key = acctest.Key
	for _, tc := range []struct {
		name   string
		answer *gatewaytest.Answer
	}{
		{"success", nil},
		{"gateway error echoing the key", &gatewaytest.Answer{Body: "errors:Invalid key " + key}},
		{"503 echoing the key", &gatewaytest.Answer{Status: 503, Body: "errors:" + url.QueryEscape(key)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetAccount(key, "5")
			if tc.answer != nil {
				g.AlwaysAnswer(*tc.answer)
			}
			logFile := filepath.Join(t.TempDir(), "trace.log")
			res := planConfig(t, acctest.ForEachBalance(3, `provider "gateway" {}`), map[string]string{
				"GATEWAY_ENDPOINT": g.URL, "GATEWAY_API_KEY": key, "TF_LOG": "trace", "TF_LOG_PATH": logFile,
			})
			if (res.err == nil) != (tc.answer == nil) {
				t.Fatalf("plan error = %v\n%s", res.err, res.output)
			}
			b, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			logs := string(b)
			if !strings.Contains(logs, "gateway request done") {
				t.Fatalf("the provider's request lines are not in the %d-byte log, so it proves nothing", len(logs))
			}
			secrettest.AssertNoKey(t, "the TRACE log", logs, key)
			secrettest.AssertNoKey(t, "the CLI's output", res.output, key)
		})
	}
}
