package provider

// gateway_balance, as a data source (read at plan time) and as an ephemeral resource (opened at
// plan time and again at apply time), and the gate both apply.

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	ephschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

var (
	_ datasource.DataSourceWithValidateConfig       = (*balanceDataSource)(nil)
	_ ephemeral.EphemeralResourceWithValidateConfig = (*balanceEphemeralResource)(nil)
)

// The two forms have one schema, written out in each (their schema packages differ).
const (
	balanceDescription      = "The balance, exactly as the gateway sent it (`31.168300000000002`); negative on a post-paid account in debt."
	minimumDescription      = "The least balance the work needs: below it, the read fails, naming both figures. May be negative (a credit limit)."
	warnBelowDescription    = "Below this balance a warning shows, `low` is true, and the run goes on."
	messagePriceDescription = "What one message costs, usually a `gateway_sms_price`'s `message_price`; above zero. The levels " +
		"in messages count at it."
	minimumMessagesDescription    = "The least number of messages at `message_price` the balance must pay for, as `minimum` in money."
	warnBelowMessagesDescription  = "As `warn_below`, in messages at `message_price`."
	affordableMessagesDescription = "Whole messages at `message_price` the balance pays for, counted exactly; null without `message_price`."
	currencyDescription           = "The account's currency (`UAH`); null where the gateway does not name it. Set it to the currency " +
		"the levels are in, such as a `gateway_sms_price`'s `currency`: a balance in another fails the read."
	lowDescription = "Whether a warning level was crossed: what a scheduled job reads."
)

type balanceDataSource struct {
	data *providerData
}

func newBalanceDataSource() datasource.DataSource { return &balanceDataSource{} }

func (d *balanceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_balance"
}

func (d *balanceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "The account's current funds, in its currency, read when the plan is made. " +
			"Set `minimum` to make the plan fail when the account cannot cover the work, or `warn_below` to be warned. " +
			"A saved plan applied later is not checked again: for that, use the `gateway_balance` ephemeral resource.",
		Attributes: map[string]dsschema.Attribute{
			"balance":             dsschema.NumberAttribute{Computed: true, MarkdownDescription: balanceDescription},
			"currency":            dsschema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: currencyDescription},
			"minimum":             dsschema.NumberAttribute{Optional: true, MarkdownDescription: minimumDescription},
			"warn_below":          dsschema.NumberAttribute{Optional: true, MarkdownDescription: warnBelowDescription},
			"message_price":       dsschema.NumberAttribute{Optional: true, MarkdownDescription: messagePriceDescription},
			"minimum_messages":    dsschema.NumberAttribute{Optional: true, MarkdownDescription: minimumMessagesDescription},
			"warn_below_messages": dsschema.NumberAttribute{Optional: true, MarkdownDescription: warnBelowMessagesDescription},
			"affordable_messages": dsschema.NumberAttribute{Computed: true, MarkdownDescription: affordableMessagesDescription},
			"low":                 dsschema.BoolAttribute{Computed: true, MarkdownDescription: lowDescription},
		},
	}
}

func (d *balanceDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	readGate(ctx, req.Config, false, &resp.Diagnostics)
}

func (d *balanceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *balanceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	readBalanceInto(ctx, d.data, false, req.Config, &resp.State, &resp.Diagnostics)
}

// balanceEphemeralResource is gateway_balance as an ephemeral resource: Terraform opens it in
// every run that needs it, the apply of a saved plan included, and never stores its result.
type balanceEphemeralResource struct {
	data *providerData
}

func newBalanceEphemeralResource() ephemeral.EphemeralResource { return &balanceEphemeralResource{} }

func (r *balanceEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_balance"
}

func (r *balanceEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = ephschema.Schema{
		MarkdownDescription: "The account's current funds, read again in every run that needs them: when the plan is made " +
			"and when it is applied, a saved plan applied hours later included. Nothing of it is stored in the plan or the state. " +
			"Set `minimum` to make the run fail when the account cannot cover the work. " +
			"Needs Terraform 1.10 or later, or OpenTofu 1.11 or later.",
		Attributes: map[string]ephschema.Attribute{
			"balance":             ephschema.NumberAttribute{Computed: true, MarkdownDescription: balanceDescription},
			"currency":            ephschema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: currencyDescription},
			"minimum":             ephschema.NumberAttribute{Optional: true, MarkdownDescription: minimumDescription},
			"warn_below":          ephschema.NumberAttribute{Optional: true, MarkdownDescription: warnBelowDescription},
			"message_price":       ephschema.NumberAttribute{Optional: true, MarkdownDescription: messagePriceDescription},
			"minimum_messages":    ephschema.NumberAttribute{Optional: true, MarkdownDescription: minimumMessagesDescription},
			"warn_below_messages": ephschema.NumberAttribute{Optional: true, MarkdownDescription: warnBelowMessagesDescription},
			"affordable_messages": ephschema.NumberAttribute{Computed: true, MarkdownDescription: affordableMessagesDescription},
			"low":                 ephschema.BoolAttribute{Computed: true, MarkdownDescription: lowDescription},
		},
	}
}

func (r *balanceEphemeralResource) ValidateConfig(ctx context.Context, req ephemeral.ValidateConfigRequest, resp *ephemeral.ValidateConfigResponse) {
	readGate(ctx, req.Config, false, &resp.Diagnostics)
}

func (r *balanceEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// Open asks the gateway afresh: instances opened together share one request.
func (r *balanceEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	readBalanceInto(ctx, r.data, true, req.Config, &resp.Result, &resp.Diagnostics)
}

// balanceGate is the levels a configuration sets, each checked by its rule; nil when unset.
type balanceGate struct {
	minimum, warnBelow                        *big.Float // in money; an infinity is above or below every balance
	price, minimumMessages, warnBelowMessages *big.Float // levels in messages at price
	currency                                  string     // the currency the levels are in, when set
}

// readGate reads the levels and checks each by its rule. At the read, a level that decides
// whether the read fails and is still not known fails it (Terraform and OpenTofu defer such a
// read, so this is the gate failing closed). Attribute by attribute: the framework's struct
// reflection costs more than the rest of a read.
func readGate(ctx context.Context, config tfsdk.Config, reading bool, diags *diag.Diagnostics) balanceGate {
	var price, minimum, warnBelow, minimumMessages, warnBelowMessages types.Number
	for _, a := range []struct {
		name       string
		target     *types.Number
		summary    string
		rule       func(*big.Float) error
		decides    bool // whether the read fails on it
		needsPrice bool
	}{
		{name: "minimum", target: &minimum, summary: "Invalid minimum", rule: amountRule("minimum"), decides: true},
		{name: "warn_below", target: &warnBelow, summary: "Invalid warn_below", rule: amountRule("warn_below")},
		{name: "message_price", target: &price, summary: "Invalid message_price", rule: messagePriceRule, decides: true},
		{name: "minimum_messages", target: &minimumMessages, summary: "Invalid minimum_messages", rule: countRule("minimum_messages"),
			decides: true, needsPrice: true},
		{name: "warn_below_messages", target: &warnBelowMessages, summary: "Invalid warn_below_messages",
			rule: countRule("warn_below_messages"), needsPrice: true},
	} {
		diags.Append(config.GetAttribute(ctx, path.Root(a.name), a.target)...)
		if f := a.target.ValueBigFloat(); f != nil {
			if err := a.rule(f); err != nil {
				diags.AddAttributeError(path.Root(a.name), a.summary, sentence(err.Error()))
			}
		} else if reading && a.decides && a.target.IsUnknown() {
			diags.AddAttributeError(path.Root(a.name), fmt.Sprintf("%s is not known yet", a.name),
				"The balance was to be read while "+a.name+" depends on a value known only after apply, so the funds cannot be "+
					"checked against it. Set "+a.name+" from values known at plan time, such as variables and other data sources.")
		}
		if a.needsPrice && !a.target.IsNull() && price.IsNull() {
			diags.AddAttributeError(path.Root(a.name), "Invalid Attribute Combination",
				fmt.Sprintf("Attribute \"message_price\" must be specified when %q is specified: the messages the balance "+
					"pays for are counted at that price.", a.name))
		}
	}
	return balanceGate{minimum: minimum.ValueBigFloat(), warnBelow: warnBelow.ValueBigFloat(), price: price.ValueBigFloat(),
		minimumMessages: minimumMessages.ValueBigFloat(), warnBelowMessages: warnBelowMessages.ValueBigFloat(),
		currency: currencyArgument(ctx, config, diags)}
}

// attributeSetter is a data source's state or an ephemeral resource's result.
type attributeSetter interface {
	SetAttribute(ctx context.Context, p path.Path, val any) diag.Diagnostics
}

// readBalanceInto reads the balance, applies the gate, and sets the computed attributes.
func readBalanceInto(ctx context.Context, data *providerData, fresh bool, config tfsdk.Config, target attributeSetter, diags *diag.Diagnostics) {
	gate := readGate(ctx, config, true, diags)
	if diags.HasError() {
		return
	}
	// Said here, once per read, rather than at validate time, which a plan runs twice.
	if gate.warnBelow != nil && !gate.warnBelow.IsInf() {
		if warnBelow, _ := gateway.AmountOf(gate.warnBelow); below(warnBelow, gate.minimum) { // checked by its rule
			diags.AddAttributeWarning(path.Root("warn_below"), "warn_below is below minimum",
				fmt.Sprintf("warn_below (%s) is lower than minimum (%s), so its warning can never show: a balance under minimum "+
					"fails the read first. Set warn_below above minimum, as an early notice.",
					formatAmount(gate.warnBelow), formatAmount(gate.minimum)))
		}
	}
	if gate.warnBelowMessages != nil && gate.minimumMessages != nil && gate.warnBelowMessages.Cmp(gate.minimumMessages) < 0 {
		diags.AddAttributeWarning(path.Root("warn_below_messages"), "warn_below_messages is below minimum_messages",
			fmt.Sprintf("warn_below_messages (%s) is lower than minimum_messages (%s), so its warning can never show: a balance "+
				"that pays for fewer than minimum_messages fails the read first. Set warn_below_messages above minimum_messages, "+
				"as an early notice.", formatAmount(gate.warnBelowMessages), formatAmount(gate.minimumMessages)))
	}

	funds, ok := readFunds(ctx, data, fresh, gate.currency, diags)
	if !ok {
		return
	}
	balance := funds.Amount
	if below(balance, gate.minimum) {
		diags.AddAttributeError(path.Root("minimum"), "Balance below minimum",
			fmt.Sprintf("The gateway reports a balance of %s, below the minimum of %s that this configuration requires. "+
				"Top up the account and run the plan again, or lower minimum if the work needs less.",
				funds, formatAmount(gate.minimum)))
		return
	}
	affordable := types.NumberNull()
	var messages *big.Int
	var price gateway.Amount
	if gate.price != nil {
		price, _ = gateway.AmountOf(gate.price) // checked by its rule
		messages = balance.Count(price)
		affordable = types.NumberValue(new(big.Float).SetInt(messages))
		if gate.minimumMessages != nil && affordable.ValueBigFloat().Cmp(gate.minimumMessages) < 0 {
			diags.AddAttributeError(path.Root("minimum_messages"), "Balance below minimum_messages",
				fmt.Sprintf("The gateway reports a balance of %s, which pays for %s messages at %s each, fewer than the "+
					"minimum_messages of %s that this configuration requires. Top up the account and run the plan again, "+
					"or lower minimum_messages if the work needs fewer.", funds, messages, price, formatAmount(gate.minimumMessages)))
			return
		}
	}

	// The summaries carry the figures and where the key was read: Terraform folds warnings that
	// share a summary, and each account's warning must be read in full.
	low := false
	if below(balance, gate.warnBelow) {
		low = true
		diags.AddAttributeWarning(path.Root("warn_below"),
			fmt.Sprintf("Balance is low: %s below %s (%s)", funds, formatAmount(gate.warnBelow), data.keySource.label()),
			fmt.Sprintf("The gateway reports a balance of %s, below the warn_below level of %s, for the account whose key is "+
				"read from %s. This level only warns: top up the account soon.", funds, formatAmount(gate.warnBelow), data.keySource))
	}
	if gate.warnBelowMessages != nil && affordable.ValueBigFloat().Cmp(gate.warnBelowMessages) < 0 {
		low = true
		diags.AddAttributeWarning(path.Root("warn_below_messages"),
			fmt.Sprintf("Balance is low: %s messages below %s (%s)", messages, formatAmount(gate.warnBelowMessages), data.keySource.label()),
			fmt.Sprintf("The gateway reports a balance of %s, which pays for %s messages at %s each, below the "+
				"warn_below_messages level of %s, for the account whose key is read from %s. This level only warns: top up the account soon.",
				funds, messages, price, formatAmount(gate.warnBelowMessages), data.keySource))
	}

	// The arguments are there already: setting them again cost a third of a read.
	diags.Append(target.SetAttribute(ctx, path.Root("balance"), types.NumberValue(balance.Float()))...)
	currency := types.StringNull() // where the gateway does not name it
	if funds.Currency != "" {
		currency = types.StringValue(funds.Currency)
	}
	diags.Append(target.SetAttribute(ctx, path.Root("currency"), currency)...)
	diags.Append(target.SetAttribute(ctx, path.Root("affordable_messages"), affordable)...)
	diags.Append(target.SetAttribute(ctx, path.Root("low"), types.BoolValue(low))...)
}

// readFunds reads the balance, the Configure's one figure or a fresh one, in the currency want.
func readFunds(ctx context.Context, data *providerData, fresh bool, want string, diags *diag.Diagnostics) (gateway.Funds, bool) {
	if !canRead(data, diags) {
		return gateway.Funds{}, false
	}
	read := data.client.Balance
	if fresh {
		read = data.client.FreshBalance
	}
	funds, err := read(ctx)
	if err != nil {
		diags.Append(clientErrorDiagnostic("read the balance", path.Empty(), data.keySource, err))
		return funds, false
	}
	return funds, sameCurrency(want, "Balance", funds, diags)
}

// sameCurrency reports whether a balance or a price ("Balance", "Price") is in the currency
// want, when set; otherwise it adds the error, naming both. A balance in a currency the gateway
// does not name fails too.
func sameCurrency(want, what string, got gateway.Funds, diags *diag.Diagnostics) bool {
	if want == "" || strings.EqualFold(want, got.Currency) {
		return true
	}
	if got.Currency == "" {
		diags.AddAttributeError(path.Root("currency"), "Balance currency unknown",
			fmt.Sprintf("The gateway reports a balance of %s without naming its currency (it answers only the HTTP API, "+
				"not the JSON API at /api/json.php), so it cannot be compared with amounts in %s. Remove currency to "+
				"compare the figures as they are, or ask the operator for the JSON API.", got.Amount, want))
		return false
	}
	diags.AddAttributeError(path.Root("currency"), fmt.Sprintf("%s in another currency", what),
		fmt.Sprintf("The gateway reports a %s of %s, and currency says the amounts here are in %s. Money is compared "+
			"only in one currency, so nothing was checked. Use amounts in %s, or an account in %s.",
			strings.ToLower(what), got, want, got.Currency, want))
	return false
}

// below reports whether an amount is under a threshold, when it is set, compared exactly.
func below(amount gateway.Amount, threshold *big.Float) bool {
	switch {
	case threshold == nil:
		return false
	case threshold.IsInf(): // above every amount, or below
		return threshold.Sign() > 0
	}
	limit, _ := gateway.AmountOf(threshold) // checked by its rule
	return amount.Cmp(limit) < 0
}
