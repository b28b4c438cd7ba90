package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*balanceEphemeralResource)(nil)

// balanceEphemeralResource is gateway_balance as an ephemeral resource: Terraform opens it in
// every run that needs it, the apply of a saved plan included, and never stores its result,
// so the gate looks at the funds of the moment the work is done.
type balanceEphemeralResource struct {
	data *providerData
}

func newBalanceEphemeralResource() ephemeral.EphemeralResource { return &balanceEphemeralResource{} }

func (r *balanceEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_balance"
}

func (r *balanceEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's current funds, read again in every run that needs them: when the plan is made " +
			"and when it is applied, a saved plan applied hours later included. Nothing of it is stored in the plan or the state. " +
			"Set `minimum` to make the run fail when the account cannot cover the work. " +
			"Needs Terraform 1.10 or later, or OpenTofu 1.11 or later.",
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

func (r *balanceEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// Open asks the gateway afresh: instances opened together share one request.
func (r *balanceEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	readBalanceInto(ctx, r.data, true, req.Config, &resp.Result, &resp.Diagnostics)
}
