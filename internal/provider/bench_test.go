package provider_test

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/smsgateway/terraform-provider-gateway/internal/acctest"
	"github.com/smsgateway/terraform-provider-gateway/internal/gateway/gatewaytest"
)

// BenchmarkReadDataSource is the provider's cost per gateway_balance instance once the
// balance is known: what Terraform pays, per instance, in the provider process.
func BenchmarkReadDataSource(b *testing.B) {
	g := gatewaytest.Start(b)
	g.SetAccount(acctest.Key, "31.168300000000002")
	server := acctest.ProtocolServer(b, nil)
	ctx := context.Background()
	t := &testing.T{}
	conf, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		Config: object(t, providerType, map[string]any{"endpoint": g.URL, "api_key": acctest.Key}),
	})
	if err != nil || hasError(conf.Diagnostics) {
		b.Fatalf("configure: %v %v", err, conf.Diagnostics)
	}
	req := &tfprotov6.ReadDataSourceRequest{
		TypeName: "gateway_balance",
		Config:   object(t, balanceType, map[string]any{"minimum": big.NewFloat(1)}),
	}
	validate := &tfprotov6.ValidateDataResourceConfigRequest{TypeName: "gateway_balance", Config: req.Config}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := server.ValidateDataResourceConfig(ctx, validate); err != nil {
			b.Fatal(err)
		}
		resp, err := server.ReadDataSource(ctx, req)
		if err != nil || hasError(resp.Diagnostics) {
			b.Fatalf("read: %v %v", err, resp.Diagnostics)
		}
	}
	if n := g.RequestCount(); n != 1 {
		b.Fatalf("%d gateway requests, want 1", n)
	}
}
