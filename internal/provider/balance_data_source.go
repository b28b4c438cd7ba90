package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSourceWithConfigure      = (*balanceDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*balanceDataSource)(nil)
)

type balanceDataSource struct {
	data *providerData
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
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig catches thresholds that contradict each other: a warn_below under minimum
// can never show, since the read fails first.
func (d *balanceDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	minimum, warnBelow := thresholds(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || warnBelow.IsNull() || warnBelow.IsUnknown() || !below(warnBelow.ValueBigFloat(), minimum) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("warn_below"), "warn_below is below minimum",
		fmt.Sprintf("warn_below (%s) is lower than minimum (%s), so its warning can never show: a balance under minimum "+
			"fails the read first. Set warn_below above minimum, as an early notice.",
			formatAmount(warnBelow.ValueBigFloat()), formatAmount(minimum.ValueBigFloat())))
}

func (d *balanceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !ready(d.data, &resp.Diagnostics) {
		return
	}
	ctx = d.data.maskLogs(ctx)

	minimum, warnBelow := thresholds(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	balance, err := d.data.client.Balance(ctx)
	if err != nil {
		summary, detail := describeClientError("read the balance", err)
		resp.Diagnostics.AddError(summary, detail)
		return
	}

	if below(balance, minimum) {
		resp.Diagnostics.AddAttributeError(path.Root("minimum"), "Balance below minimum",
			fmt.Sprintf("The gateway reports a balance of %s, below the minimum of %s that this configuration requires. "+
				"Top up the account and run the plan again, or lower minimum if the work needs less.",
				formatAmount(balance), formatAmount(minimum.ValueBigFloat())))
		return
	}
	if below(balance, warnBelow) {
		resp.Diagnostics.AddAttributeWarning(path.Root("warn_below"), "Balance is low",
			fmt.Sprintf("The gateway reports a balance of %s, below the warn_below level of %s. "+
				"The plan goes on; top up the account soon.", formatAmount(balance), formatAmount(warnBelow.ValueBigFloat())))
	}

	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("balance"), types.NumberValue(balance))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("minimum"), minimum)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("warn_below"), warnBelow)...)
}

// thresholds reads minimum and warn_below. Attribute by attribute rather than through a
// struct model: the framework's struct reflection costs more than the rest of a read, and a
// plan may hold a thousand of them.
func thresholds(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (minimum, warnBelow types.Number) {
	diags.Append(config.GetAttribute(ctx, path.Root("minimum"), &minimum)...)
	diags.Append(config.GetAttribute(ctx, path.Root("warn_below"), &warnBelow)...)
	return minimum, warnBelow
}

// below reports whether balance is under a threshold that is set.
func below(balance *big.Float, threshold types.Number) bool {
	return !threshold.IsNull() && !threshold.IsUnknown() && balance.Cmp(threshold.ValueBigFloat()) < 0
}
