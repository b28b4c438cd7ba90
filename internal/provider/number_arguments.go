package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// numberRule checks a number argument at validate time, on its attribute and before any
// request, with the function Configure or Read applies to the value it uses. Null and unknown
// values are left to them. Every number HCL can write reaches it: a fraction where a whole
// number belongs, a sign, 1e20 and 1e10000000.
type numberRule struct {
	description string
	summary     string
	rule        func(*big.Float) error
}

func (v numberRule) Description(context.Context) string { return v.description }

func (v numberRule) MarkdownDescription(context.Context) string { return v.description }

func (v numberRule) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	v.check(req.Path, req.ConfigValue, &resp.Diagnostics)
}

// check applies the rule to a set and known value, as the validator does and Read again.
func (v numberRule) check(at path.Path, value types.Number, diags *diag.Diagnostics) {
	if value.IsNull() || value.IsUnknown() {
		return
	}
	if err := v.rule(value.ValueBigFloat()); err != nil {
		diags.AddAttributeError(at, v.summary, sentence(err.Error()))
	}
}

// thresholdValue is a threshold in money (minimum, warn_below, budget) as the gate compares it.
// An infinity is above or below every balance and passes as it is.
func thresholdValue(name string, f *big.Float) (gateway.Amount, error) {
	if f.IsInf() {
		return gateway.Amount{}, nil
	}
	a, err := gateway.AmountOf(f)
	if err != nil {
		return a, fmt.Errorf("the %s is not usable: %w; write an amount in the account's currency, such as 500", name, err)
	}
	return a, nil
}

// The rules of the amounts of the configuration, each with its own summary.
var (
	minimumRule   = numberRule{description: amountRuleText, summary: "Invalid minimum", rule: thresholdCheck("minimum")}
	warnBelowRule = numberRule{description: amountRuleText, summary: "Invalid warn_below", rule: thresholdCheck("warn_below")}
	budgetRule    = numberRule{description: amountRuleText, summary: "Invalid budget", rule: thresholdCheck("budget")}
)

const amountRuleText = "an amount in the account's currency, within 1e±400"

func thresholdCheck(name string) func(*big.Float) error {
	return func(f *big.Float) error {
		_, err := thresholdValue(name, f)
		return err
	}
}

// messagePriceValue is the price of one message as the gate divides by it: above zero, since a
// message that costs nothing would let any number of them through.
func messagePriceValue(f *big.Float) (gateway.Amount, error) {
	a, err := gateway.AmountOf(f)
	switch {
	case err != nil:
		return a, fmt.Errorf("the message_price is not usable: %w; set it from a gateway_sms_price's message_price", err)
	case a.Sign() <= 0:
		return a, fmt.Errorf("the message_price is %s: a price of zero or below would make every message free and let any "+
			"campaign through the gate; set it from a gateway_sms_price's message_price, which is always above zero", formatAmount(f))
	}
	return a, nil
}

var messagePriceRule = numberRule{
	description: "the price of one message, above zero",
	summary:     "Invalid message_price",
	rule: func(f *big.Float) error {
		_, err := messagePriceValue(f)
		return err
	},
}

// messageCountValue is a level in messages (minimum_messages, warn_below_messages): a whole
// number, zero or more.
func messageCountValue(name string, f *big.Float) (*big.Int, error) {
	if !f.IsInf() && gateway.DecimalOrder(f) > gateway.MaxExponent {
		return nil, fmt.Errorf("the %s is of the order of 1e%d, beyond the 1e%d messages a level may count", name, gateway.DecimalOrder(f), gateway.MaxExponent)
	}
	count, exact := f.Int(nil)
	if f.IsInf() || exact != big.Exact || f.Sign() < 0 {
		return nil, fmt.Errorf("the %s is %s: write a whole number of messages, zero or more, such as 800", name, formatAmount(f))
	}
	return count, nil
}

// The rules of the levels in messages.
var (
	minimumMessagesRule   = numberRule{description: countRuleText, summary: "Invalid minimum_messages", rule: countCheck("minimum_messages")}
	warnBelowMessagesRule = numberRule{description: countRuleText, summary: "Invalid warn_below_messages", rule: countCheck("warn_below_messages")}
)

const countRuleText = "a whole number of messages, zero or more"

func countCheck(name string) func(*big.Float) error {
	return func(f *big.Float) error {
		_, err := messageCountValue(name, f)
		return err
	}
}

// maxRetriesValue is max_retries as the client is given it: a whole number from 0 to
// gateway.MaxRetriesLimit. Checked here rather than by the schema's integer type, whose error
// for 1.5 or 1e20 is a "Configuration Read Error" blaming the provider.
func maxRetriesValue(f *big.Float) (int, error) {
	n, exact := f.Int64()
	if f.IsInf() || exact != big.Exact || n < 0 || n > gateway.MaxRetriesLimit {
		return 0, fmt.Errorf("the max_retries is %s: write a whole number from 0 to %d (the number of retries after a failed attempt)",
			formatAmount(f), gateway.MaxRetriesLimit)
	}
	return int(n), nil
}

var maxRetriesRule = numberRule{
	description: fmt.Sprintf("a whole number from 0 to %d", gateway.MaxRetriesLimit),
	summary:     "Invalid max_retries",
	rule: func(f *big.Float) error {
		_, err := maxRetriesValue(f)
		return err
	},
}
