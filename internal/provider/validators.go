package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// ruleValidator checks a string attribute at validate time, on the attribute's line and
// before any request, with a rule shared with the client. Null and unknown values are left
// to Configure and Read.
type ruleValidator struct {
	description string
	summary     string               // the diagnostic's summary
	rule        func(v string) error // the detail is its error
	skipEmpty   bool                 // an empty value falls back to an environment variable
}

func (v ruleValidator) Description(context.Context) string { return v.description }

func (v ruleValidator) MarkdownDescription(context.Context) string { return v.description }

func (v ruleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	value := strings.TrimSpace(req.ConfigValue.ValueString()) // as Configure reads it
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || (v.skipEmpty && value == "") {
		return
	}
	if err := v.rule(value); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, sentence(err.Error()))
	}
}

// sentence makes an error's text a diagnostic's sentence: capitalised, with a full stop.
func sentence(text string) string {
	r, size := utf8.DecodeRuneInString(text)
	return string(unicode.ToUpper(r)) + text[size:] + "."
}

// endpointValidator applies the client's endpoint rules to the argument.
var endpointValidator = ruleValidator{
	description: "must be an absolute https:// URL (http:// only for loopback hosts)",
	summary:     "Invalid gateway endpoint",
	skipEmpty:   true,
	rule: func(v string) error {
		_, err := gateway.ParseEndpoint(v)
		return err
	},
}

// apiKeyValidator refuses, without echoing it, a key that cannot be one or could not be kept
// out of errors and logs.
var apiKeyValidator = ruleValidator{
	description: "must be the gateway's API key: at least 8 characters, no spaces, control characters or quotes",
	summary:     "Invalid API key",
	skipEmpty:   true,
	rule:        gateway.CheckAPIKey,
}

// timeoutValidator accepts a Go duration from just above zero to gateway.MaxTimeout, and
// says what to write when the value is not one.
var timeoutValidator = ruleValidator{
	description: fmt.Sprintf("must be a duration such as \"30s\" or \"1m\", at most %s", shortDuration(gateway.MaxTimeout)),
	summary:     "Invalid timeout",
	rule: func(v string) error {
		_, err := parseTimeout(v)
		return err
	},
}

func parseTimeout(v string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	switch {
	case err != nil:
		if _, numErr := strconv.ParseFloat(strings.TrimSpace(v), 64); numErr == nil {
			return 0, fmt.Errorf("the timeout %q has no unit: add a unit, such as \"%ss\"", v, strings.TrimSpace(v))
		}
		return 0, fmt.Errorf("the timeout %q is not a duration: write a number and a unit, such as \"30s\" or \"1m\"", v)
	case d <= 0:
		return 0, errors.New("the timeout " + v + " must be greater than zero, such as \"30s\"")
	case d > gateway.MaxTimeout:
		return 0, fmt.Errorf("the timeout %s is longer than the %s an attempt may take; with retries, a plan would wait that long for each", v, shortDuration(gateway.MaxTimeout))
	}
	return d, nil
}

// shortDuration prints 5m rather than 5m0s.
func shortDuration(d time.Duration) string {
	return strings.TrimSuffix(d.String(), "0s")
}

// phoneNumberValidator refuses a number the gateway could not price.
var phoneNumberValidator = ruleValidator{
	description: "must be a phone number in international format: 7 to 15 digits, country code first",
	summary:     "Invalid phone number",
	rule: func(v string) error {
		_, err := gateway.NormalizeNumber(v)
		return err
	},
}
