package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

var _ datasource.DataSourceWithConfigure = (*smsPriceDataSource)(nil)

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
			"to": schema.StringAttribute{
				Optional: true, // required, checked by toGiven: the framework's own error for a null blames the provider
				MarkdownDescription: "Required: the recipient's number in international format, country code first. Common human forms are " +
					"accepted (`+380 50 123 45 67`, `380-50-123-4567`); spaces, dashes, dots, parentheses and a leading `+` " +
					"are dropped. Anything else, fewer than 7 or more than 15 digits, or a leading `0` (a national number) " +
					"is refused before any request.",
				Validators: []validator.String{toGiven{}, phoneNumberValidator},
			},
			"text": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The message text, exactly as it will be sent. When set, `parts`, `encoding` and " +
					"`message_price` say what sending it costs; otherwise they are null.",
			},
			"number": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The digits sent to the gateway, such as `380501234567`: it repeats `to`, so an output " +
					"of it needs `sensitive = true` where `to` is sensitive.",
			},
			"price": schema.NumberAttribute{
				Computed: true,
				MarkdownDescription: "The price of one message part to `to`, in `currency`, exactly as the gateway sent it " +
					"(never rounded). Always above zero: the gateway quotes 0 where it does not deliver, and that is an error.",
			},
			"currency": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The currency of `price`, as the gateway names it, such as `UAH`. Set it to the currency " +
					"`budget` is in, such as a `gateway_balance`'s `currency`: a price in any other currency then fails the " +
					"read, naming both.",
				Validators: []validator.String{currencyValidator},
			},
			"parts": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "How many message parts `text` is sent and billed as (see the `sms_parts` function for the rules).",
			},
			"encoding": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "How `text` is sent: `GSM-7`, or `UCS-2` when it holds any character outside the GSM 03.38 alphabet.",
			},
			"message_price": schema.NumberAttribute{
				Computed:            true,
				MarkdownDescription: "What sending `text` to `to` costs: `price` × `parts`, computed exactly in decimal, in `currency`.",
			},
			"budget": schema.NumberAttribute{
				Optional:   true,
				Validators: []validator.Number{budgetRule},
				MarkdownDescription: "An amount in `currency`, such as the account's balance, for `affordable_messages` to count " +
					"against. Only used with `text`.",
			},
			"affordable_messages": schema.NumberAttribute{
				Computed: true,
				MarkdownDescription: "How many whole messages of `text` to `to` the `budget` pays for: `budget` ÷ `message_price`, " +
					"rounded down, computed exactly in decimal; 0 when `budget` is zero or less. Null unless `text` and `budget` are set. " +
					"Use it rather than `floor(budget / message_price)` in the configuration: Terraform divides in binary, " +
					"and at an exact boundary (a budget of exactly 100 messages) can count one message fewer.",
			},
		},
	}
}

func (d *smsPriceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *smsPriceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	if !canRead(d.data, &resp.Diagnostics) {
		return
	}
	ctx = d.data.maskLogs(ctx)

	var to, text, currency types.String
	var budget types.Number
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("currency"), &currency)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("to"), &to)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("text"), &text)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("budget"), &budget)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if to.IsNull() { // toGiven said so at validate time
		return
	}
	price, err := d.data.client.Price(ctx, to.ValueString())
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiagnostic("read the price of a message to the number in to", path.Root("to"), d.data.keySource, err))
		return
	}
	if !sameCurrency(currency, "Price", gateway.Funds{Amount: price.Amount, Currency: price.Currency}, path.Root("currency"), &resp.Diagnostics) {
		return
	}
	parts, encoding, messagePrice, affordable := types.Int64Null(), types.StringNull(), types.NumberNull(), types.NumberNull()
	if !text.IsNull() {
		segments := gateway.Segment(text.ValueString())
		parts, encoding = types.Int64Value(int64(segments.Parts)), types.StringValue(segments.Encoding)
		total := price.Amount.Times(big.NewInt(int64(segments.Parts)))
		messagePrice = types.NumberValue(total.Float())
		if count, ok := affordableMessages(budget, total); ok {
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

// toGiven refuses a to without a value: left out, or set from a null (a variable without a
// value), which for a required argument the framework reports as the provider's own fault.
type toGiven struct{}

func (toGiven) Description(context.Context) string { return "must be set" }

func (toGiven) MarkdownDescription(context.Context) string { return "must be set" }

func (toGiven) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path, "Missing phone number",
			"to has no value: it is left out, or set from a value that is null, such as a variable given none. "+
				"Set it to the recipient's number in international format, such as \"+380501234567\".")
	}
}

// affordableMessages is how many messages at messagePrice the budget pays for, when a budget is set.
func affordableMessages(budget types.Number, messagePrice gateway.Amount) (*big.Int, bool) {
	if budget.IsNull() || budget.IsUnknown() {
		return nil, false
	}
	amount, err := gateway.AmountOf(budget.ValueBigFloat())
	if err != nil { // an infinite budget counts no messages: nothing real can be paid with it
		return new(big.Int), true
	}
	return amount.Count(messagePrice), true
}
