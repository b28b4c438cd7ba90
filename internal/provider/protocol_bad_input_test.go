package provider_test

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// oddValues are values of each attribute type that HCL can write and a schema may not expect:
// fractions where a whole number belongs, signs, magnitudes past every bound, empty and
// blank strings, numbers written as strings (HCL converts them), control characters, a long
// line.
func oddValues(typ tftypes.Type) []any {
	var values []any
	switch {
	case typ.Is(tftypes.Number):
		for _, s := range []string{"1.5", "-1", "0", "-0", "10", "11", "1e20", "-1e20", "1e-400", "1e400", "9.9e400", "1e100000", "-1e100000", "0.000000000000000000001"} {
			f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
			if err != nil {
				panic(err)
			}
			values = append(values, f)
		}
	case typ.Is(tftypes.String):
		for _, s := range []string{"", " ", "5", "1.5", "true", "\x00", "\x1b[2J", "ж", strings.Repeat("x", 10000), " POST "} {
			values = append(values, s)
		}
	}
	return values
}

// frameworkFaults are the summaries of diagnostics the plugin framework writes when the
// provider let a value through that it could not handle: the "always an error in the
// provider" kind, which tells a user nothing they can fix.
var frameworkFaults = []string{"Configuration Read Error", "Value Conversion Error", "Unable to Convert Configuration", "Provider not configured"}

// refusedOddValue says which odd values each argument refuses at validate time; the others it
// takes. Blank strings are unset; money within 1e±400 is any amount; a message price is above
// zero; retries and message counts are whole numbers, zero or more.
func refusedOddValue(attr string, value any) bool {
	switch v := value.(type) {
	case string:
		switch attr {
		case "text":
			return false
		case "to":
			return true
		case "method":
			return strings.TrimSpace(v) != "" && strings.TrimSpace(v) != "POST"
		}
		return strings.TrimSpace(v) != ""
	case *big.Float:
		exp := v.MantExp(nil)
		huge := exp > 1400 // 1e100000, beyond every bound (1e400 is 2^1329)
		whole := v.IsInt() && v.Sign() >= 0 && exp < 1400
		switch attr {
		case "minimum", "warn_below", "budget":
			return huge
		case "message_price":
			return huge || v.Sign() <= 0
		case "max_retries":
			return !whole || v.Cmp(big.NewFloat(10)) > 0
		case "minimum_messages", "warn_below_messages":
			return !whole
		}
	}
	panic("no rule for " + attr)
}

// Every argument of the provider, of every data source and of the ephemeral resource, given
// every odd value of its type: validated, configured and read as Terraform does, each value
// gets the provider's own error on that attribute when refusedOddValue says so, none
// otherwise, and never a framework's fault.
func TestProtocol_everyArgumentEveryOddValue(t *testing.T) {
	t.Parallel()
	g := gatewaytest.Start(t)
	g.SetAccount(acctest.Key, "1000")
	g.SetPrice("380", "1.2", "UAH")
	ctx := context.Background()
	server := acctest.ProtocolServer(t, nil)
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	base := map[string]map[string]any{ // the arguments each needs to be read at all
		"provider":          {"endpoint": g.URL, "api_key": acctest.Key, "max_retries": big.NewFloat(0)},
		"gateway_sms_price": {"to": "380501234567", "text": "hi"},
		"gateway_balance":   {"message_price": big.NewFloat(1)},
	}
	checkValidate := func(t *testing.T, name, attr string, value any, diags []*tfprotov6.Diagnostic) {
		t.Helper()
		refused := false
		for _, d := range diags {
			refused = refused || d.Severity == tfprotov6.DiagnosticSeverityError && attributeName(d) == attr
		}
		if want := refusedOddValue(attr, value); refused != want {
			t.Errorf("%s.%s = %.40q: refused %v, want %v %+v", name, attr, fmt.Sprint(value), refused, want, diags)
		}
	}
	check := func(t *testing.T, where, attr string, diags []*tfprotov6.Diagnostic) {
		t.Helper()
		for _, d := range diags {
			for _, fault := range frameworkFaults {
				if d.Summary == fault || strings.Contains(d.Detail, "always an error in the provider") || strings.Contains(d.Detail, "always an issue in terraform-plugin-framework") {
					t.Errorf("%s: %s: a framework's fault, %q: %s", where, attr, d.Summary, d.Detail)
				}
			}
			if where == "validate" && d.Severity == tfprotov6.DiagnosticSeverityError && attributeName(d) != attr {
				t.Errorf("%s: %s: the error %q is on %q, not on the attribute", where, attr, d.Summary, attributeName(d))
			}
		}
	}
	kinds := []struct {
		kind    string
		schemas map[string]*tfprotov6.Schema
	}{{"provider", map[string]*tfprotov6.Schema{"provider": schemas.Provider}}, {"data source", schemas.DataSourceSchemas}, {"ephemeral resource", schemas.EphemeralResourceSchemas}}
	tried := 0
	for _, k := range kinds {
		for name, schema := range k.schemas {
			typ := schema.ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema is an object
			var attrs []string
			for _, a := range schema.Block.Attributes {
				if !a.Computed || a.Optional {
					attrs = append(attrs, a.Name)
				}
			}
			sort.Strings(attrs)
			for _, attr := range attrs {
				for _, value := range oddValues(typ.AttributeTypes[attr]) {
					tried++
					cfg := map[string]any{}
					for n, v := range base[name] {
						cfg[n] = v
					}
					cfg[attr] = value
					s := &session{t: t, ctx: ctx, server: acctest.ProtocolServer(t, nil)}
					if k.kind == "provider" {
						resp, err := s.server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: object(t, typ, cfg)})
						if err != nil {
							t.Fatal(err)
						}
						check(t, "validate", attr, resp.Diagnostics)
						checkValidate(t, name, attr, value, resp.Diagnostics)
						check(t, "configure", attr, s.configure(cfg))
						continue
					}
					check(t, "configure", "", s.configure(base["provider"]))
					switch k.kind {
					case "data source":
						v, err := s.server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: name, Config: object(t, typ, cfg)})
						if err != nil {
							t.Fatal(err)
						}
						check(t, "validate", attr, v.Diagnostics)
						checkValidate(t, name, attr, value, v.Diagnostics)
						r, err := s.server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: name, Config: object(t, typ, cfg)})
						if err != nil {
							t.Fatal(err)
						}
						check(t, "read", attr, r.Diagnostics)
					case "ephemeral resource":
						v, err := s.server.ValidateEphemeralResourceConfig(ctx, &tfprotov6.ValidateEphemeralResourceConfigRequest{TypeName: name, Config: object(t, typ, cfg)})
						if err != nil {
							t.Fatal(err)
						}
						check(t, "validate", attr, v.Diagnostics)
						checkValidate(t, name, attr, value, v.Diagnostics)
						o, err := s.server.OpenEphemeralResource(ctx, &tfprotov6.OpenEphemeralResourceRequest{TypeName: name, Config: object(t, typ, cfg)})
						if err != nil {
							t.Fatal(err)
						}
						check(t, "open", attr, o.Diagnostics)
					}
				}
			}
		}
	}
	if tried < 100 {
		t.Fatalf("tried %d values: the schemas were not walked", tried)
	}
}

// Values are trimmed and an empty one counts as unset, as the docs say, method and timeout
// included: " get " sends a GET, "" the default POST; a blank timeout is the default.
func TestProtocol_methodTrimmedAndEmptyUnset(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ method, want string }{{" POST ", "POST"}, {"get", "GET"}, {"", "POST"}, {"  ", "POST"}, {"GET\n", "GET"}} {
		g := gatewaytest.Start(t)
		g.SetAccount(acctest.Key, "1")
		s := newSession(t)
		if diags := s.configure(map[string]any{"endpoint": g.URL, "api_key": acctest.Key, "method": tc.method}); len(diags) != 0 {
			t.Fatalf("method %q: %+v", tc.method, diags)
		}
		if figure, diags := s.read(nil); figure != "1" {
			t.Fatalf("method %q: read %q %+v", tc.method, figure, diags)
		}
		if reqs := g.Requests(); len(reqs) != 1 || reqs[0].Method != tc.want {
			t.Fatalf("method %q sent %+v, want %s", tc.method, reqs, tc.want)
		}
	}
	for _, timeout := range []string{"", "  ", " 10s "} {
		s := newSession(t)
		if diags := s.configure(map[string]any{"endpoint": "https://alphasms.ua", "api_key": acctest.Key, "timeout": timeout}); len(diags) != 0 {
			t.Fatalf("timeout %q: %+v", timeout, diags)
		}
	}
}
