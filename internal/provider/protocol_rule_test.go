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

// sessionOn is a session whose provider is configured for g, with acctest.Key.
func sessionOn(t *testing.T, g *gatewaytest.Gateway) *session {
	t.Helper()
	s := newSession(t)
	if diags := s.configure(map[string]any{"endpoint": g.URL, "api_key": acctest.Key}); len(diags) != 0 {
		t.Fatalf("configure: %+v", diags)
	}
	return s
}

func (s *session) configure(cfg map[string]any) []*tfprotov6.Diagnostic {
	s.t.Helper()
	resp, err := s.server.ConfigureProvider(s.ctx, &tfprotov6.ConfigureProviderRequest{Config: object(s.t, providerType, cfg)})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.Diagnostics
}

// read reads the gateway_balance data source configured with cfg: its figure, or "" and the
// diagnostics.
func (s *session) read(cfg map[string]any) (string, []*tfprotov6.Diagnostic) {
	s.t.Helper()
	resp, err := s.server.ReadDataSource(s.ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "gateway_balance", Config: object(s.t, balanceType, cfg)})
	if err != nil {
		s.t.Fatal(err)
	}
	return s.figure(resp.State, resp.Diagnostics), resp.Diagnostics
}

// open opens the gateway_balance ephemeral resource configured with cfg: its figure, or "" and
// the diagnostics.
func (s *session) open(cfg map[string]any) (string, []*tfprotov6.Diagnostic) {
	s.t.Helper()
	resp, err := s.server.OpenEphemeralResource(s.ctx, &tfprotov6.OpenEphemeralResourceRequest{TypeName: "gateway_balance", Config: object(s.t, balanceType, cfg)})
	if err != nil {
		s.t.Fatal(err)
	}
	return s.figure(resp.Result, resp.Diagnostics), resp.Diagnostics
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

var budgetType = schemaType("resource", "gateway_budget")

// plan plans a gateway_budget that is to be created, configured with cfg.
func (s *session) plan(cfg map[string]any) []*tfprotov6.Diagnostic {
	s.t.Helper()
	null, err := tfprotov6.NewDynamicValue(budgetType, tftypes.NewValue(budgetType, nil))
	if err != nil {
		s.t.Fatal(err)
	}
	config := object(s.t, budgetType, cfg)
	resp, err := s.server.PlanResourceChange(s.ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "gateway_budget",
		PriorState: &null, ProposedNewState: config, Config: config})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.Diagnostics
}

// create applies the create of a gateway_budget configured with cfg.
func (s *session) create(cfg map[string]any) []*tfprotov6.Diagnostic {
	s.t.Helper()
	null, err := tfprotov6.NewDynamicValue(budgetType, tftypes.NewValue(budgetType, nil))
	if err != nil {
		s.t.Fatal(err)
	}
	planned := map[string]any{"id": tftypes.UnknownValue, "total": tftypes.UnknownValue}
	for k, v := range cfg {
		planned[k] = v
	}
	resp, err := s.server.ApplyResourceChange(s.ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: "gateway_budget",
		PriorState: &null, PlannedState: object(s.t, budgetType, planned), Config: object(s.t, budgetType, cfg)})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.Diagnostics
}

// The rule, which no order of calls changes: the data sources of one Configure share one
// figure; an ephemeral instance asks when it is opened; a budget asks at its plan and at its
// create. Balances are served in turn, so each figure says which request it came from.
func TestProtocol_whoAsksWhen(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "1000")
	g.Script(gatewaytest.Answer{Body: "balance:1000"}, gatewaytest.Answer{Body: "balance:900"},
		gatewaytest.Answer{Body: "balance:800"}, gatewaytest.Answer{Body: "balance:700"},
		gatewaytest.Answer{Body: "balance:600"}, gatewaytest.Answer{Body: "balance:500"})
	s := sessionOn(t, g)
	var saw []string
	for range 3 { // data sources: one figure for the Configure
		got, diags := s.read(map[string]any{})
		if hasError(diags) {
			t.Fatalf("read: %+v", diags)
		}
		saw = append(saw, got)
	}
	for range 2 { // ephemeral instances opened one after the other: each asks
		got, diags := s.open(map[string]any{})
		if hasError(diags) {
			t.Fatalf("open: %+v", diags)
		}
		saw = append(saw, got)
	}
	if got, want := strings.Join(saw, " "), "1000 1000 1000 900 800"; got != want {
		t.Errorf("the readers saw %s, want %s", got, want)
	}
	// A budget of 650 asks at its plan (700: covered) and again at its create (600: not).
	if diags := s.plan(map[string]any{"cost": big.NewFloat(650)}); hasError(diags) {
		t.Fatalf("the plan of a budget the funds cover failed: %+v", diags)
	}
	diags := s.create(map[string]any{"cost": big.NewFloat(650)})
	if !hasError(diags) || diags[0].Summary != "Funds do not cover the work" || !strings.Contains(diags[0].Detail, "a balance of 600") {
		t.Errorf("the create after the funds dropped to 600 = %+v, want the gate's failure naming 600", diags)
	}
	if n := g.RequestCount(); n != 5 {
		t.Errorf("the gateway was asked %d times, want 5", n)
	}
}

// Budgets of one account in one plan are checked together: each fits alone, the two do not,
// and the failure names both and their sum. A plan of the same budgets in the next Configure
// (the next plan) starts a sum of its own.
func TestProtocol_budgetsSummedPerAccount(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "1000")
	s := sessionOn(t, g)
	spring := map[string]any{"cost": big.NewFloat(600), "triggers": map[string]tftypes.Value{"campaign": tftypes.NewValue(tftypes.String, "spring")}}
	summer := map[string]any{"messages": big.NewFloat(500), "message_price": acctest.Decimal(t, "1.2"),
		"triggers": map[string]tftypes.Value{"campaign": tftypes.NewValue(tftypes.String, "summer")}}
	if diags := s.plan(spring); hasError(diags) {
		t.Fatalf("spring alone: %+v", diags)
	}
	diags := s.plan(summer)
	if !hasError(diags) {
		t.Fatal("two budgets of 600 on an account of 1000 passed together")
	}
	for _, want := range []string{"a balance of 1000", "needs 600", "1200 in all", `600 (triggers "campaign" = "spring")`} {
		if !strings.Contains(acctest.FoldSpaces(diags[0].Detail), want) {
			t.Errorf("the failure does not say %q:\n%s", want, diags[0].Detail)
		}
	}
	next := sessionOn(t, g)
	if diags := next.plan(summer); hasError(diags) {
		t.Errorf("the next plan counted the last plan's budgets: %+v", diags)
	}
}
