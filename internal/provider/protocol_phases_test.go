package provider_test

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// session is one provider server called as one CLI command calls it, step by step.
type session struct {
	t      *testing.T
	ctx    context.Context
	server tfprotov6.ProviderServer
}

func newSession(t *testing.T) *session {
	t.Helper()
	return &session{t: t, ctx: context.Background(), server: acctest.ProtocolServer(t, nil)}
}

func (s *session) configure(cfg map[string]any) []*tfprotov6.Diagnostic {
	s.t.Helper()
	resp, err := s.server.ConfigureProvider(s.ctx, &tfprotov6.ConfigureProviderRequest{Config: object(s.t, providerType, cfg)})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.Diagnostics
}

func (s *session) validateEphemeral() {
	s.t.Helper()
	resp, err := s.server.ValidateEphemeralResourceConfig(s.ctx, &tfprotov6.ValidateEphemeralResourceConfigRequest{
		TypeName: "gateway_balance", Config: object(s.t, balanceType, nil),
	})
	if err != nil || len(resp.Diagnostics) != 0 {
		s.t.Fatalf("validate: %v %+v", err, resp.Diagnostics)
	}
}

func (s *session) validateData(typeName string, typ tftypes.Object, cfg map[string]any) {
	s.t.Helper()
	resp, err := s.server.ValidateDataResourceConfig(s.ctx, &tfprotov6.ValidateDataResourceConfigRequest{
		TypeName: typeName, Config: object(s.t, typ, cfg),
	})
	if err != nil || len(resp.Diagnostics) != 0 {
		s.t.Fatalf("validate %s: %v %+v", typeName, err, resp.Diagnostics)
	}
}

// read reads the gateway_balance data source: its figure, or "" and the diagnostics.
func (s *session) read() (string, []*tfprotov6.Diagnostic) {
	s.t.Helper()
	resp, err := s.server.ReadDataSource(s.ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "gateway_balance", Config: object(s.t, balanceType, nil)})
	if err != nil {
		s.t.Fatal(err)
	}
	return s.figure(resp.State, resp.Diagnostics), resp.Diagnostics
}

// open opens the gateway_balance ephemeral resource: its figure, or "" and the diagnostics.
func (s *session) open() (string, []*tfprotov6.Diagnostic) {
	s.t.Helper()
	resp, err := s.server.OpenEphemeralResource(s.ctx, &tfprotov6.OpenEphemeralResourceRequest{TypeName: "gateway_balance", Config: object(s.t, balanceType, nil)})
	if err != nil {
		s.t.Fatal(err)
	}
	return s.figure(resp.Result, resp.Diagnostics), resp.Diagnostics
}

func (s *session) close() {
	s.t.Helper()
	if _, err := s.server.CloseEphemeralResource(s.ctx, &tfprotov6.CloseEphemeralResourceRequest{TypeName: "gateway_balance"}); err != nil {
		s.t.Fatal(err)
	}
}

func (s *session) figure(v *tfprotov6.DynamicValue, diags []*tfprotov6.Diagnostic) string {
	s.t.Helper()
	if v == nil || hasError(diags) {
		return ""
	}
	value, err := v.Unmarshal(balanceType)
	if err != nil {
		s.t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	var balance *big.Float
	if err := value.As(&attrs); err != nil {
		s.t.Fatal(err)
	}
	if err := attrs["balance"].As(&balance); err != nil || balance == nil {
		s.t.Fatalf("balance: %v", err)
	}
	return balance.Text('g', -1)
}

// Terraform's test command configures a test file's provider once and keeps it for the plan and
// the apply of every run. Called in the order Terraform 1.16.4 calls it (its TRACE log) for a
// configuration with two data sources and an ephemeral resource, the provider asks once in
// each plan and each apply, and every reader of a phase sees that phase's figure: the data
// source read after the ephemeral resource was closed too.
func TestProtocol_phasesOfTerraformTest(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900", "800", "700")
	s := newSession(t)
	if diags := s.configure(map[string]any{"endpoint": g.URL, "api_key": acctest.Key}); len(diags) != 0 {
		t.Fatalf("configure: %+v", diags)
	}
	want := func(phase, reader, got, figure string) {
		t.Helper()
		if got != figure {
			t.Fatalf("%s: %s saw %q, want the phase's %s", phase, reader, got, figure)
		}
	}
	validateAll := func() { // a run starts with a validate walk of every block
		s.validateData("gateway_balance", balanceType, nil)
		s.validateData("gateway_sms_price", priceType, map[string]any{"to": "380501234567"})
		s.validateData("gateway_balance", balanceType, nil)
		s.validateEphemeral()
	}
	plan := func(name, figure string) {
		t.Helper()
		s.validateEphemeral()
		s.validateData("gateway_balance", balanceType, nil)
		a, _ := s.read()
		want(name, "the first data source", a, figure)
		e, _ := s.open()
		want(name, "the ephemeral resource", e, figure)
		s.close() // its readers are done, while the plan goes on
		s.validateData("gateway_balance", balanceType, nil)
		b, _ := s.read()
		want(name, "the data source read after the close", b, figure)
	}
	apply := func(name, figure string) {
		t.Helper()
		s.validateEphemeral()
		e, _ := s.open()
		want(name, "the ephemeral resource", e, figure)
		s.close()
	}

	validateAll()
	plan("the first run's plan", "1000")
	validateAll()
	plan("the second run's plan", "900")
	apply("the second run's apply", "800")
	validateAll()
	plan("the third run's plan", "700")
	if n := g.RequestCount(); n != 4 {
		t.Fatalf("three plans and an apply made %d requests, want 4", n)
	}
}

// Instances of one ephemeral resource are all opened before any is closed: they share the
// phase's request, and an opening that failed ends nothing (Terraform does not close it).
func TestProtocol_ephemeralInstancesShareAPhase(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "10")
	g.Script(gatewaytest.Answer{Body: "errors:Account blocked"})
	s := newSession(t)
	if diags := s.configure(map[string]any{"endpoint": g.URL, "api_key": acctest.Key, "max_retries": big.NewFloat(0)}); len(diags) != 0 {
		t.Fatalf("configure: %+v", diags)
	}
	if e, diags := s.open(); e != "" || len(diags) != 1 || diags[0].Summary != "The gateway rejected the request" {
		t.Fatalf("the refused opening: %q %+v", e, diags)
	}
	// The next phase; the failure was the last one's answer.
	s.validateEphemeral()
	for i := range 3 {
		if e, diags := s.open(); e != "1000" {
			t.Fatalf("instance %d saw %q %+v, want 1000", i, e, diags)
		}
	}
	s.close()
	s.close()
	if e, _ := s.open(); e != "1000" {
		t.Fatalf("an instance opened while two others are open saw %q, want the phase's 1000", e)
	}
	s.close()
	s.close()
	if e, _ := s.open(); e != "10" {
		t.Fatalf("an instance opened after all were closed saw %q, want the next phase's 10", e)
	}
	if n := g.RequestCount(); n != 3 {
		t.Fatalf("%d requests, want 3: the refusal, then one a phase", n)
	}
}

// In debug mode every provider configuration goes to one process, each replacing the last, and
// a read does not say which it is for: once a second, different configuration arrives, every
// read fails rather than gate one account on another's funds. The same configuration again
// (the next plan of a debug session) is not a second one.
func TestProtocol_secondConfigurationFailsEveryRead(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "1000")
	g.SetAccount("poor-key-10", "10")
	s := newSession(t)
	rich := map[string]any{"endpoint": g.URL, "api_key": acctest.Key}
	for i := range 2 {
		if diags := s.configure(rich); len(diags) != 0 {
			t.Fatalf("configure %d: %+v", i, diags)
		}
		if figure, diags := s.read(); figure != "1000" {
			t.Fatalf("read after the same configuration, %d: %q %+v", i, figure, diags)
		}
	}
	if diags := s.configure(map[string]any{"endpoint": g.URL, "api_key": "poor-key-10"}); len(diags) != 0 {
		t.Fatalf("configure: %+v", diags)
	}
	for _, again := range []map[string]any{nil, rich} {
		if again != nil {
			s.configure(again)
		}
		for name, read := range map[string]func() (string, []*tfprotov6.Diagnostic){"read": s.read, "open": s.open} {
			figure, diags := read()
			if figure != "" || len(diags) != 1 || diags[0].Summary != "One provider process, several configurations" ||
				!strings.Contains(diags[0].Detail, "TF_REATTACH_PROVIDERS") {
				t.Fatalf("%s after a second configuration: %q %+v", name, figure, diags)
			}
		}
	}
	if n := g.RequestCount(); n != 2 {
		t.Fatalf("%d requests, want 2: none after the second configuration", n)
	}
}
