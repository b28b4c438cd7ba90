package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// The gate that gateway_balance applies, as a data source (at plan time) and as an ephemeral
// resource (at plan time and again at apply time): read the balance, fail below minimum (or
// below minimum_messages at message_price), warn below warn_below (or warn_below_messages).

// balanceGate is the levels a configuration sets, each checked as its validator checks it.
type balanceGate struct {
	minimum, warnBelow types.Number    // in money; an infinity is above or below every balance
	price              *gateway.Amount // message_price, when set: what one message costs
	minimumMessages    *big.Int        // levels in messages at price, when set
	warnBelowMessages  *big.Int
}

// readBalanceGate reads the levels. Attribute by attribute rather than through a struct model:
// the framework's struct reflection costs more than the rest of a read, and a plan may hold a
// thousand of them. A level that decides whether the read fails and is not known yet fails the
// read: the gate cannot say the funds suffice. (Terraform and OpenTofu defer such a read until
// the value is known, so this is the gate failing closed.)
func readBalanceGate(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) balanceGate {
	var g balanceGate
	var price, minimumMessages, warnBelowMessages types.Number
	for _, a := range []struct {
		name    string
		target  *types.Number
		rule    numberRule
		summary string // for a value not known yet, when the level decides whether the read fails
	}{
		{name: "minimum", target: &g.minimum, rule: minimumRule, summary: "minimum is not known yet"},
		{name: "warn_below", target: &g.warnBelow, rule: warnBelowRule},
		{name: "message_price", target: &price, rule: messagePriceRule, summary: "message_price is not known yet"},
		{name: "minimum_messages", target: &minimumMessages, rule: minimumMessagesRule, summary: "minimum_messages is not known yet"},
		{name: "warn_below_messages", target: &warnBelowMessages, rule: warnBelowMessagesRule},
	} {
		diags.Append(config.GetAttribute(ctx, path.Root(a.name), a.target)...)
		if a.summary != "" && a.target.IsUnknown() {
			diags.AddAttributeError(path.Root(a.name), a.summary,
				"The balance was to be read while "+a.name+" depends on a value known only after apply, so the funds cannot be "+
					"checked against it. Set "+a.name+" from values known at plan time, such as variables and other data sources.")
		}
		a.rule.check(path.Root(a.name), *a.target, diags) // at validate time too, unless the value was not known yet then
	}
	if diags.HasError() {
		return g
	}
	if set(price) {
		p, _ := messagePriceValue(price.ValueBigFloat()) // checked above
		g.price = &p
	}
	for _, level := range []struct {
		name   string
		value  types.Number
		target **big.Int
	}{{"minimum_messages", minimumMessages, &g.minimumMessages}, {"warn_below_messages", warnBelowMessages, &g.warnBelowMessages}} {
		if !set(level.value) {
			continue
		}
		if g.price == nil { // message_price was not known at validate time, and is null now
			diags.AddAttributeError(path.Root(level.name), "Invalid Attribute Combination",
				fmt.Sprintf("Attribute \"message_price\" must be specified when %q is specified: the messages the balance "+
					"pays for are counted at that price.", level.name))
			continue
		}
		*level.target, _ = messageCountValue(level.name, level.value.ValueBigFloat()) // checked above
	}
	return g
}

// set reports whether a configuration's number is set and known.
func set(n types.Number) bool { return !n.IsNull() && !n.IsUnknown() }

// attributeSetter is a data source's state or an ephemeral resource's result.
type attributeSetter interface {
	SetAttribute(ctx context.Context, p path.Path, val any) diag.Diagnostics
}

// readBalanceInto reads the balance (the Configure's one figure, or a fresh one), applies the
// gate, and sets balance, affordable_messages and low on target, which already holds the
// configuration's arguments.
func readBalanceInto(ctx context.Context, data *providerData, fresh bool, config tfsdk.Config, target attributeSetter, diags *diag.Diagnostics) {
	if !canRead(data, diags) {
		return
	}
	gate := readBalanceGate(ctx, config, diags)
	if diags.HasError() {
		return
	}
	// Said here, once per read, rather than at validate time, which Terraform runs twice in a
	// plan and would print twice.
	if warnBelow, ok := thresholdAmount(gate.warnBelow); ok && below(warnBelow, gate.minimum) {
		diags.AddAttributeWarning(path.Root("warn_below"), "warn_below is below minimum",
			fmt.Sprintf("warn_below (%s) is lower than minimum (%s), so its warning can never show: a balance under minimum "+
				"fails the read first. Set warn_below above minimum, as an early notice.",
				formatAmount(gate.warnBelow.ValueBigFloat()), formatAmount(gate.minimum.ValueBigFloat())))
	}
	if gate.warnBelowMessages != nil && gate.minimumMessages != nil && gate.warnBelowMessages.Cmp(gate.minimumMessages) < 0 {
		diags.AddAttributeWarning(path.Root("warn_below_messages"), "warn_below_messages is below minimum_messages",
			fmt.Sprintf("warn_below_messages (%s) is lower than minimum_messages (%s), so its warning can never show: a balance "+
				"that pays for fewer than minimum_messages fails the read first. Set warn_below_messages above minimum_messages, "+
				"as an early notice.", gate.warnBelowMessages, gate.minimumMessages))
	}

	read := data.client.Balance
	if fresh {
		read = data.client.FreshBalance
	}
	funds, err := read(ctx)
	if err != nil {
		diags.Append(clientErrorDiagnostic("read the balance", path.Empty(), data.keySource, err))
		return
	}
	var want types.String
	diags.Append(config.GetAttribute(ctx, path.Root("currency"), &want)...)
	if !sameCurrency(want, "Balance", funds, path.Root("currency"), diags) {
		return
	}
	balance := funds.Amount
	if below(balance, gate.minimum) {
		diags.AddAttributeError(path.Root("minimum"), "Balance below minimum",
			fmt.Sprintf("The gateway reports a balance of %s, below the minimum of %s that this configuration requires. "+
				"Top up the account and run the plan again, or lower minimum if the work needs less.",
				funds, formatAmount(gate.minimum.ValueBigFloat())))
		return
	}
	affordable := types.NumberNull()
	var messages *big.Int
	if gate.price != nil {
		messages = balance.Count(*gate.price)
		affordable = types.NumberValue(new(big.Float).SetInt(messages))
		if gate.minimumMessages != nil && messages.Cmp(gate.minimumMessages) < 0 {
			diags.AddAttributeError(path.Root("minimum_messages"), "Balance below minimum_messages",
				fmt.Sprintf("The gateway reports a balance of %s, which pays for %s messages at %s each, fewer than the "+
					"minimum_messages of %s that this configuration requires. Top up the account and run the plan again, "+
					"or lower minimum_messages if the work needs fewer.", funds, messages, gate.price, gate.minimumMessages))
			return
		}
	}

	// The summaries carry the figures and where the key was read: Terraform folds warnings that
	// share a summary, and each account's warning must be read in full.
	low := false
	if below(balance, gate.warnBelow) {
		low = true
		diags.AddAttributeWarning(path.Root("warn_below"),
			fmt.Sprintf("Balance is low: %s below %s (%s)", funds, formatAmount(gate.warnBelow.ValueBigFloat()), data.keySource.label()),
			fmt.Sprintf("The gateway reports a balance of %s, below the warn_below level of %s, for the account whose key is "+
				"read from %s. This level only warns: top up the account soon.", funds, formatAmount(gate.warnBelow.ValueBigFloat()), data.keySource))
	}
	if gate.warnBelowMessages != nil && messages.Cmp(gate.warnBelowMessages) < 0 {
		low = true
		diags.AddAttributeWarning(path.Root("warn_below_messages"),
			fmt.Sprintf("Balance is low: %s messages below %s (%s)", messages, gate.warnBelowMessages, data.keySource.label()),
			fmt.Sprintf("The gateway reports a balance of %s, which pays for %s messages at %s each, below the "+
				"warn_below_messages level of %s, for the account whose key is read from %s. This level only warns: top up the account soon.",
				funds, messages, gate.price, gate.warnBelowMessages, data.keySource))
	}

	// The arguments are there already: the framework starts the state (or result) from the
	// configuration, and setting them again cost a third of a read.
	diags.Append(target.SetAttribute(ctx, path.Root("balance"), types.NumberValue(balance.Float()))...)
	diags.Append(target.SetAttribute(ctx, path.Root("currency"), currencyValue(funds.Currency))...)
	diags.Append(target.SetAttribute(ctx, path.Root("affordable_messages"), affordable)...)
	diags.Append(target.SetAttribute(ctx, path.Root("low"), types.BoolValue(low))...)
}

// sameCurrency reports whether a balance or a price ("Balance", "Price") is in the currency a
// configuration says its amounts are in (want, at), when it says one; otherwise it adds the
// error, naming both currencies. A balance whose currency the gateway does not name fails too:
// the check fails closed.
func sameCurrency(want types.String, what string, got gateway.Funds, at path.Path, diags *diag.Diagnostics) bool {
	w := strings.TrimSpace(want.ValueString())
	if w == "" || strings.EqualFold(w, got.Currency) {
		return true
	}
	if got.Currency == "" {
		diags.AddAttributeError(at, "Balance currency unknown",
			fmt.Sprintf("The gateway reports a balance of %s without naming its currency (it answers only the HTTP API, "+
				"not the JSON API at /api/json.php), so it cannot be compared with amounts in %s. Remove currency to "+
				"compare the figures as they are, or ask the operator for the JSON API.", got.Amount, w))
		return false
	}
	diags.AddAttributeError(at, fmt.Sprintf("%s in another currency", what),
		fmt.Sprintf("The gateway reports a %s of %s, and currency says the amounts here are in %s. Money is compared "+
			"only in one currency, so nothing was checked. Use amounts in %s, or an account in %s.",
			strings.ToLower(what), got, w, got.Currency, w))
	return false
}

// currencyValue is a currency the gateway named, or null.
func currencyValue(code string) types.String {
	if code == "" {
		return types.StringNull()
	}
	return types.StringValue(code)
}

// below reports whether an amount is under a threshold of the configuration, when it is set:
// compared as decimals, exactly, as the gateway and the configuration wrote them.
func below(amount gateway.Amount, threshold types.Number) bool {
	if !set(threshold) {
		return false
	}
	limit, err := gateway.AmountOf(threshold.ValueBigFloat())
	if err != nil { // an infinity: above every amount, or below
		return threshold.ValueBigFloat().Sign() > 0
	}
	return amount.Cmp(limit) < 0
}

// thresholdAmount is a threshold of the configuration as an amount, when it is set and finite.
func thresholdAmount(threshold types.Number) (gateway.Amount, bool) {
	if !set(threshold) {
		return gateway.Amount{}, false
	}
	a, err := gateway.AmountOf(threshold.ValueBigFloat())
	return a, err == nil
}
