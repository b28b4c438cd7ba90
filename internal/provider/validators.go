package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// endpointValidator applies the client's endpoint rules at validate time, so a bad URL in
// the configuration is reported on its line before any request.
type endpointValidator struct{}

func (endpointValidator) Description(context.Context) string {
	return "must be an absolute https:// URL (http:// only for loopback hosts)"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return // empty falls back to the environment variable; Configure reports it if both are missing
	}
	if _, err := gateway.ParseEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid gateway endpoint",
			"The endpoint "+req.ConfigValue.String()+" cannot be used: "+err.Error()+".")
	}
}

// positiveDurationValidator refuses a zero or negative timeout; the duration type itself
// already refuses text that is not a Go duration.
type positiveDurationValidator struct{}

func (positiveDurationValidator) Description(context.Context) string {
	return "must be a positive duration such as 10s or 1m"
}

func (v positiveDurationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (positiveDurationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err == nil && d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timeout",
			"The timeout "+req.ConfigValue.String()+" must be greater than zero, such as \"30s\".")
	}
}

// phoneNumberValidator refuses, at validate time and so before any request, a number the
// gateway could not price.
type phoneNumberValidator struct{}

func (phoneNumberValidator) Description(context.Context) string {
	return "must be a phone number in international format: 7 to 15 digits, country code first"
}

func (v phoneNumberValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (phoneNumberValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := gateway.NormalizeNumber(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid phone number", err.Error()+".")
	}
}
