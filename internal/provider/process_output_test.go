package provider

import (
	"bytes"
	"context"
	"log"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret/secrettest"
)

// Go's standard logger, pointed at ProcessOutput as main points it, writes no key of any
// configuration the process was given, in the forms net/http quotes an answer's bytes.
func TestProtocol_processOutputRedactsEveryKey(t *testing.T) {
	t.Parallel()
	keys := []string{"process~key/one1", "process-key-two2"}
	for _, k := range keys {
		processKeys.Add(k)
	}
	var out bytes.Buffer
	logger := log.New(ProcessOutput(&out), "", log.LstdFlags)
	logger.Printf("Unsolicited response received on idle HTTP channel starting with %q; err=<nil>", "<!-- debug: key="+keys[0]+" -->\n")
	logger.Printf("http2: Transport encoding header %q = %q", ":path", "/api/http.php?command=balance&key="+keys[1]+"&version=http")
	for _, k := range keys {
		secrettest.AssertNoKey(t, "the standard logger's output", out.String(), k)
	}
	if !strings.Contains(out.String(), "Unsolicited response") || strings.Count(out.String(), "\n") != 2 {
		t.Fatalf("the lines themselves were lost: %q", out.String())
	}
}

// A panic in an RPC becomes an error diagnostic without the key: recovered, deferred, turns
// it; unrecovered it would crash the provider with its message printed as it is.
func TestProtocol_recoveredPanicHoldsNoKey(t *testing.T) {
	t.Parallel()
	const key = "panic~key/three3"
	processKeys.Add(key)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	var diags diag.Diagnostics
	func() {
		defer recovered(ctx, &diags)
		panic("bad state for key=" + key)
	}()
	if len(diags) != 1 || diags[0].Summary() != "The provider failed" || !strings.Contains(diags[0].Detail(), "bad state for key=") {
		t.Fatalf("diagnostics = %v", diags)
	}
	secrettest.AssertNoKey(t, "the diagnostic", diags[0].Detail(), key)
	secrettest.AssertNoKey(t, "the log", logs.String(), key)
	if !strings.Contains(logs.String(), "goroutine") {
		t.Fatalf("the stack is not in the log: %s", logs.String())
	}
}

// panickingTransport panics as a bug in the request path would, with the key in its message.
type panickingTransport struct{ key string }

func (p panickingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	panic("unexpected state of key=" + p.key)
}

// A read whose request panics, through the protocol as Terraform calls it: the read fails,
// the process goes on, and no diagnostic holds the key.
func TestProtocol_panicInARequestFailsTheRead(t *testing.T) {
	t.Parallel()
	const key = gatewaytest.Key
	p := &gatewayProvider{version: "test", lookupEnv: func(string) (string, bool) { return "", false }, transport: panickingTransport{key: key}}
	server, err := providerserver.NewProtocol6WithError(p)()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	value := func(s *tfprotov6.Schema, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
		typ := s.ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema is an object
		values := map[string]tftypes.Value{}
		for name, attr := range typ.AttributeTypes {
			values[name] = tftypes.NewValue(attr, nil)
			if v, ok := set[name]; ok {
				values[name] = v
			}
		}
		dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
		if err != nil {
			t.Fatal(err)
		}
		return &dv
	}
	conf, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: value(schema.Provider, map[string]tftypes.Value{
		"endpoint": tftypes.NewValue(tftypes.String, "http://127.0.0.1:9"), "api_key": tftypes.NewValue(tftypes.String, key),
	})})
	if err != nil || len(conf.Diagnostics) != 0 {
		t.Fatalf("configure: %v %+v", err, conf.Diagnostics)
	}
	read, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "gateway_balance", Config: value(schema.DataSourceSchemas["gateway_balance"], nil)})
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Diagnostics) != 1 || read.Diagnostics[0].Summary != "Gateway request failed" ||
		!strings.Contains(read.Diagnostics[0].Detail, "the client failed unexpectedly") {
		t.Fatalf("diagnostics = %+v", read.Diagnostics)
	}
	secrettest.AssertNoKey(t, "the diagnostic", read.Diagnostics[0].Detail, key)
}
