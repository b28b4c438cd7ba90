package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

var _ datasource.DataSourceWithValidateConfig = (*smsPriceDataSource)(nil)

type smsPriceDataSource struct {
	data *providerData
}

func newSMSPriceDataSource() datasource.DataSource { return &smsPriceDataSource{} }

func (d *smsPriceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sms_price"
}

func (d *smsPriceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "What an SMS to a number costs, as the gateway's `price` command reports it, so that a gate " +
			"can count messages rather than money. The gateway charges per message part: give `text` to get the price of " +
			"the whole message in `message_price`.",
		Attributes: map[string]schema.Attribute{
			"to": schema.StringAttribute{Optional: true, // required, checked by priceArguments
				MarkdownDescription: "Required: the number, country code first (`+380 50 123 45 67`); 7 to 15 digits, checked before any request."},
			"text": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The text as it will be sent, for `parts`, `encoding` and `message_price`."},
			"number": schema.StringAttribute{Computed: true, MarkdownDescription: "The digits sent (`380501234567`): sensitive where `to` is."},
			"price": schema.NumberAttribute{Computed: true,
				MarkdownDescription: "One message part's price, exactly as sent; above zero (a 0 is an error: no delivery there)."},
			"currency": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The price's currency (`UAH`). Set it to `budget`'s: a price in another fails the read."},
			"parts":         schema.Int64Attribute{Computed: true, MarkdownDescription: "The parts `text` is billed as (see `sms_parts`)."},
			"encoding":      schema.StringAttribute{Computed: true, MarkdownDescription: "`GSM-7`, or `UCS-2` for a character outside GSM 03.38."},
			"message_price": schema.NumberAttribute{Computed: true, MarkdownDescription: "`price` × `parts`, exactly."},
			"budget":        schema.NumberAttribute{Optional: true, MarkdownDescription: "An amount, such as the balance, for `affordable_messages`."},
			"affordable_messages": schema.NumberAttribute{Computed: true,
				MarkdownDescription: "Whole messages of `text` the `budget` pays for, counted exactly (Terraform's " +
					"`floor(budget / message_price)` can miss one at a boundary); null without `text` and `budget`."},
		},
	}
}

// ValidateConfig checks the arguments known at validate time, as Read does again.
func (d *smsPriceDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	priceArguments(ctx, req.Config, &resp.Diagnostics)
}

func (d *smsPriceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// priceArguments reads the arguments and checks each by its rule. A null to is refused here:
// for a required argument the framework would report it as the provider's own fault.
func priceArguments(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (to, text types.String, budget *big.Float, currency string) {
	var budgetValue types.Number
	diags.Append(config.GetAttribute(ctx, path.Root("to"), &to)...)
	diags.Append(config.GetAttribute(ctx, path.Root("text"), &text)...)
	diags.Append(config.GetAttribute(ctx, path.Root("budget"), &budgetValue)...)
	switch {
	case to.IsNull():
		diags.AddAttributeError(path.Root("to"), "Missing phone number",
			"to has no value: it is left out, or set from a value that is null, such as a variable given none. "+
				"Set it to the recipient's number in international format, such as \"+380501234567\".")
	case !to.IsUnknown():
		if _, err := gateway.NormalizeNumber(to.ValueString()); err != nil {
			diags.AddAttributeError(path.Root("to"), "Invalid phone number", sentence(err.Error()))
		}
	}
	if budget = budgetValue.ValueBigFloat(); budget != nil {
		if err := amountRule("budget")(budget); err != nil {
			diags.AddAttributeError(path.Root("budget"), "Invalid budget", sentence(err.Error()))
		}
	}
	return to, text, budget, currencyArgument(ctx, config, diags)
}

func (d *smsPriceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	if !canRead(d.data, &resp.Diagnostics) {
		return
	}
	to, text, budget, currency := priceArguments(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	price, err := d.data.client.Price(ctx, to.ValueString())
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiagnostic("read the price of a message to the number in to", path.Root("to"), d.data.keySource, err))
		return
	}
	if !sameCurrency(currency, "Price", gateway.Funds{Amount: price.Amount, Currency: price.Currency}, &resp.Diagnostics) {
		return
	}
	parts, encoding, messagePrice, affordable := types.Int64Null(), types.StringNull(), types.NumberNull(), types.NumberNull()
	if !text.IsNull() {
		segments := gateway.Segment(text.ValueString())
		parts, encoding = types.Int64Value(int64(segments.Parts)), types.StringValue(segments.Encoding)
		total := price.Amount.Times(big.NewInt(int64(segments.Parts)))
		messagePrice = types.NumberValue(total.Float())
		if budget != nil {
			count := new(big.Int) // an infinite budget counts no messages: nothing real can be paid with it
			if amount, err := gateway.AmountOf(budget); err == nil {
				count = amount.Count(total)
			}
			affordable = types.NumberValue(new(big.Float).SetInt(count))
		}
	}
	// to, text and budget are there already: the framework starts the state from the configuration.
	for name, value := range map[string]any{
		"number": types.StringValue(price.Number), "price": types.NumberValue(price.Amount.Float()),
		"currency": types.StringValue(price.Currency), "parts": parts, "encoding": encoding, "message_price": messagePrice,
		"affordable_messages": affordable,
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), value)...)
	}
}

// smsPartsFunction is provider::gateway::sms_parts(text): how many billed message parts a
// text is sent as, for configurations that count parts without asking for a price.
type smsPartsFunction struct{}

func newSMSPartsFunction() function.Function { return smsPartsFunction{} }

func (smsPartsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "sms_parts"
}

func (smsPartsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The number of message parts an SMS text is sent and billed as",
		MarkdownDescription: "Counts the parts the gateway splits `text` into, each billed as one message. " +
			"A text only in the GSM 03.38 alphabet is sent as GSM-7: up to 160 characters in one message, 153 per part beyond " +
			"(`^{}\\[~]|€` count two). Any other character, such as one Cyrillic letter, makes the whole text UCS-2: up to 70 " +
			"in one message, 67 per part beyond (an emoji counts two). An empty text is one message. " +
			"Needs Terraform 1.8 or later, or OpenTofu 1.7 or later. OpenTofu 1.10 and earlier configure the provider to call " +
			"it, so its key and endpoint must be set there even where nothing else reads the gateway.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "text", MarkdownDescription: "The message text, exactly as it will be sent."},
		},
		Return: function.Int64Return{},
	}
}

func (smsPartsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	if resp.Error = req.Arguments.Get(ctx, &text); resp.Error == nil {
		resp.Error = resp.Result.Set(ctx, int64(gateway.Segment(text).Parts))
	}
}
