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

// work is a gateway_budget's work: each piece a cost, or "messages×price".
func work(pieces map[string]string) tftypes.Value {
	mapType := budgetType.AttributeTypes["work"].(tftypes.Map) //nolint:forcetypeassert // the schema's
	pieceType := mapType.ElementType.(tftypes.Object)          //nolint:forcetypeassert // the schema's
	values := map[string]tftypes.Value{}
	for name, cost := range pieces {
		attrs := map[string]tftypes.Value{}
		for a, typ := range pieceType.AttributeTypes {
			attrs[a] = tftypes.NewValue(typ, nil)
		}
		if messages, price, ok := strings.Cut(cost, "×"); ok {
			attrs["messages"] = tftypes.NewValue(tftypes.Number, decimal(messages))
			attrs["message_price"] = tftypes.NewValue(tftypes.Number, decimal(price))
		} else {
			attrs["cost"] = tftypes.NewValue(tftypes.Number, decimal(cost))
		}
		values[name] = tftypes.NewValue(pieceType, attrs)
	}
	return tftypes.NewValue(mapType, values)
}

func decimal(s string) *big.Float {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return f
}

// plan plans a gateway_budget from prior (nil: a create) to the work planned, and returns the
// planned state and the diagnostics.
func (s *session) plan(prior, planned map[string]string) (*tfprotov6.DynamicValue, []*tfprotov6.Diagnostic) {
	s.t.Helper()
	var priorState *tfprotov6.DynamicValue
	if prior == nil {
		null, err := tfprotov6.NewDynamicValue(budgetType, tftypes.NewValue(budgetType, nil))
		if err != nil {
			s.t.Fatal(err)
		}
		priorState = &null
	} else {
		priorState = object(s.t, budgetType, map[string]any{"id": "b1", "work": work(prior)})
	}
	config := object(s.t, budgetType, map[string]any{"work": work(planned)})
	proposed := config
	if prior != nil {
		proposed = object(s.t, budgetType, map[string]any{"id": "b1", "work": work(planned)})
	}
	resp, err := s.server.PlanResourceChange(s.ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "gateway_budget",
		PriorState: priorState, ProposedNewState: proposed, Config: config})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.PlannedState, resp.Diagnostics
}

// apply applies a gateway_budget's plan from prior (nil: a create) to planned.
func (s *session) apply(prior map[string]string, plannedState *tfprotov6.DynamicValue, planned map[string]string) []*tfprotov6.Diagnostic {
	s.t.Helper()
	null, err := tfprotov6.NewDynamicValue(budgetType, tftypes.NewValue(budgetType, nil))
	if err != nil {
		s.t.Fatal(err)
	}
	priorState := &null
	if prior != nil {
		priorState = object(s.t, budgetType, map[string]any{"id": "b1", "work": work(prior)})
	}
	resp, err := s.server.ApplyResourceChange(s.ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: "gateway_budget",
		PriorState: priorState, PlannedState: plannedState, Config: object(s.t, budgetType, map[string]any{"work": work(planned)})})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.Diagnostics
}

// The rule, which no order of calls changes: the data sources of one Configure share one
// figure; an ephemeral instance asks when it is opened; a budget asks at its plan and at its
// apply. Balances are served in turn, so each figure says which request it came from.
func TestProtocol_whoAsksWhen(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900", "800", "700", "600", "500")
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
	// A budget of 650 asks at its plan (700: covered) and again at its apply (600: not).
	planned, diags := s.plan(nil, map[string]string{"spring": "650"})
	if hasError(diags) {
		t.Fatalf("the plan of work the funds cover failed: %+v", diags)
	}
	diags = s.apply(nil, planned, map[string]string{"spring": "650"})
	if !hasError(diags) || diags[0].Summary != "Funds do not cover the work" || !strings.Contains(diags[0].Detail, "a balance of 600") {
		t.Errorf("the apply after the funds dropped to 600 = %+v, want the gate's failure naming 600", diags)
	}
	if n := g.RequestCount(); n != 5 {
		t.Errorf("the gateway was asked %d times, want 5", n)
	}
}

// A budget checks the work a plan adds or changes, all of it together, and nothing else: work
// already in the state is done, whatever the funds are now.
func TestProtocol_budgetChecksNewWorkTogether(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name           string
		balance        string
		prior, planned map[string]string
		fails          []string // what the failure says; nil: the plan passes
		asks           bool
	}{
		{name: "two pieces that fit alone, not together", balance: "1000", planned: map[string]string{"spring": "600", "summer": "500×1.2"},
			fails: []string{"a balance of 1000", "needs 1200", `"spring": 600`, `"summer": 600`}, asks: true},
		{name: "exactly the balance", balance: "1200", planned: map[string]string{"spring": "600", "summer": "500×1.2"}, asks: true},
		{name: "work done, funds spent", balance: "10", prior: map[string]string{"spring": "600"}, planned: map[string]string{"spring": "600"}},
		{name: "work done and removed", balance: "10", prior: map[string]string{"spring": "600"}, planned: map[string]string{}},
		{name: "new work beside done work", balance: "300", prior: map[string]string{"spring": "600"},
			planned: map[string]string{"spring": "600", "summer": "300"}, asks: true},
		{name: "new work the funds do not cover", balance: "299.99", prior: map[string]string{"spring": "600"},
			planned: map[string]string{"spring": "600", "summer": "300"}, fails: []string{"needs 300", `"summer": 300`}, asks: true},
		{name: "a changed cost is new work", balance: "700", prior: map[string]string{"spring": "600"},
			planned: map[string]string{"spring": "700.01"}, fails: []string{"needs 700.01"}, asks: true},
		{name: "work that costs nothing, on an account in debt", balance: "-5", planned: map[string]string{"test": "0"}},
		{name: "a new price of work that ran", balance: "10", prior: map[string]string{"spring": "1000×0.5"},
			planned: map[string]string{"spring": "1000×0.55"}},
		{name: "more messages of work that ran, at the same cost", balance: "10", prior: map[string]string{"spring": "1000×0.5"},
			planned: map[string]string{"spring": "2000×0.25"}, fails: []string{"needs 500", `"spring": 500`}, asks: true},
		{name: "work that ran, written as messages instead of a cost", balance: "10", prior: map[string]string{"spring": "500"},
			planned: map[string]string{"spring": "1000×0.5"}, fails: []string{"needs 500"}, asks: true},
		{name: "a total beyond what Terraform 1.5 shows", balance: "1e400", planned: map[string]string{"a": "9e299", "b": "9e299"},
			fails: []string{"beyond the 1e300 a budget may hold"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetAccount(acctest.Key, tc.balance)
			s := sessionOn(t, g)
			_, diags := s.plan(tc.prior, tc.planned)
			switch {
			case tc.fails == nil && hasError(diags):
				t.Fatalf("the plan failed: %+v", diags)
			case tc.fails != nil && !hasError(diags):
				t.Fatal("the plan passed")
			}
			for _, want := range tc.fails {
				if !strings.Contains(diags[0].Detail, want) {
					t.Errorf("the failure does not say %q:\n%s", want, diags[0].Detail)
				}
			}
			if asked := g.RequestCount() > 0; asked != tc.asks {
				t.Errorf("the plan asked the gateway: %v, want %v", asked, tc.asks)
			}
		})
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
		if figure, diags := s.read(nil); figure != "1000" {
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
		for name, read := range map[string]func(map[string]any) (string, []*tfprotov6.Diagnostic){"read": s.read, "open": s.open} {
			figure, diags := read(nil)
			if figure != "" || len(diags) != 1 || diags[0].Summary != "One provider process, several configurations" ||
				!strings.Contains(diags[0].Detail, "TF_REATTACH_PROVIDERS") {
				t.Fatalf("%s after a second configuration: %q %+v", name, figure, diags)
			}
		}
	}
	if _, diags := s.plan(nil, map[string]string{"spring": "1"}); len(diags) != 1 || diags[0].Summary != "One provider process, several configurations" {
		t.Fatalf("a budget's plan after a second configuration: %+v", diags)
	}
	if n := g.RequestCount(); n != 2 {
		t.Fatalf("%d requests, want 2: none after the second configuration", n)
	}
}

// A budget's costs and currency are checked at validate time, each on its attribute, before
// any plan asks the gateway.
func TestProtocol_budgetValidatesItsArguments(t *testing.T) {
	t.Parallel()
	server := acctest.ProtocolServer(t, nil)
	for _, tc := range []struct {
		work     map[string]string
		currency any
		summary  string // "": valid
		at       string // the attribute path the error is on
	}{
		{work: map[string]string{"spring": "600", "summer": "500×1.2"}},
		{work: map[string]string{"spring": "-1"}, summary: "Invalid cost", at: `work["spring"].cost`},
		{work: map[string]string{"spring": "1.5×1"}, summary: "Invalid messages", at: `work["spring"].messages`},
		{work: map[string]string{"spring": "10×0"}, summary: "Invalid message_price", at: `work["spring"].message_price`},
		{work: map[string]string{"a": "9e299", "b": "9e299"}, summary: "Invalid cost", at: "work"},
		{work: map[string]string{"spring": "1"}, currency: "hryvnia", summary: "Invalid currency", at: "currency"},
	} {
		resp, err := server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: "gateway_budget",
			Config: object(t, budgetType, map[string]any{"work": work(tc.work), "currency": tc.currency})})
		if err != nil {
			t.Fatal(err)
		}
		diags := resp.Diagnostics
		if tc.summary == "" && len(diags) != 0 || tc.summary != "" && (len(diags) != 1 || diags[0].Summary != tc.summary ||
			diags[0].Attribute.String() != budgetPath(tc.at)) {
			t.Errorf("%v %v: diagnostics = %+v, want %q on %s", tc.work, tc.currency, diags, tc.summary, tc.at)
		}
	}
}

// budgetPath is a path of the budget written as work["name"].attribute, as tftypes prints it.
func budgetPath(p string) string {
	path := tftypes.NewAttributePath()
	for _, step := range strings.Split(p, ".") {
		if name, key, ok := strings.Cut(step, `["`); ok {
			path = path.WithAttributeName(name).WithElementKeyString(strings.TrimSuffix(key, `"]`))
		} else {
			path = path.WithAttributeName(step)
		}
	}
	return path.String()
}
