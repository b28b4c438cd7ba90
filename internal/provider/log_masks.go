package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// logMasker returns a function that hides the key, raw and URL-encoded, from every log line
// written with the context it returns. tflog masks live in a context, that is one RPC, so
// each Read applies them again.
func logMasker(key string) func(context.Context) context.Context {
	secrets := secret.Forms(key)
	return func(ctx context.Context) context.Context {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		return tflog.MaskMessageStrings(ctx, secrets...)
	}
}

// clientLogger passes the client's per-request lines to Terraform's log (TF_LOG=debug).
func clientLogger(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}
