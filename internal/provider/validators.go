package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
	"github.com/smsgateway/terraform-provider-gateway/internal/lazyregexp"
)

// ruleValidator checks a string attribute at validate time, on the attribute's line and
// before any request, with the same function that Configure or Read applies to the value it
// uses: the rule sees the value as written, and trims it itself where the argument is
// trimmed. Null and unknown values are left to Configure and Read.
type ruleValidator struct {
	description string
	summary     string               // the diagnostic's summary
	rule        func(v string) error // the detail is its error
	// fallsBack: a value of spaces only counts as unset, as Configure reads it, and the
	// environment variable or the default is used instead.
	fallsBack bool
}

func (v ruleValidator) Description(context.Context) string { return v.description }

func (v ruleValidator) MarkdownDescription(context.Context) string { return v.description }

func (v ruleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	value := req.ConfigValue.ValueString()
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || (v.fallsBack && strings.TrimSpace(value) == "") {
		return
	}
	if err := v.rule(value); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, sentence(err.Error()))
	}
}

// sentence makes an error's text a diagnostic's sentence: capitalised, with a full stop.
func sentence(text string) string {
	return sentenceCase(text) + "."
}

// sentenceCase capitalises the first letter of text.
func sentenceCase(text string) string {
	r, size := utf8.DecodeRuneInString(text)
	return string(unicode.ToUpper(r)) + text[size:]
}

// Each string argument has one function that turns the value as written into the value used
// (trimmed of surrounding spaces) or refuses it. The validators apply it at validate time, and
// Configure again to the value it uses, so that both agree on every value.

// endpointValue is the endpoint as the client is given it.
func endpointValue(raw string) (string, error) {
	endpoint := strings.TrimSpace(raw)
	_, err := gateway.ParseEndpoint(endpoint)
	return endpoint, err
}

// apiKeyValue is the key as the client is given it; the error never quotes it.
func apiKeyValue(raw string) (string, error) {
	key := strings.TrimSpace(raw)
	return key, gateway.CheckAPIKey(key)
}

// keyEnvName is how the name of the variable api_key_env names is written: two or more words of
// capital letters, each optionally followed by digits, joined by underscores (GATEWAY_API_KEY_ALERTS,
// SMS_KEY_2). Only a value of this shape is ever printed, in "variable not set" errors and
// hints: a random key (K7F3Q9X2M4P8R6T1, abcd1234secretkey) pasted here by mistake is not.
var keyEnvName = lazyregexp.New(`^[A-Z]+[0-9]*(?:_(?:[A-Z]+[0-9]*|[0-9]+))+$`)

const maxKeyEnvLength = 64

// keyEnvValue is the name of the variable the key is read from; the error never quotes it.
func keyEnvValue(raw string) (string, error) {
	name := strings.TrimSpace(raw)
	if len(name) > maxKeyEnvLength || !keyEnvName.MatchString(name) {
		return "", fmt.Errorf("set api_key_env to an environment variable's name: two or more words of capital letters, each optionally "+
			"followed by digits, joined by underscores, at most %d characters, such as GATEWAY_API_KEY_ALERTS. "+
			"If the value is the key itself, it is now in the configuration: move it to a secret, such as that "+
			"variable, and rotate it in the gateway's personal cabinet", maxKeyEnvLength)
	}
	return name, nil
}

// methodValue is the method as the client is given it: trimmed, in capitals, and "" (unset)
// for an empty value, as for every other argument.
func methodValue(raw string) (string, error) {
	method := strings.ToUpper(strings.TrimSpace(raw))
	switch method {
	case "", gateway.MethodGet, gateway.MethodPost:
		return method, nil
	}
	return "", fmt.Errorf("the method %s is not one the gateway takes: write POST (the default) or GET", gateway.Quote(raw))
}

// methodValidator accepts GET and POST, trimmed, in any case.
var methodValidator = ruleValidator{
	description: "must be GET or POST",
	summary:     "Invalid method",
	fallsBack:   true,
	rule: func(v string) error {
		_, err := methodValue(v)
		return err
	},
}

// currencyValidator accepts a currency code as the gateway writes one.
var currencyValidator = ruleValidator{
	description: "must be a currency code, such as UAH",
	summary:     "Invalid currency",
	fallsBack:   true,
	rule: func(v string) error {
		return gateway.CheckCurrency(strings.TrimSpace(v))
	},
}

// endpointValidator applies the client's endpoint rules to the argument.
var endpointValidator = ruleValidator{
	description: "must be an absolute https:// URL (http:// only for loopback hosts)",
	summary:     "Invalid gateway endpoint",
	fallsBack:   true,
	rule: func(v string) error {
		_, err := endpointValue(v)
		return err
	},
}

// apiKeyValidator refuses, without echoing it, a key that cannot be one or could not be kept
// out of errors and logs.
var apiKeyValidator = ruleValidator{
	description: "must be the gateway's API key: 8 to 256 characters of UTF-8 text, no spaces, control characters or quotes",
	summary:     "Invalid API key",
	fallsBack:   true,
	rule: func(v string) error {
		_, err := apiKeyValue(v)
		return err
	},
}

// keyEnvValidator refuses, without echoing it, a value that is not written as a variable's name.
var keyEnvValidator = ruleValidator{
	description: "must be an environment variable's name, such as GATEWAY_API_KEY_ALERTS",
	summary:     "Invalid api_key_env",
	fallsBack:   true,
	rule: func(v string) error {
		_, err := keyEnvValue(v)
		return err
	},
}

// timeoutValidator accepts a Go duration from just above zero to gateway.MaxTimeout, and
// says what to write when the value is not one.
var timeoutValidator = ruleValidator{
	description: fmt.Sprintf("must be a duration such as \"30s\" or \"1m\", at most %s", maxTimeoutText),
	summary:     "Invalid timeout",
	fallsBack:   true,
	rule: func(v string) error {
		_, err := parseTimeout(v)
		return err
	},
}

// parseTimeout is the timeout as the client is given it (trimmed). A hint suggests only a
// value that would be accepted.
func parseTimeout(v string) (time.Duration, error) {
	trimmed := strings.TrimSpace(v)
	d, err := time.ParseDuration(trimmed)
	switch {
	case err != nil:
		if withUnit, err := time.ParseDuration(trimmed + "s"); err == nil && withUnit > 0 && withUnit <= gateway.MaxTimeout {
			return 0, fmt.Errorf("the timeout %s has no unit: add a unit, such as %q", gateway.Quote(v), trimmed+"s")
		}
		return 0, fmt.Errorf("the timeout %s is not a duration: write a number and a unit, such as \"30s\" or \"1m\", at most %s", gateway.Quote(v), maxTimeoutText)
	case d <= 0:
		return 0, errors.New("the timeout " + gateway.Quote(v) + " must be greater than zero, such as \"30s\"")
	case d > gateway.MaxTimeout:
		return 0, fmt.Errorf("the timeout %s is longer than the %s an attempt may take; with retries, a plan would wait that long for each", gateway.Quote(v), maxTimeoutText)
	}
	return d, nil
}

// maxTimeoutText is gateway.MaxTimeout as people write it: 5m rather than 5m0s.
var maxTimeoutText = strings.TrimSuffix(gateway.MaxTimeout.String(), "0s")

// phoneNumberValidator refuses a number the gateway could not price.
var phoneNumberValidator = ruleValidator{
	description: "must be a phone number in international format: 7 to 15 digits, country code first",
	summary:     "Invalid phone number",
	rule: func(v string) error {
		_, err := gateway.NormalizeNumber(v)
		return err
	},
}
