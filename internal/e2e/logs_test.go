package e2e

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// With TF_LOG=trace, the log Terraform writes (its own lines and the provider process')
// holds the provider's request lines but never the key, on success and on failure, however
// the gateway wrote the key back: in PHP's urlencode and json_encode, Go's encoding/json, a
// redirect's location, an error page, or an oversize error page cut inside the key. The CLI's
// output and the log are searched as they are, with the finder and for each form literally.
func TestTraceLogNeverHoldsKey(t *testing.T) {
	t.Parallel()
	const key = acctest.Key
	var forms []string
	for _, outer := range secrettest.Encodings {
		for _, inner := range secrettest.Encodings {
			forms = append(forms, outer.Encode(inner.Encode(key)))
		}
	}
	var echoes strings.Builder
	for _, e := range secrettest.Encodings[:10] {
		fmt.Fprintf(&echoes, "errors:Invalid key %s (%s)\n", e.Encode(key), e.Name)
	}
	head := key[:secret.CutRun+1] // "test~": where the oversize answer below is cut
	// The gateway's own echoes, cut, masked, in another case or encoding: each searched for
	// literally too.
	ownEchoes := []string{key[:15], key[:8] + "...", "****" + key[len(key)-4:], strings.ToUpper(key),
		base64.StdEncoding.EncodeToString([]byte(key)), hex.EncodeToString([]byte(key))}
	for _, tc := range []struct {
		name   string
		answer *gatewaytest.Answer
	}{
		{"success", nil},
		{"gateway error echoing the key", &gatewaytest.Answer{Body: "errors:Invalid key " + key}},
		{"503 echoing the key", &gatewaytest.Answer{Status: 503, Body: "errors:" + url.QueryEscape(key)}},
		{"gateway error echoing every form", &gatewaytest.Answer{Body: echoes.String()}},
		{"error page echoing a JSON form", &gatewaytest.Answer{Status: 503, Body: `<p>{"key":"` + forms[len(forms)-1] + `"}</p>`}},
		{"gateway error echoing the key cut, masked, upper-cased and encoded", &gatewaytest.Answer{Body: "errors:Invalid key " +
			strings.Join(ownEchoes, "\nerrors:Invalid key ")}},
		{"redirect to a location holding the key", &gatewaytest.Answer{Status: 302, Header: http.Header{
			"Location": {"https://elsewhere.example/" + secrettest.Encodings[9].Encode(key) + "?key=" + secrettest.Encodings[3].Encode(key) + "#" + key}}}},
		{"oversize 404 cut inside the key", &gatewaytest.Answer{Status: 404,
			Body: strings.Repeat(strings.Repeat("p", 99)+"\n", gateway.MaxBodyBytes/100) + strings.Repeat("q", gateway.MaxBodyBytes%100-len("errors:Invalid key ")-6) + "\nerrors:Invalid key " + key}},
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
			for what, text := range map[string]string{"the TRACE log": logs, "the CLI's output": res.output} {
				secrettest.AssertNoKey(t, what, text, key)
				for _, shown := range append(append(forms, ownEchoes...), head, url.QueryEscape(head)) {
					if i := strings.Index(text, shown); i >= 0 {
						t.Errorf("%s shows %q: …%s…", what, shown, text[max(0, i-100):min(len(text), i+len(shown)+20)])
					}
				}
			}
		})
	}
}

// TF_LOG_SDK_PROTO_DATA_DIR makes terraform-plugin-go write every request's data to files,
// the provider configuration with api_key among them: the provider turns it off, so no file
// holds the key, though it came from the configuration (a sensitive variable).
func TestProtocolDataDumpHoldsNoKey(t *testing.T) {
	t.Parallel()
	const key = acctest.Key
	g := gatewaytest.Start(t)
	g.SetAccount(key, "5")
	dump := t.TempDir()
	config := acctest.RequiredProviders + `
variable "key" {
  type      = string
  sensitive = true
}

provider "gateway" {
  endpoint = "` + g.URL + `"
  api_key  = var.key
}

data "gateway_balance" "b" {}
`
	res := planConfig(t, config, map[string]string{"TF_VAR_key": key, "TF_LOG_SDK_PROTO_DATA_DIR": dump})
	if res.err != nil {
		t.Fatalf("plan: %v\n%s", res.err, res.output)
	}
	err := filepath.WalkDir(dump, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		secrettest.AssertNoKey(t, path, string(b), key)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
