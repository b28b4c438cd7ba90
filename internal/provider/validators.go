package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// stringCheck is a validate-time check of a string attribute, reported on the attribute's
// line before any request. Null and unknown values are left to Configure and Read.
type stringCheck struct {
	description string
	summary     string               // the diagnostic's summary
	check       func(v string) error // the detail is its error
	skipEmpty   bool                 // an empty value falls back to an environment variable
}

func (c stringCheck) Description(context.Context) string { return c.description }

func (c stringCheck) MarkdownDescription(context.Context) string { return c.description }

func (c stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || (c.skipEmpty && req.ConfigValue.ValueString() == "") {
		return
	}
	if err := c.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, c.summary, err.Error()+".")
	}
}

// endpointCheck applies the client's endpoint rules to the argument.
var endpointCheck = stringCheck{
	description: "must be an absolute https:// URL (http:// only for loopback hosts)",
	summary:     "Invalid gateway endpoint",
	skipEmpty:   true,
	check: func(v string) error {
		_, err := gateway.ParseEndpoint(v)
		return err
	},
}

// positiveDurationCheck refuses a zero or negative timeout; the duration type itself already
// refuses text that is not a Go duration.
var positiveDurationCheck = stringCheck{
	description: "must be a positive duration such as 10s or 1m",
	summary:     "Invalid timeout",
	check: func(v string) error {
		if d, err := time.ParseDuration(v); err == nil && d <= 0 {
			return errors.New("the timeout " + v + " must be greater than zero, such as \"30s\"")
		}
		return nil
	},
}

// phoneNumberCheck refuses a number the gateway could not price.
var phoneNumberCheck = stringCheck{
	description: "must be a phone number in international format: 7 to 15 digits, country code first",
	summary:     "Invalid phone number",
	check: func(v string) error {
		_, err := gateway.NormalizeNumber(v)
		return err
	},
}
