package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
		Description: "What one SMS to a number costs, as the gateway's `price` command reports it, so that a gate " +
			"can count messages rather than money.",
		Attributes: map[string]schema.Attribute{
			"to": schema.StringAttribute{
				Required: true,
				Description: "The recipient's number in international format, country code first. Common human forms are " +
					"accepted (`+380 50 123 45 67`, `380-50-123-4567`); spaces, dashes, dots, parentheses and a leading `+` " +
					"are dropped. Anything else, or fewer than 7 or more than 15 digits, is refused before any request.",
				Validators: []validator.String{phoneNumberCheck},
			},
			"number": schema.StringAttribute{
				Computed:    true,
				Description: "The digits sent to the gateway, such as `380501234567`.",
			},
			"price": schema.NumberAttribute{
				Computed: true,
				Description: "The price of one message to `to`, in `currency`, exactly as the gateway sent it " +
					"(never rounded).",
			},
			"currency": schema.StringAttribute{
				Computed:    true,
				Description: "The currency of `price`, as the gateway names it, such as `UAH`.",
			},
		},
	}
}

func (d *smsPriceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *smsPriceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !ready(d.data, &resp.Diagnostics) {
		return
	}
	ctx = d.data.maskLogs(ctx)

	var to types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("to"), &to)...)
	if resp.Diagnostics.HasError() {
		return
	}
	price, err := d.data.client.Price(ctx, to.ValueString())
	if err != nil {
		summary, detail := describeClientError(fmt.Sprintf("read the price of a message to %s", to.ValueString()), err)
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("to"), to)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("number"), types.StringValue(price.Number))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("price"), types.NumberValue(price.Amount))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("currency"), types.StringValue(price.Currency))...)
}
