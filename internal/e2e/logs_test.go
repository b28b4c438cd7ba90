package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// With TF_LOG=trace, the log Terraform writes (its own lines and the provider process')
// holds the provider's request lines but never the key, on success and on failure.
func TestTraceLogNeverHoldsKey(t *testing.T) {
	t.Parallel()
	const key = "e2e key/+=Zq81" // changes under URL encoding, so both forms are looked for
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
			res := planConfig(t, forEachConfig(3), map[string]string{
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
			for _, form := range []string{key, url.QueryEscape(key), url.PathEscape(key), "Zq81"} {
				if i := strings.Index(logs, form); i >= 0 {
					t.Fatalf("the log holds the key (%q): …%s…", form, logs[max(0, i-200):min(len(logs), i+50)])
				}
				if strings.Contains(res.output, form) {
					t.Fatalf("the CLI output holds the key (%q):\n%s", form, res.output)
				}
			}
		})
	}
}
