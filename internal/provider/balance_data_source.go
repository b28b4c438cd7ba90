package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*balanceDataSource)(nil)

type balanceDataSource struct {
	data *providerData
}

type balanceModel struct {
	Balance   types.Number `tfsdk:"balance"`
	Minimum   types.Number `tfsdk:"minimum"`
	WarnBelow types.Number `tfsdk:"warn_below"`
}

func newBalanceDataSource() datasource.DataSource { return &balanceDataSource{} }

func (d *balanceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_balance"
}

func (d *balanceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The account's current funds, as the gateway's `balance` command reports them. " +
			"Set `minimum` to make the plan fail when the account cannot cover the work, or `warn_below` to be warned.",
		Attributes: map[string]schema.Attribute{
			"balance": schema.NumberAttribute{
				Computed: true,
				Description: "The balance in the account's currency, exactly as the gateway sent it (for example `31.168300000000002`, " +
					"never rounded). Negative on a post-paid account that owes money.",
			},
			"minimum": schema.NumberAttribute{
				Optional: true,
				Description: "The least balance, in the account's currency, that this configuration needs. When the balance is " +
					"below it (a balance equal to it passes), reading fails with an error showing both figures, so the plan stops " +
					"before anything is applied. May be negative, for a post-paid credit limit.",
			},
			"warn_below": schema.NumberAttribute{
				Optional: true,
				Description: "A balance, in the account's currency, below which the plan shows a warning and goes on. " +
					"Usually set above `minimum`, as an early notice to top up.",
			},
		},
	}
}

func (d *balanceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return // validation runs before the provider is configured
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", req.ProviderData))
		return
	}
	d.data = data
}

func (d *balanceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.data == nil {
		resp.Diagnostics.AddError("Provider not configured",
			"The gateway provider was not configured before reading the balance. This is a bug in the provider; please report it.")
		return
	}
	ctx = d.data.maskLogs(ctx)

	var model balanceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}

	balance, err := d.data.client.Balance(ctx)
	if err != nil {
		summary, detail := describeClientError("read the balance", err)
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	model.Balance = types.NumberValue(balance)
	shown := formatAmount(balance)

	if !model.Minimum.IsNull() && !model.Minimum.IsUnknown() && balance.Cmp(model.Minimum.ValueBigFloat()) < 0 {
		resp.Diagnostics.AddAttributeError(path.Root("minimum"), "Balance below minimum",
			fmt.Sprintf("The gateway reports a balance of %s, below the minimum of %s that this configuration requires. "+
				"Top up the account and run the plan again, or lower minimum if the work needs less.",
				shown, formatAmount(model.Minimum.ValueBigFloat())))
		return
	}
	if !model.WarnBelow.IsNull() && !model.WarnBelow.IsUnknown() && balance.Cmp(model.WarnBelow.ValueBigFloat()) < 0 {
		resp.Diagnostics.AddAttributeWarning(path.Root("warn_below"), "Balance is low",
			fmt.Sprintf("The gateway reports a balance of %s, below the warn_below level of %s. "+
				"The plan goes on; top up the account soon.", shown, formatAmount(model.WarnBelow.ValueBigFloat())))
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
