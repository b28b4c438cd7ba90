// Package provider is the Terraform glue: it turns provider configuration into a
// gateway.Client and the client's errors into diagnostics. It speaks no HTTP itself.
package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// Environment variables the provider falls back to when an argument is not set.
const (
	EnvAPIKey   = "GATEWAY_API_KEY"
	EnvEndpoint = "GATEWAY_ENDPOINT"
)

var (
	_ provider.Provider                       = (*gatewayProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*gatewayProvider)(nil)
	_ provider.ProviderWithFunctions          = (*gatewayProvider)(nil)
)

type gatewayProvider struct {
	version   string
	lookupEnv func(string) (string, bool)
	guard     configurationGuard // one configuration per process
	transport http.RoundTripper  // nil: the client's own; tests inject faults here
}

// providerModel is the provider block.
type providerModel struct {
	APIKey     types.String `tfsdk:"api_key"`
	APIKeyEnv  types.String `tfsdk:"api_key_env"`
	Endpoint   types.String `tfsdk:"endpoint"`
	Method     types.String `tfsdk:"method"`
	MaxRetries types.Number `tfsdk:"max_retries"`
	Timeout    types.String `tfsdk:"timeout"`
	Currency   types.String `tfsdk:"currency"`
}

// New returns the provider's constructor; version is set by the release build.
func New(version string) func() provider.Provider {
	return NewWithEnv(version, os.LookupEnv)
}

// NewWithEnv lets tests give each provider instance its own environment.
func NewWithEnv(version string, lookupEnv func(string) (string, bool)) func() provider.Provider {
	return func() provider.Provider {
		return &gatewayProvider{version: version, lookupEnv: lookupEnv}
	}
}

func (p *gatewayProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "gateway"
	resp.Version = p.version
}

func (p *gatewayProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an SMS gateway account's funds and what its messages cost, in all their parts, so that a plan or the apply of a saved plan stops before it sends what the account cannot pay for.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "The account's API key. Defaults to the environment variable `api_key_env` names. " +
					"Sent only to `endpoint`; never stored.",
				Validators: []validator.String{apiKeyValidator},
			},
			"api_key_env": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The environment variable that holds the key when `api_key` is not set, such as " +
					"`GATEWAY_API_KEY_ALERTS`: capital words joined by underscores. Defaults to `" + EnvAPIKey + "`.",
				Validators: []validator.String{keyEnvValidator},
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The operator's base URL, such as `https://alphasms.ua`. Defaults to `" + EnvEndpoint + "`. " +
					"`http://` only to loopback.",
				Validators: []validator.String{endpointValidator},
			},
			"method": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "`POST` (the default), which keeps the key out of URLs, or `GET`, the vendor's documented form.",
				Validators:          []validator.String{methodValidator},
			},
			"max_retries": schema.NumberAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Retries after a failed attempt, from 0 (none, throttled ones included) to %d. "+
					"Defaults to %d.", gateway.MaxRetriesLimit, gateway.DefaultMaxRetries),
				Validators: []validator.Number{maxRetriesRule},
			},
			"timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How long one attempt may take, such as `10s`, at most `%s`. Defaults to `%s`.",
					maxTimeoutText, gateway.DefaultTimeout),
				Validators: []validator.String{timeoutValidator},
			},
			"currency": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The currency the account must be in, such as `UAH`. Set, every balance and price in another " +
					"currency fails, as does a balance whose currency the gateway does not name: the levels and prices of the " +
					"configuration are then never compared with money of another kind.",
				Validators: []validator.String{currencyValidator},
			},
		},
	}
}

func (p *gatewayProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, source, diags := clientConfig(model, p.lookupEnv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	processKeys.Add(cfg.APIKey) // before any request: Go's logger may quote what the gateway sends
	cfg.UserAgent = userAgent(p.version, req.TerraformVersion)
	cfg.Log = clientLogger
	cfg.Transport = p.transport

	client, err := gateway.New(cfg)
	if err != nil { // clientConfig checked every field, so this is a bug, not a user error
		resp.Diagnostics.AddError("Cannot create the gateway client", err.Error())
		return
	}
	// A client per Configure: the data sources of one Configure share its one figure.
	p.guard.configured(configurationOf(cfg, source))
	data := &providerData{client: client, guard: &p.guard, keySource: source}
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
	resp.ResourceData = data
}

func (p *gatewayProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{newBalanceDataSource, newSMSPriceDataSource}
}

func (p *gatewayProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{newBalanceEphemeralResource}
}

func (p *gatewayProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{newSMSPartsFunction}
}

func (p *gatewayProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newBudgetResource}
}

func userAgent(providerVersion, terraformVersion string) string {
	ua := "terraform-provider-gateway/" + providerVersion + " (+https://registry.terraform.io/providers/smsgateway/gateway)"
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}
