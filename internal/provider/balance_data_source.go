package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ datasource.DataSourceWithConfigure = (*balanceDataSource)(nil)

type balanceDataSource struct {
	data *providerData
}

func newBalanceDataSource() datasource.DataSource { return &balanceDataSource{} }

func (d *balanceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_balance"
}

func (d *balanceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's current funds, in its currency, read when the plan is made. " +
			"Set `minimum` to make the plan fail when the account cannot cover the work, or `warn_below` to be warned. " +
			"A saved plan applied later is not checked again: for that, use the `gateway_balance` ephemeral resource.",
		Attributes: map[string]schema.Attribute{
			"balance": schema.NumberAttribute{Computed: true, MarkdownDescription: balanceDescription},
			"currency": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: currencyDescription,
				Validators: []validator.String{currencyValidator}},
			"minimum":    schema.NumberAttribute{Optional: true, MarkdownDescription: minimumDescription, Validators: minimumValidators},
			"warn_below": schema.NumberAttribute{Optional: true, MarkdownDescription: warnBelowDescription, Validators: warnBelowValidators},
			"message_price": schema.NumberAttribute{Optional: true, MarkdownDescription: messagePriceDescription,
				Validators: messagePriceValidators},
			"minimum_messages": schema.NumberAttribute{Optional: true, MarkdownDescription: minimumMessagesDescription,
				Validators: minimumMessagesValidators},
			"warn_below_messages": schema.NumberAttribute{Optional: true, MarkdownDescription: warnBelowMessagesDescription,
				Validators: warnBelowMessagesValidators},
			"affordable_messages": schema.NumberAttribute{Computed: true, MarkdownDescription: affordableMessagesDescription},
			"low":                 schema.BoolAttribute{Computed: true, MarkdownDescription: lowDescription},
		},
	}
}

func (d *balanceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *balanceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	readBalanceInto(ctx, d.data, false, req.Config, &resp.State, &resp.Diagnostics)
}
