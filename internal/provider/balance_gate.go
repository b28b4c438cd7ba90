package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// The gate that gateway_balance applies, as a data source (at plan time) and as an ephemeral
// resource (at plan time and again at apply time): read the balance, fail below minimum,
// warn below warn_below.

// balanceGate is the thresholds a configuration sets.
type balanceGate struct {
	minimum, warnBelow types.Number
}

// readBalanceGate reads minimum and warn_below. Attribute by attribute rather than through a
// struct model: the framework's struct reflection costs more than the rest of a read, and a
// plan may hold a thousand of them.
// A minimum not known yet fails the read: the gate cannot say the funds suffice. (Terraform and
// OpenTofu defer such a read until the value is known, so this is the gate failing closed.)
func readBalanceGate(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) balanceGate {
	var g balanceGate
	diags.Append(config.GetAttribute(ctx, path.Root("minimum"), &g.minimum)...)
	diags.Append(config.GetAttribute(ctx, path.Root("warn_below"), &g.warnBelow)...)
	if g.minimum.IsUnknown() {
		diags.AddAttributeError(path.Root("minimum"), "minimum is not known yet",
			"The balance was to be read while minimum depends on a value known only after apply, so the funds cannot be "+
				"checked against it. Set minimum from values known at plan time, such as variables and other data sources.")
	}
	return g
}

// attributeSetter is a data source's state or an ephemeral resource's result.
type attributeSetter interface {
	SetAttribute(ctx context.Context, p path.Path, val any) diag.Diagnostics
}

// readBalanceInto reads the balance, applies the gate, and sets balance on target, which
// already holds the configuration's minimum and warn_below.
func readBalanceInto(ctx context.Context, data *providerData, config tfsdk.Config, target attributeSetter, diags *diag.Diagnostics) {
	if !canRead(data, diags) {
		return
	}
	ctx = data.maskLogs(ctx)
	gate := readBalanceGate(ctx, config, diags)
	if diags.HasError() {
		return
	}
	// Said here, once per read, rather than at validate time, which Terraform runs twice in a
	// plan and would print twice.
	if warnBelow, set := thresholdAmount(gate.warnBelow); set && below(warnBelow, gate.minimum) {
		diags.AddAttributeWarning(path.Root("warn_below"), "warn_below is below minimum",
			fmt.Sprintf("warn_below (%s) is lower than minimum (%s), so its warning can never show: a balance under minimum "+
				"fails the read first. Set warn_below above minimum, as an early notice.",
				formatAmount(gate.warnBelow.ValueBigFloat()), formatAmount(gate.minimum.ValueBigFloat())))
	}

	balance, err := data.client.Balance(ctx)
	if err != nil {
		diags.Append(clientErrorDiagnostic("read the balance", path.Empty(), data.keySource, err))
		return
	}
	balanceValue := types.NumberValue(balance.Float())
	if below(balance, gate.minimum) {
		diags.AddAttributeError(path.Root("minimum"), "Balance below minimum",
			fmt.Sprintf("The gateway reports a balance of %s, below the minimum of %s that this configuration requires. "+
				"Top up the account and run the plan again, or lower minimum if the work needs less.",
				balance, formatAmount(gate.minimum.ValueBigFloat())))
		return
	}
	if below(balance, gate.warnBelow) {
		// The figures are in the summary: Terraform folds warnings that share one, and each
		// account's warning must be read in full.
		diags.AddAttributeWarning(path.Root("warn_below"),
			fmt.Sprintf("Balance is low: %s below %s", balance, formatAmount(gate.warnBelow.ValueBigFloat())),
			fmt.Sprintf("The gateway reports a balance of %s, below the warn_below level of %s. "+
				"The plan goes on; top up the account soon.", balance, formatAmount(gate.warnBelow.ValueBigFloat())))
	}

	// minimum and warn_below are there already: the framework starts the state (or result)
	// from the configuration, and setting them again cost a third of a read.
	diags.Append(target.SetAttribute(ctx, path.Root("balance"), balanceValue)...)
}

// below reports whether an amount is under a threshold of the configuration, when it is set:
// compared as decimals, exactly, as the gateway and the configuration wrote them.
func below(amount gateway.Amount, threshold types.Number) bool {
	if threshold.IsNull() || threshold.IsUnknown() {
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
	if threshold.IsNull() || threshold.IsUnknown() {
		return gateway.Amount{}, false
	}
	a, err := gateway.AmountOf(threshold.ValueBigFloat())
	return a, err == nil
}

// Descriptions shared by the data source's and the ephemeral resource's schemas.
const (
	balanceDescription = "The balance in the account's currency, exactly as the gateway sent it (for example `31.168300000000002`, " +
		"never rounded). Negative on a post-paid account that owes money."
	minimumDescription = "The least balance, in the account's currency, that this configuration needs. When the balance is " +
		"below it (a balance equal to it passes), reading fails with an error showing both figures, so the run stops " +
		"before anything is applied. May be negative, for a post-paid credit limit."
	warnBelowDescription = "A balance, in the account's currency, below which a warning shows and the run goes on. " +
		"Usually set above `minimum`, as an early notice to top up."
)
