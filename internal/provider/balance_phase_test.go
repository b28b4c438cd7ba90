package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// An opening that panicked failed, and Terraform does not close what failed to open: the
// instance is not left open, where it would keep the phase from ever ending. (A provider data
// without its configuration guard panics where a bug would.)
func TestPanickedOpeningIsNotLeftOpen(t *testing.T) {
	var schemaResp ephemeral.SchemaResponse
	r := &balanceEphemeralResource{}
	r.Schema(context.Background(), ephemeral.SchemaRequest{}, &schemaResp)
	typ := schemaResp.Schema.Type().TerraformType(context.Background())
	r.data = &providerData{phase: newBalancePhase(nil), maskLogs: func(ctx context.Context) context.Context { return ctx }}
	var resp ephemeral.OpenResponse
	r.Open(context.Background(), ephemeral.OpenRequest{Config: tfsdk.Config{Raw: tftypes.NewValue(typ, nil), Schema: schemaResp.Schema}}, &resp)
	if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "The provider failed" {
		t.Fatalf("the opening that panics: %+v", resp.Diagnostics)
	}
	if r.data.phase.open != 0 {
		t.Fatalf("%d instances open after the opening failed, want 0", r.data.phase.open)
	}
}
