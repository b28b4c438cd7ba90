package provider_test

import (
	"bytes"
	"context"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// reader is one thing the provider offers, called as Terraform calls it. It returns its
// diagnostics; gates says whether it takes minimum (the balance's gate).
type reader struct {
	kind, name string // "data source", "ephemeral resource" or "function", and its name
	gates      bool
	asks       bool // it asks the gateway
	read       func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, minimum float64) []*tfprotov6.Diagnostic
}

// readers is everything the provider registers. TestProtocol_readersCoverEverything keeps the
// list whole, so that a new data source, ephemeral resource or function is covered by the
// protocol tests below, or fails there with what to add.
var readers = []reader{
	{kind: "data source", name: "gateway_balance", gates: true, asks: true,
		read: func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, minimum float64) []*tfprotov6.Diagnostic {
			resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
				TypeName: "gateway_balance", Config: object(t, balanceType, map[string]any{"minimum": big.NewFloat(minimum)}),
			})
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		}},
	{kind: "data source", name: "gateway_sms_price", asks: true,
		read: func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, _ float64) []*tfprotov6.Diagnostic {
			resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
				TypeName: "gateway_sms_price", Config: object(t, priceType, map[string]any{"to": "+380 50 123 45 67", "text": "hi", "budget": big.NewFloat(10)}),
			})
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		}},
	{kind: "ephemeral resource", name: "gateway_balance", gates: true, asks: true,
		read: func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, minimum float64) []*tfprotov6.Diagnostic {
			resp, err := server.OpenEphemeralResource(ctx, &tfprotov6.OpenEphemeralResourceRequest{
				TypeName: "gateway_balance", Config: object(t, balanceType, map[string]any{"minimum": big.NewFloat(minimum)}),
			})
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		}},
	{kind: "function", name: "sms_parts",
		read: func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, _ float64) []*tfprotov6.Diagnostic {
			arg, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, "hi"))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := server.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: "sms_parts", Arguments: []*tfprotov6.DynamicValue{&arg}})
			if err != nil || resp.Error != nil {
				t.Fatalf("sms_parts: %v %v", err, resp.Error)
			}
			return nil
		}},
}

// Every data source, ephemeral resource and function the provider registers is in readers.
func TestProtocol_readersCoverEverything(t *testing.T) {
	t.Parallel()
	resp, err := acctest.ProtocolServer(t, nil).GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	registered := map[string][]string{}
	for name := range resp.DataSourceSchemas {
		registered["data source"] = append(registered["data source"], name)
	}
	for name := range resp.EphemeralResourceSchemas {
		registered["ephemeral resource"] = append(registered["ephemeral resource"], name)
	}
	for name := range resp.Functions {
		registered["function"] = append(registered["function"], name)
	}
	if len(resp.ResourceSchemas) > 0 {
		t.Errorf("the provider registers resources; add them to readers in protocol_readers_test.go")
	}
	for kind, names := range registered {
		for _, name := range names {
			if !slices.ContainsFunc(readers, func(r reader) bool { return r.kind == kind && r.name == name }) {
				t.Errorf("the %s %s is not in readers: add how to call it to protocol_readers_test.go", kind, name)
			}
		}
	}
	for _, r := range readers {
		if !slices.Contains(registered[r.kind], r.name) {
			t.Errorf("readers lists the %s %s, which the provider does not register", r.kind, r.name)
		}
	}
}

// Every reader, through GET (key in the URL) and POST, on success and on each failure: no
// diagnostic and no log line at TRACE holds the key, in any form, however the gateway wrote it
// back. terraform-plugin-go logs each diagnostic whole, so a diagnostic that held the key
// would put it in the log too.
func TestProtocol_keyNeverInDiagnosticsOrLogs(t *testing.T) {
	t.Parallel()
	echo := "errors:Invalid key " + acctest.Key // a gateway that echoes the key back
	var everyForm strings.Builder               // and one that echoes it in every encoding
	for _, e := range secret.Encodings {
		everyForm.WriteString("errors:Invalid key " + e.Encode(acctest.Key) + "\n")
	}
	cases := []struct {
		name    string
		answer  *gatewaytest.Answer
		cfg     map[string]any
		minimum float64
		want    string // the diagnostic summary, "" for success
	}{
		{name: "success"},
		{name: "minimum", minimum: 10, want: "Balance below minimum"},
		{name: "gateway error echoing the key", answer: &gatewaytest.Answer{Body: echo}, want: "The gateway rejected the request"},
		{name: "gateway error echoing every form of the key", answer: &gatewaytest.Answer{Body: everyForm.String()}, want: "The gateway rejected the request"},
		{name: "unparsable body echoing the key", answer: &gatewaytest.Answer{Body: "<p>" + url.QueryEscape(acctest.Key) + "</p>"}, want: "The gateway's answer was not understood"},
		{name: "status with the key in the body", answer: &gatewaytest.Answer{Status: 503, Body: "<h1>" + acctest.Key + "</h1>"}, want: "The gateway answered HTTP 503"},
		{name: "status with the gateway's error", answer: &gatewaytest.Answer{Status: 503, Body: echo}, want: "The gateway rejected the request"},
		{name: "throttled with the key in the body", answer: &gatewaytest.Answer{Status: 429, Body: "slow down, " + acctest.Key}, cfg: map[string]any{"max_retries": big.NewFloat(0)},
			want: "The gateway is throttling requests"},
		{name: "redirect carrying the key", answer: &gatewaytest.Answer{Status: 302, Header: http.Header{
			"Location": {"https://other.example/api/http.php?key=" + url.QueryEscape(acctest.Key)}}}, want: "The gateway redirected the request"},
		{name: "timeout", answer: &gatewaytest.Answer{Delay: 3 * time.Second}, cfg: map[string]any{"timeout": "100ms"}, want: "Cannot reach the gateway"},
		{name: "connection refused", cfg: map[string]any{"endpoint": gatewaytest.ClosedURL(t)}, want: "Cannot reach the gateway"},
	}
	for _, r := range readers {
		for _, method := range []string{"GET", "POST"} {
			for _, tc := range cases {
				if (tc.minimum != 0 && !r.gates) || (tc.name != "success" && !r.asks) {
					continue
				}
				t.Run(r.kind+" "+r.name+"/"+method+" "+tc.name, func(t *testing.T) {
					t.Parallel()
					g := gatewaytest.Start(t)
					g.SetAccount(acctest.Key, "5")
					g.SetPrice("380", "1.2", "UAH")
					if tc.answer != nil {
						g.AlwaysAnswer(*tc.answer)
					}
					cfg := map[string]any{"endpoint": g.URL, "api_key": acctest.Key, "method": method, "max_retries": big.NewFloat(1)}
					for k, v := range tc.cfg {
						cfg[k] = v
					}
					var logs bytes.Buffer
					ctx := tfsdklogtest.RootLogger(tflogtest.RootLogger(context.Background(), &logs), &logs)
					server := acctest.ProtocolServer(t, nil)
					conf, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.5.7", Config: object(t, providerType, cfg)})
					if err != nil || hasError(conf.Diagnostics) {
						t.Fatalf("configure: %v %+v", err, conf.Diagnostics)
					}
					diags := r.read(t, ctx, server, tc.minimum)

					var summaries []string
					for _, d := range diags {
						summaries = append(summaries, d.Summary)
						secrettest.AssertNoKey(t, "a diagnostic", d.Summary+"\n"+d.Detail, acctest.Key)
						t.Logf("%s: %s", d.Summary, d.Detail)
					}
					if got := strings.Join(summaries, "; "); got != tc.want {
						t.Errorf("diagnostics = %q, want %q", got, tc.want)
					}
					secrettest.AssertNoKey(t, "the TRACE log", logs.String(), acctest.Key)
					if r.asks && !strings.Contains(logs.String(), "gateway request done") {
						t.Errorf("the client's log lines were not captured, so the check above proves nothing:\n%s", logs.String())
					}
				})
			}
		}
	}
}
