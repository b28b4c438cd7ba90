package provider_test

// Tests at the plugin protocol: the provider server is called as Terraform would call it, so
// each diagnostic can be inspected whole (severity, attribute path, warnings, which the
// acceptance framework does not expose) together with every log line the RPC wrote.

import (
	"bytes"
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/provider"
)

// The value types of the provider block and the gateway_balance and gateway_sms_price schemas,
// read from the provider's own schema: no test restates one.
var (
	providerType = schemaType("provider", "")
	balanceType  = schemaType("data source", "gateway_balance")
	priceType    = schemaType("data source", "gateway_sms_price")
)

// schemaType is the value type of one of the provider's schemas.
func schemaType(kind, name string) tftypes.Object {
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		panic(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		panic(err)
	}
	schemas := map[string]*tfprotov6.Schema{"provider": resp.Provider}
	for n, s := range resp.DataSourceSchemas {
		schemas["data source "+n] = s
	}
	for n, s := range resp.EphemeralResourceSchemas {
		schemas["ephemeral resource "+n] = s
	}
	for n, s := range resp.ResourceSchemas {
		schemas["resource "+n] = s
	}
	s, ok := schemas[strings.TrimSpace(kind+" "+name)]
	if !ok {
		panic("the provider has no " + kind + " " + name)
	}
	typ, ok := s.ValueType().(tftypes.Object)
	if !ok {
		panic("the " + kind + " " + name + " schema is not an object")
	}
	return typ
}

// object builds a value of typ with the given attributes set and the others null.
func object(t *testing.T, typ tftypes.Object, set map[string]any) *tfprotov6.DynamicValue {
	t.Helper()
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		if v, ok := set[name].(tftypes.Value); ok {
			values[name] = v
			continue
		}
		values[name] = tftypes.NewValue(attrType, set[name])
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

type rpcResult struct {
	diags   []*tfprotov6.Diagnostic
	balance *big.Float // nil when the read failed
	logs    string     // every provider and SDK log line, at TRACE
}

// readBalance configures the provider with providerCfg and reads gateway_balance with dsCfg.
func readBalance(t *testing.T, providerCfg, dsCfg map[string]any) rpcResult {
	t.Helper()
	return readBalanceWithEnv(t, nil, providerCfg, dsCfg)
}

// readBalanceWithEnv is readBalance with env as the provider's environment.
func readBalanceWithEnv(t *testing.T, env acctest.Env, providerCfg, dsCfg map[string]any) rpcResult {
	t.Helper()
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	ctx = tfsdklogtest.RootLogger(ctx, &logs)

	server := acctest.ProtocolServer(t, env)
	var res rpcResult
	conf, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.5.7", Config: object(t, providerType, providerCfg),
	})
	if err != nil {
		t.Fatal(err)
	}
	res.diags = append(res.diags, conf.Diagnostics...)
	if hasError(conf.Diagnostics) {
		res.logs = logs.String()
		return res
	}
	read, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
		TypeName: "gateway_balance", Config: object(t, balanceType, dsCfg),
	})
	if err != nil {
		t.Fatal(err)
	}
	res.diags = append(res.diags, read.Diagnostics...)
	res.logs = logs.String()
	if read.State == nil { // decoded after an error too: a failed read must leave no balance
		return res
	}
	state, err := read.State.Unmarshal(balanceType)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	if err := attrs["balance"].As(&res.balance); err != nil {
		t.Fatal(err)
	}
	return res
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func attributeName(d *tfprotov6.Diagnostic) string {
	if d.Attribute == nil || len(d.Attribute.Steps()) != 1 {
		return ""
	}
	name, _ := d.Attribute.Steps()[0].(tftypes.AttributeName)
	return string(name)
}

func TestProtocol_warnBelow(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "20")
	cfg := map[string]any{"endpoint": g.URL, "api_key": acctest.Key}

	low := readBalance(t, cfg, map[string]any{"warn_below": big.NewFloat(100)})
	if low.balance == nil || low.balance.Cmp(big.NewFloat(20)) != 0 {
		t.Fatalf("balance = %v, diagnostics %v", low.balance, low.diags)
	}
	if len(low.diags) != 1 {
		t.Fatalf("diagnostics = %v, want one warning", low.diags)
	}
	w := low.diags[0]
	if w.Severity != tfprotov6.DiagnosticSeverityWarning || w.Summary != "Balance is low: 20 below 100 (api_key)" || attributeName(w) != "warn_below" ||
		!strings.Contains(w.Detail, "balance of 20, below the warn_below level of 100") {
		t.Fatalf("warning = %+v", w)
	}

	enough := readBalance(t, cfg, map[string]any{"warn_below": big.NewFloat(20)})
	if len(enough.diags) != 0 || enough.balance == nil {
		t.Fatalf("a balance equal to warn_below warned: %v", enough.diags)
	}
}

func TestProtocol_minimumErrorOnItsAttribute(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "-3.5")
	res := readBalance(t, map[string]any{"endpoint": g.URL, "api_key": acctest.Key}, map[string]any{"minimum": big.NewFloat(0)})
	if len(res.diags) != 1 || res.diags[0].Severity != tfprotov6.DiagnosticSeverityError ||
		attributeName(res.diags[0]) != "minimum" || !strings.Contains(res.diags[0].Detail, "balance of -3.5, below the minimum of 0") {
		t.Fatalf("diagnostics = %+v", res.diags)
	}
}

func TestProtocol_userAgent(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "1")
	readBalance(t, map[string]any{"endpoint": g.URL, "api_key": acctest.Key}, nil)
	reqs := g.Requests()
	want := "terraform-provider-gateway/test (+https://registry.terraform.io/providers/smsgateway/gateway) Terraform/1.5.7"
	if len(reqs) != 1 || reqs[0].UserAgent != want {
		t.Fatalf("requests = %+v, want one with User-Agent %q", reqs, want)
	}
}

// A warn_below under minimum can never show: the read says so, once, on warn_below. Not at
// validate time, which Terraform runs twice in a plan and would print twice.
func TestProtocol_warnBelowUnderMinimumSaidOnce(t *testing.T) {
	t.Parallel()
	server := acctest.ProtocolServer(t, nil)
	contradiction := map[string]any{"minimum": big.NewFloat(100), "warn_below": big.NewFloat(50)}
	resp, err := server.ValidateDataResourceConfig(context.Background(), &tfprotov6.ValidateDataResourceConfigRequest{
		TypeName: "gateway_balance", Config: object(t, balanceType, contradiction),
	})
	if err != nil || len(resp.Diagnostics) != 0 {
		t.Fatalf("validate: %v %+v", err, resp.Diagnostics)
	}

	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "500")
	cfg := map[string]any{"endpoint": g.URL, "api_key": acctest.Key}
	diags := readBalance(t, cfg, contradiction).diags
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || attributeName(diags[0]) != "warn_below" ||
		!strings.Contains(diags[0].Detail, "warn_below (50) is lower than minimum (100)") {
		t.Fatalf("diagnostics = %+v", diags)
	}
	for _, ok := range []map[string]any{
		{"minimum": big.NewFloat(100), "warn_below": big.NewFloat(200)},
		{"minimum": big.NewFloat(100), "warn_below": big.NewFloat(100)},
		{"warn_below": big.NewFloat(50)},
		{"minimum": big.NewFloat(50)},
		{},
	} {
		if diags := readBalance(t, cfg, ok).diags; len(diags) != 0 {
			t.Errorf("config %v: diagnostics = %+v", ok, diags)
		}
	}
}

// The sms_parts function, called as Terraform calls it, answers the table of boundaries.
func TestProtocol_smsParts(t *testing.T) {
	t.Parallel()
	server := acctest.ProtocolServer(t, nil)
	for _, tc := range gatewaytest.SegmentCases {
		arg, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, tc.Text))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := server.CallFunction(context.Background(), &tfprotov6.CallFunctionRequest{
			Name: "sms_parts", Arguments: []*tfprotov6.DynamicValue{&arg},
		})
		if err != nil || resp.Error != nil {
			t.Fatalf("%s: %v %v", tc.Name, err, resp.Error)
		}
		value, err := resp.Result.Unmarshal(tftypes.Number)
		if err != nil {
			t.Fatal(err)
		}
		var parts *big.Float
		if err := value.As(&parts); err != nil {
			t.Fatal(err)
		}
		if n, _ := parts.Int64(); n != int64(tc.Parts) {
			t.Errorf("%s: sms_parts = %d, want %d", tc.Name, n, tc.Parts)
		}
	}
}
