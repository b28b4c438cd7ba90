package provider_test

import (
	"bytes"
	"context"
	"maps"
	"math/big"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/command"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// reader is one thing the provider offers, called as Terraform calls it. It returns its
// diagnostics; gates says whether it takes minimum (the balance's gate), or a cost.
type reader struct {
	kind, name string // "data source", "ephemeral resource", "resource" or "function", and its name
	gates      bool
	below      string // the summary of its failure when the funds are below minimum or cost
	asks       bool   // it asks the gateway
	read       func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, minimum float64) []*tfprotov6.Diagnostic
}

// readersOf is everything the provider registers, read from its schema, each with the
// arguments it requires taken from the command table's samples (a required argument is named
// as the parameter of the command it reads): a new data source, ephemeral resource or function
// is covered by the protocol tests below without a line here.
func readersOf(t *testing.T) []reader {
	t.Helper()
	schemas, err := acctest.ProtocolServer(t, nil).GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var readers []reader
	add := func(kind, name string, schema *tfprotov6.Schema) {
		typ := schema.ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema is an object
		var args map[string]any
		if kind != "resource" {
			args = sampleArguments(t, kind+" "+name, schema)
		}
		_, gates := typ.AttributeTypes["minimum"]
		config := func(minimum float64) *tfprotov6.DynamicValue {
			cfg := maps.Clone(args)
			if gates {
				cfg["minimum"] = big.NewFloat(minimum)
			}
			return object(t, typ, cfg)
		}
		r := reader{kind: kind, name: name, gates: gates, below: "Balance below minimum", asks: true}
		switch kind {
		case "resource": // gateway_budget, planned as a create of one piece of work costing minimum
			r.gates, r.below = true, "Funds do not cover the work"
			r.read = func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, minimum float64) []*tfprotov6.Diagnostic {
				null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
				if err != nil {
					t.Fatal(err)
				}
				cost := max(minimum, 1) // work that costs nothing asks nothing
				cfg := object(t, typ, map[string]any{"work": work(map[string]string{"campaign": big.NewFloat(cost).Text('f', -1)})})
				resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: name,
					PriorState: &null, ProposedNewState: cfg, Config: cfg})
				if err != nil {
					t.Fatal(err)
				}
				return resp.Diagnostics
			}
		case "data source":
			r.read = func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, minimum float64) []*tfprotov6.Diagnostic {
				resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: name, Config: config(minimum)})
				if err != nil {
					t.Fatal(err)
				}
				return resp.Diagnostics
			}
		default:
			r.read = func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, minimum float64) []*tfprotov6.Diagnostic {
				resp, err := server.OpenEphemeralResource(ctx, &tfprotov6.OpenEphemeralResourceRequest{TypeName: name, Config: config(minimum)})
				if err != nil {
					t.Fatal(err)
				}
				return resp.Diagnostics
			}
		}
		readers = append(readers, r)
	}
	for name, schema := range schemas.DataSourceSchemas {
		add("data source", name, schema)
	}
	for name, schema := range schemas.EphemeralResourceSchemas {
		add("ephemeral resource", name, schema)
	}
	for name, schema := range schemas.ResourceSchemas {
		add("resource", name, schema)
	}
	for name, fn := range schemas.Functions {
		readers = append(readers, reader{kind: "function", name: name,
			read: func(t *testing.T, ctx context.Context, server tfprotov6.ProviderServer, _ float64) []*tfprotov6.Diagnostic {
				var args []*tfprotov6.DynamicValue
				for _, p := range fn.Parameters {
					if !p.Type.Is(tftypes.String) {
						t.Fatalf("the function %s takes a %s: teach readersOf a sample of it", name, p.Type)
					}
					arg, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, "hi"))
					if err != nil {
						t.Fatal(err)
					}
					args = append(args, &arg)
				}
				resp, err := server.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: name, Arguments: args})
				if err != nil {
					t.Fatal(err)
				}
				if resp.Error != nil {
					return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: resp.Error.Text}}
				}
				return nil
			}})
	}
	sort.Slice(readers, func(i, j int) bool { return readers[i].kind+readers[i].name < readers[j].kind+readers[j].name })
	return readers
}

// sampleArguments are values of a schema's arguments that a command's Sample names (a required
// one must be: an argument is named as the parameter of the command it reads).
func sampleArguments(t *testing.T, what string, schema *tfprotov6.Schema) map[string]any {
	t.Helper()
	args := map[string]any{}
	for _, a := range schema.Block.Attributes {
		for _, cmd := range command.All {
			if v, ok := gatewaytest.Samples[cmd.Name].Params[a.Name]; ok {
				args[a.Name] = v
			}
		}
		if a.Required && args[a.Name] == nil {
			t.Fatalf("the %s requires %s, which no command's Sample names: name the argument as the parameter of the command it reads (command/command.go)", what, a.Name)
		}
	}
	return args
}

// Every reader, through GET (key in the URL) and POST, on success and on each failure: no
// diagnostic and no log line at TRACE holds the key, in any form, however the gateway wrote it
// back. terraform-plugin-go logs each diagnostic whole, so a diagnostic that held the key
// would put it in the log too.
func TestProtocol_keyNeverInDiagnosticsOrLogs(t *testing.T) {
	t.Parallel()
	echo := "errors:Invalid key " + acctest.Key // a gateway that echoes the key back
	var everyForm strings.Builder               // and one that echoes it in every encoding
	for _, e := range secrettest.Encodings {
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
	for _, r := range readersOf(t) {
		for _, method := range []string{"GET", "POST"} {
			for _, tc := range cases {
				if (tc.minimum != 0 && !r.gates) || (tc.name != "success" && !r.asks) {
					continue
				}
				t.Run(r.kind+" "+r.name+"/"+method+" "+tc.name, func(t *testing.T) {
					t.Parallel()
					g := gatewaytest.Start(t)
					g.SetAccount(acctest.Key, "5")
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
					want := tc.want
					if tc.minimum != 0 {
						want = r.below
					}
					if got := strings.Join(summaries, "; "); got != want {
						t.Errorf("diagnostics = %q, want %q", got, want)
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
