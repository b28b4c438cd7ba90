package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// clientLogger passes the client's per-request lines, redacted by the client, to Terraform's
// log (TF_LOG=debug).
func clientLogger(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}
