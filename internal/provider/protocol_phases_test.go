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

func (s *session) validateEphemeral(cfg map[string]any) {
	s.t.Helper()
	resp, err := s.server.ValidateEphemeralResourceConfig(s.ctx, &tfprotov6.ValidateEphemeralResourceConfigRequest{
		TypeName: "gateway_balance", Config: object(s.t, balanceType, cfg),
	})
	if err != nil || len(resp.Diagnostics) != 0 {
		s.t.Fatalf("validate: %v %+v", err, resp.Diagnostics)
	}
}

func (s *session) validateData(cfg map[string]any) {
	s.t.Helper()
	resp, err := s.server.ValidateDataResourceConfig(s.ctx, &tfprotov6.ValidateDataResourceConfigRequest{
		TypeName: "gateway_balance", Config: object(s.t, balanceType, cfg),
	})
	if err != nil || len(resp.Diagnostics) != 0 {
		s.t.Fatalf("validate: %v %+v", err, resp.Diagnostics)
	}
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

// Terraform's test command configures a provider the test file declares once and keeps it for
// the validate, plan and apply walks of every run. Called in the order Terraform 1.16.4 calls it
// (its TRACE log) for a configuration with a data source of literal arguments, one whose level
// is a variable (or a literal too), and an ephemeral resource, the provider asks once in each
// plan and each apply,
// and every reader of a phase sees that phase's figure: the data source read after the
// ephemeral resource was closed too.
func TestProtocol_phasesOfTerraformTest(t *testing.T) {
	t.Parallel()
	for _, levels := range []string{"from variables", "literal"} {
		t.Run(levels, func(t *testing.T) { phasesOfTerraformTest(t, levels == "literal") })
	}
}

func phasesOfTerraformTest(t *testing.T, literalLevels bool) {
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900", "800", "700")
	s := sessionOn(t, g)
	want := func(phase, reader, got, figure string) {
		t.Helper()
		if got != figure {
			t.Fatalf("%s: %s saw %q, want the phase's %s", phase, reader, got, figure)
		}
	}
	literal := map[string]any{"minimum": big.NewFloat(1)}
	fromVariable := map[string]any{"minimum": big.NewFloat(5)}
	asValidated := map[string]any{"minimum": tftypes.UnknownValue} // a variable, in the validate walk
	if literalLevels {
		asValidated = fromVariable
	}
	validateWalk := func() { // each run begins with one, every block validated
		s.validateData(literal)
		s.validateData(asValidated)
		s.validateEphemeral(asValidated)
	}
	plan := func(name, figure string) {
		t.Helper()
		s.validateData(literal)
		a, _ := s.read(literal)
		want(name, "the first data source", a, figure)
		s.validateEphemeral(fromVariable)
		e, _ := s.open(fromVariable)
		want(name, "the ephemeral resource", e, figure)
		s.close() // its readers are done, while the plan goes on
		s.validateData(fromVariable)
		b, _ := s.read(fromVariable)
		want(name, "the data source read after the close", b, figure)
	}
	apply := func(name, figure string) {
		t.Helper()
		s.validateEphemeral(fromVariable)
		e, _ := s.open(fromVariable)
		want(name, "the ephemeral resource", e, figure)
		s.close()
	}

	validateWalk()
	plan("the first run's plan", "1000")
	validateWalk()
	plan("the second run's plan", "900")
	apply("the second run's apply", "800")
	validateWalk()
	plan("the third run's plan", "700")
	if n := g.RequestCount(); n != 4 {
		t.Fatalf("three plans and an apply made %d requests, want 4", n)
	}
}

// Runs whose configuration opens no ephemeral instance still ask afresh each when a level
// comes from a variable: the run's validate walk validates arguments holding unknown values,
// which a plan or an apply never does. Runs whose blocks are all literal show nothing of their
// start, and share the first run's figure: DESIGN.md's limit, pinned here so that a change
// shows. The blocks of one run share its figure.
func TestProtocol_runsWithDataSourcesOnly(t *testing.T) {
	t.Parallel()
	unknown := map[string]any{"minimum": tftypes.UnknownValue}
	for name, tc := range map[string]struct {
		blocks  [][2]map[string]any // each block as validated, then as read
		figures []string
	}{
		"from variables":    {[][2]map[string]any{{unknown, {"minimum": big.NewFloat(1)}}, {unknown, {"minimum": big.NewFloat(2)}}}, []string{"1000", "900", "800"}},
		"literal arguments": {[][2]map[string]any{{{}, {}}, {{"minimum": big.NewFloat(1)}, {"minimum": big.NewFloat(1)}}}, []string{"1000", "1000", "1000"}},
	} {
		g := gatewaytest.Start(t)
		g.SetBalances(acctest.Key, "1000", "900", "800")
		s := sessionOn(t, g)
		for run, figure := range tc.figures {
			for _, b := range tc.blocks {
				s.validateData(b[0])
			}
			for _, b := range tc.blocks {
				s.validateData(b[1])
				if got, diags := s.read(b[1]); got != figure {
					t.Fatalf("%s, run %d: %v saw %q %+v, want %s", name, run+1, b[1], got, diags, figure)
				}
			}
		}
	}
}

// A plain plan or apply keeps one figure, in the orders Terraform's parallel walk calls: blocks
// of the same arguments validated together before their reads, and an ephemeral block opened
// after another was closed, with a data source after both.
func TestProtocol_oneFigureInAPlainWalk(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900")
	s := sessionOn(t, g)
	var seen []string
	read := func(cfg map[string]any) {
		f, _ := s.read(cfg)
		seen = append(seen, f)
	}
	s.validateData(nil)
	s.validateData(nil)
	read(nil)
	s.validateData(nil)
	read(nil)
	read(nil)
	first, second := map[string]any{"minimum": big.NewFloat(1)}, map[string]any{"minimum": big.NewFloat(2)}
	s.validateEphemeral(first)
	f, _ := s.open(first)
	seen = append(seen, f)
	s.close()
	s.validateEphemeral(second)
	f, _ = s.open(second)
	seen = append(seen, f)
	s.close()
	s.validateData(first)
	read(first)
	for _, f := range seen {
		if f != "1000" {
			t.Fatalf("the readers saw %v, want 1000 each", seen)
		}
	}
	if n := g.RequestCount(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

// for_each instances of an ephemeral resource with the same arguments, in a terraform test run
// whose validate walk validated their block: each instance's validation looks like the next
// run's, but a run's validate walk never comes while instances are open, so they share one
// figure, whether or not another block's level is a variable (which the validate walk
// validates unknown).
func TestProtocol_sameArgumentsInstancesInATestRun(t *testing.T) {
	t.Parallel()
	for _, variable := range []bool{false, true} {
		t.Run(map[bool]string{false: "literal levels", true: "beside a level from a variable"}[variable], func(t *testing.T) {
			t.Parallel()
			g := gatewaytest.Start(t)
			g.SetBalances(acctest.Key, "1000", "10")
			s := sessionOn(t, g)
			cfg := map[string]any{"minimum": big.NewFloat(1)}
			if variable { // the validate walk
				s.validateData(map[string]any{"minimum": tftypes.UnknownValue})
			}
			s.validateEphemeral(cfg)
			for i := range 3 {
				s.validateEphemeral(cfg)
				if e, diags := s.open(cfg); e != "1000" {
					t.Fatalf("instance %d saw %q %+v, want the phase's 1000", i, e, diags)
				}
			}
			for range 3 {
				s.close()
			}
			if n := g.RequestCount(); n != 1 {
				t.Fatalf("%d requests, want 1", n)
			}
		})
	}
}

// A data source and an ephemeral resource with the same arguments are two blocks: in a
// terraform test run, the ephemeral one's validation after the data source was read is not the
// next run's, and both see the run's figure.
func TestProtocol_dataAndEphemeralOfSameArguments(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "10")
	s := sessionOn(t, g)
	cfg := map[string]any{"warn_below": big.NewFloat(5)}
	s.validateData(cfg) // the validate walk
	s.validateEphemeral(cfg)
	s.validateData(cfg)
	d, _ := s.read(cfg)
	s.validateEphemeral(cfg)
	e, _ := s.open(cfg)
	s.close()
	if d != "1000" || e != "1000" || g.RequestCount() != 1 {
		t.Fatalf("the data source saw %q and the ephemeral resource %q in %d requests, want 1000 in one", d, e, g.RequestCount())
	}
}

// What no call tells apart, as DESIGN.md's limits say: an apply run whose plan read data sources
// and opened no ephemeral instance (its level known only at apply) opens the gate at apply in
// the plan's phase. If Terraform starts saying when a walk begins, this fails: use it.
func TestProtocol_applyAfterAPlanThatOpenedNothing(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "100")
	s := sessionOn(t, g)
	level := map[string]any{"minimum": big.NewFloat(500)}
	s.validateData(nil)
	s.validateEphemeral(map[string]any{"minimum": tftypes.UnknownValue}) // a resource's output
	s.validateData(nil)
	s.read(nil)
	s.validateEphemeral(level) // the apply
	figure, _ := s.open(level)
	s.close()
	if figure != "1000" || g.RequestCount() != 1 {
		t.Fatalf("the apply's gate saw %q in %d requests: the limit changed, update DESIGN.md and the testing guide", figure, g.RequestCount())
	}
}

// Instances of one ephemeral resource are all opened before any is closed: they share the
// phase's request, and an opening that failed ends nothing (Terraform does not close it). In a
// client that serves several walks (a terraform test run's validate walk came first), the
// phase ends when all are closed.
func TestProtocol_ephemeralInstancesShareAPhase(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "10")
	g.Script(gatewaytest.Answer{Body: "errors:Account blocked"})
	s := newSession(t)
	if diags := s.configure(map[string]any{"endpoint": g.URL, "api_key": acctest.Key, "max_retries": big.NewFloat(0)}); len(diags) != 0 {
		t.Fatalf("configure: %+v", diags)
	}
	s.validateEphemeral(map[string]any{"minimum": tftypes.UnknownValue})
	if e, diags := s.open(nil); e != "" || len(diags) != 1 || diags[0].Summary != "The gateway rejected the request" {
		t.Fatalf("the refused opening: %q %+v", e, diags)
	}
	// The next phase; the failure was the last one's answer.
	s.validateEphemeral(nil)
	for i := range 3 {
		if e, diags := s.open(nil); e != "1000" {
			t.Fatalf("instance %d saw %q %+v, want 1000", i, e, diags)
		}
	}
	s.close()
	s.close()
	if e, _ := s.open(nil); e != "1000" {
		t.Fatalf("an instance opened while two others are open saw %q, want the phase's 1000", e)
	}
	s.close()
	s.close()
	if e, _ := s.open(nil); e != "10" {
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
	if n := g.RequestCount(); n != 2 {
		t.Fatalf("%d requests, want 2: none after the second configuration", n)
	}
}

// A run's validate walk may validate a block whose level is a variable last: the phase begins
// there, and data sources of the same arguments, each validated and read in the plan, share
// its figure.
func TestProtocol_sameArgumentDataAfterAValidateWalkThatEndsUnknown(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900")
	s := sessionOn(t, g)
	same := map[string]any{"warn_below": big.NewFloat(5)}
	s.validateData(same) // the validate walk: a, b, then the one from a variable
	s.validateData(same)
	s.validateData(map[string]any{"minimum": tftypes.UnknownValue})
	var seen []string
	for _, cfg := range []map[string]any{{"minimum": big.NewFloat(1)}, same, same} { // the plan
		s.validateData(cfg)
		f, _ := s.read(cfg)
		seen = append(seen, f)
	}
	if strings.Join(seen, " ") != "1000 1000 1000" || g.RequestCount() != 1 {
		t.Fatalf("the readers saw %v in %d requests, want 1000 each in one", seen, g.RequestCount())
	}
}

// Closes and reads the provider did not see opened or validated leave no debt: a stray close
// does not hide the instances open, and a read without a validation does not hide the next
// validation's, so a run's validate walk still begins a phase.
func TestProtocol_strayCallsLeaveNoDebt(t *testing.T) {
	t.Parallel()
	t.Run("a close without an open", func(t *testing.T) {
		t.Parallel()
		g := gatewaytest.Start(t)
		g.SetBalances(acctest.Key, "1000", "900")
		s := sessionOn(t, g)
		s.close()
		s.validateEphemeral(map[string]any{"minimum": tftypes.UnknownValue}) // a run's validate walk
		s.validateEphemeral(nil)
		first, _ := s.open(nil)
		s.close()
		s.validateEphemeral(map[string]any{"minimum": tftypes.UnknownValue}) // the next run's
		s.validateEphemeral(nil)
		if next, _ := s.open(nil); first != "1000" || next != "900" {
			t.Fatalf("the runs saw %q and %q, want 1000 and 900", first, next)
		}
	})
	t.Run("a read without a validation", func(t *testing.T) {
		t.Parallel()
		g := gatewaytest.Start(t)
		g.SetBalances(acctest.Key, "1000", "900")
		s := sessionOn(t, g)
		cfg := map[string]any{"warn_below": big.NewFloat(5)}
		s.validateData(map[string]any{"minimum": tftypes.UnknownValue}) // a run's validate walk
		first, _ := s.read(cfg)
		s.validateData(cfg) // the next run's validate walk, its level literal
		s.validateData(cfg) // and its plan
		if next, _ := s.read(cfg); first != "1000" || next != "900" {
			t.Fatalf("the runs saw %q and %q, want 1000 and 900", first, next)
		}
	})
}

// In a plain walk, instances of one block with the same arguments, each validated and opened,
// answer their own validations: no later walk is suspected, and an ephemeral block opened after
// they closed shares their figure.
func TestProtocol_instancesEachValidatedInAPlainWalk(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetBalances(acctest.Key, "1000", "900")
	s := sessionOn(t, g)
	var seen []string
	for range 2 {
		s.validateEphemeral(nil)
		f, _ := s.open(nil)
		seen = append(seen, f)
	}
	s.close()
	s.close()
	later := map[string]any{"minimum": big.NewFloat(1)}
	s.validateEphemeral(later)
	f, _ := s.open(later)
	seen = append(seen, f)
	if strings.Join(seen, " ") != "1000 1000 1000" || g.RequestCount() != 1 {
		t.Fatalf("the readers saw %v in %d requests, want 1000 each in one", seen, g.RequestCount())
	}
}
