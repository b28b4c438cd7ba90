package provider

// Each argument has one rule: a function that turns the value as written into the value used, or refuses it with
// an error that becomes the diagnostic's detail. ValidateConfig applies the rules to the values known then; Configure,
// Read and the budget's plan apply them again to the values they use, which may have been unknown at validate time.

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// sentence makes an error's text a diagnostic's sentence: capitalised, with a full stop.
func sentence(text string) string {
	r, size := utf8.DecodeRuneInString(text)
	return string(unicode.ToUpper(r)) + text[size:] + "."
}

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

// keyEnvName is how a variable's name is written (GATEWAY_API_KEY_ALERTS, SMS_KEY_2). Only a
// value of this shape is ever printed: a key pasted into api_key_env by mistake is not.
var keyEnvName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Z]+[0-9]*(?:_(?:[A-Z]+[0-9]*|[0-9]+))+$`)
})

const maxKeyEnvLength = 64

// keyEnvValue is the name of the variable the key is read from; the error never quotes it.
func keyEnvValue(raw string) (string, error) {
	name := strings.TrimSpace(raw)
	if len(name) > maxKeyEnvLength || !keyEnvName().MatchString(name) {
		return "", fmt.Errorf("set api_key_env to an environment variable's name: two or more words of capital letters, each optionally "+
			"followed by digits, joined by underscores, at most %d characters, such as GATEWAY_API_KEY_ALERTS. "+
			"If the value is the key itself, it is now in the configuration: move it to a secret, such as that "+
			"variable, and rotate it in the gateway's personal cabinet", maxKeyEnvLength)
	}
	return name, nil
}

// methodValue is the method as the client is given it: trimmed, in capitals.
func methodValue(raw string) (string, error) {
	method := strings.ToUpper(strings.TrimSpace(raw))
	if method == gateway.MethodGet || method == gateway.MethodPost {
		return method, nil
	}
	return "", fmt.Errorf("the method %s is not one the gateway takes: write POST (the default) or GET", gateway.Quote(raw))
}

// parseTimeout is the timeout as the client is given it; a hint suggests only a value that would be accepted.
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

// maxRetriesValue is max_retries for the client: a number, not an integer, whose error for 1.5 blames the provider.
func maxRetriesValue(f *big.Float) (int, error) {
	n, exact := f.Int64()
	if f.IsInf() || exact != big.Exact || n < 0 || n > gateway.MaxRetriesLimit {
		return 0, fmt.Errorf("the max_retries is %s: write a whole number from 0 to %d (the number of retries after a failed attempt)",
			formatAmount(f), gateway.MaxRetriesLimit)
	}
	return int(n), nil
}

// amountRule is the rule of a money threshold (minimum, warn_below, budget); an infinity passes, beyond every balance.
func amountRule(name string) func(*big.Float) error {
	return func(f *big.Float) error {
		if _, err := gateway.AmountOf(f); err != nil && !f.IsInf() {
			return fmt.Errorf("the %s is not usable: %w; write an amount in the account's currency, such as 500", name, err)
		}
		return nil
	}
}

// messagePriceRule: a message's price is above zero, since a free message would let any number of them through.
func messagePriceRule(f *big.Float) error {
	a, err := gateway.AmountOf(f)
	switch {
	case err != nil:
		return fmt.Errorf("the message_price is not usable: %w; set it from a gateway_sms_price's message_price", err)
	case a.Sign() <= 0:
		return fmt.Errorf("the message_price is %s: a price of zero or below would make every message free and let any "+
			"campaign through the gate; set it from a gateway_sms_price's message_price, which is always above zero", formatAmount(f))
	}
	return nil
}

// countRule is the rule of a number of messages (minimum_messages, warn_below_messages, messages): whole, 0 or more.
func countRule(name string) func(*big.Float) error {
	return func(f *big.Float) error {
		if !f.IsInf() && gateway.DecimalOrder(f) > gateway.MaxExponent {
			return fmt.Errorf("the %s is of the order of 1e%d, beyond the 1e%d messages a level may count", name, gateway.DecimalOrder(f), gateway.MaxExponent)
		}
		if !f.IsInt() || f.Sign() < 0 { // an infinity is no integer
			return fmt.Errorf("the %s is %s: write a whole number of messages, zero or more, such as 800", name, formatAmount(f))
		}
		return nil
	}
}

// costRule: a piece of work's cost is a finite amount, zero or more.
func costRule(f *big.Float) error {
	a, err := gateway.AmountOf(f)
	switch {
	case err != nil:
		return fmt.Errorf("the cost is not usable: %w; write an amount in the account's currency, such as 500", err)
	case a.Sign() < 0:
		return fmt.Errorf("the cost is %s: a cost below zero would let other work through the gate; write zero or more", formatAmount(f))
	}
	return nil
}

// attributeGetter is a configuration, a plan or a state.
type attributeGetter interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// currencyArgument is a block's currency, trimmed, checked by the gateway's rule; "" when unset or not known yet.
func currencyArgument(ctx context.Context, block attributeGetter, diags *diag.Diagnostics) string {
	var currency types.String
	diags.Append(block.GetAttribute(ctx, path.Root("currency"), &currency)...)
	code := strings.TrimSpace(currency.ValueString())
	if code != "" {
		if err := gateway.CheckCurrency(code); err != nil {
			diags.AddAttributeError(path.Root("currency"), "Invalid currency", sentence(err.Error()))
		}
	}
	return code
}

// formatAmount prints a configuration number as the decimal written, or, when longer than a line, as Terraform does.
func formatAmount(f *big.Float) string {
	a, err := gateway.AmountOf(f)
	switch {
	case err == nil && len(a.String()) <= 64:
		return a.String()
	case err == nil || f.IsInf():
		return f.Text('g', -1)
	default: // too large to print in a second
		return fmt.Sprintf("1e%d", gateway.DecimalOrder(f))
	}
}
