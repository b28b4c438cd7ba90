// Package provider is the Terraform glue: configuration into a gateway.Client, its errors into diagnostics; no HTTP.
package provider

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
	"github.com/smsgateway/terraform-provider-gateway/internal/secret"
)

// Environment variables the provider falls back to when an argument is not set.
const (
	EnvAPIKey   = "GATEWAY_API_KEY"
	EnvEndpoint = "GATEWAY_ENDPOINT"
)

var _ provider.ProviderWithValidateConfig = (*gatewayProvider)(nil)

type gatewayProvider struct {
	version   string
	lookupEnv func(string) (string, bool)
	guard     configurationGuard
	transport http.RoundTripper // nil: the client's own; tests inject faults here
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
			"api_key": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "The account's API key. Defaults to the environment variable `api_key_env` names. " +
					"Sent only to `endpoint`; never stored."},
			"api_key_env": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The environment variable that holds the key when `api_key` is not set, such as " +
					"`GATEWAY_API_KEY_ALERTS`: capital words joined by underscores. Defaults to `" + EnvAPIKey + "`."},
			"endpoint": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The operator's base URL, such as `https://alphasms.ua`. Defaults to `" + EnvEndpoint + "`. " +
					"`http://` only to loopback."},
			"method": schema.StringAttribute{Optional: true,
				MarkdownDescription: "`POST` (the default), which keeps the key out of URLs, or `GET`, the vendor's documented form."},
			"max_retries": schema.NumberAttribute{Optional: true,
				MarkdownDescription: fmt.Sprintf("Retries after a failed attempt, from 0 (none, throttled ones included) to %d. "+
					"Defaults to %d.", gateway.MaxRetriesLimit, gateway.DefaultMaxRetries)},
			"timeout": schema.StringAttribute{Optional: true,
				MarkdownDescription: fmt.Sprintf("How long one attempt may take, such as `10s`, at most `%s`. Defaults to `%s`.",
					maxTimeoutText, gateway.DefaultTimeout)},
			"currency": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The currency the account must be in, such as `UAH`. Set, every balance and price in another " +
					"currency fails, as does a balance whose currency the gateway does not name: the levels and prices of the " +
					"configuration are then never compared with money of another kind."},
		},
	}
}

// ValidateConfig checks the arguments known at validate time, before any request.
func (p *gatewayProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if !resp.Diagnostics.HasError() {
		settings(model, false, &resp.Diagnostics)
	}
}

func (p *gatewayProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	defer recovered(ctx, &resp.Diagnostics)
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, keyEnv := settings(model, true, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// An unset argument is read from its environment variable; a key error is on api_key_env when that named it.
	var err error
	source := keySource("api_key")
	if cfg.APIKey == "" {
		source = envKeySource(keyEnv)
		at, described, hint := path.Root("api_key"), EnvAPIKey, " The provider needs the gateway account's API key: set the "+
			EnvAPIKey+" environment variable, or api_key in the provider block (for example from a sensitive variable), or "+
			"name another variable in api_key_env. The key is in the gateway's personal cabinet, under API settings."
		if keyEnv != EnvAPIKey {
			at, described = path.Root("api_key_env"), keyEnv+", which api_key_env names,"
			hint = " Set " + keyEnv + " to this account's key (in CI, from the secret store), or set api_key."
		}
		if raw, missing := fromEnv("api_key", model.APIKey, keyEnv, described, p.lookupEnv); missing != "" {
			resp.Diagnostics.AddAttributeError(at, "Missing API key", missing+hint)
		} else if cfg.APIKey, err = apiKeyValue(raw); err != nil {
			resp.Diagnostics.AddAttributeError(at, "Invalid API key", sentence(string(source)+": "+err.Error()))
		}
	}
	if cfg.Endpoint == "" {
		if raw, missing := fromEnv("endpoint", model.Endpoint, EnvEndpoint, EnvEndpoint, p.lookupEnv); missing != "" {
			resp.Diagnostics.AddAttributeError(path.Root("endpoint"), "Missing gateway endpoint", missing+" The provider needs the "+
				"gateway operator's base URL, such as https://alphasms.ua: set endpoint in the provider block, or the "+EnvEndpoint+
				" environment variable.")
		} else if cfg.Endpoint, err = endpointValue(raw); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("endpoint"), "Invalid gateway endpoint",
				"The "+EnvEndpoint+" environment variable is not a usable endpoint: "+err.Error()+".")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	processKeys.Add(cfg.APIKey) // before any request: Go's logger may quote what the gateway sends
	cfg.UserAgent = "terraform-provider-gateway/" + p.version + " (+https://registry.terraform.io/providers/smsgateway/gateway)"
	if req.TerraformVersion != "" {
		cfg.UserAgent += " Terraform/" + req.TerraformVersion
	}
	cfg.Log = func(ctx context.Context, msg string, fields map[string]any) { tflog.Debug(ctx, msg, fields) } // redacted by the client
	cfg.Transport = p.transport

	client, err := gateway.New(cfg)
	if err != nil { // every field was checked above, so this is a bug, not a user error
		resp.Diagnostics.AddError("Cannot create the gateway client", err.Error())
		return
	}
	// A client per Configure: the data sources of one Configure share its one figure.
	p.guard.configured(cfg, source)
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

// settings applies each argument's rule to those set and known, returning the client's settings and the variable the
// key is read from when api_key is unset. Spaces only is unset. When configuring, an argument not known yet (a key
// from a resource the same plan creates) is an error: no client without it.
func settings(m providerModel, configuring bool, diags *diag.Diagnostics) (cfg gateway.Config, keyEnv string) {
	cfg, keyEnv = gateway.Config{MaxRetries: gateway.DefaultMaxRetries, Timeout: gateway.DefaultTimeout}, EnvAPIKey
	for _, a := range []struct {
		name, summary string
		value         attr.Value
		use           func() error // applies the rule and keeps the value
	}{
		{name: "api_key", summary: "Invalid API key", value: m.APIKey, use: func() (err error) { cfg.APIKey, err = apiKeyValue(m.APIKey.ValueString()); return err }},
		{name: "api_key_env", summary: "Invalid api_key_env", value: m.APIKeyEnv, use: func() (err error) { keyEnv, err = keyEnvValue(m.APIKeyEnv.ValueString()); return err }},
		{name: "endpoint", summary: "Invalid gateway endpoint", value: m.Endpoint, use: func() (err error) { cfg.Endpoint, err = endpointValue(m.Endpoint.ValueString()); return err }},
		{name: "method", summary: "Invalid method", value: m.Method, use: func() (err error) { cfg.Method, err = methodValue(m.Method.ValueString()); return err }},
		{name: "timeout", summary: "Invalid timeout", value: m.Timeout, use: func() (err error) { cfg.Timeout, err = parseTimeout(m.Timeout.ValueString()); return err }},
		{name: "max_retries", summary: "Invalid max_retries", value: m.MaxRetries, use: func() (err error) {
			cfg.MaxRetries, err = maxRetriesValue(m.MaxRetries.ValueBigFloat())
			return err
		}},
		{name: "currency", summary: "Invalid currency", value: m.Currency, use: func() error {
			cfg.Currency = strings.TrimSpace(m.Currency.ValueString())
			return gateway.CheckCurrency(cfg.Currency)
		}},
	} {
		blank := false
		if s, ok := a.value.(types.String); ok {
			blank = strings.TrimSpace(s.ValueString()) == ""
		}
		switch {
		case configuring && a.value.IsUnknown():
			diags.AddAttributeError(path.Root(a.name), "Provider argument not known yet",
				"The value of "+a.name+" depends on something this plan has not created or read yet, "+
					"and the provider needs it to read the balance during the plan. Apply the resource it comes from first "+
					"(terraform apply -target=...), set the value statically, or use the environment variable where the argument has one.")
		case a.value.IsNull() || a.value.IsUnknown() || blank:
		default:
			if err := a.use(); err != nil {
				diags.AddAttributeError(path.Root(a.name), a.summary, sentence(err.Error()))
			}
		}
	}
	return cfg, keyEnv
}

// fromEnv is env's value for an argument left unset; when it has none, missing says why neither gave one.
func fromEnv(argument string, arg types.String, env, described string, lookupEnv func(string) (string, bool)) (raw, missing string) {
	raw, set := lookupEnv(env)
	if strings.TrimSpace(raw) != "" {
		return raw, ""
	}
	missing = argument + " is not set, and "
	if !arg.IsNull() {
		missing = argument + " is set but empty (from a value that is empty, such as an empty variable), and "
	}
	if set {
		return "", missing + "the environment variable " + described + " is set but empty."
	}
	return "", missing + "the environment variable " + described + " is not set."
}

// keySource says where the key was read: "api_key", or an environment variable.
type keySource string

func envKeySource(name string) keySource {
	if name == EnvAPIKey {
		return keySource("the " + name + " environment variable")
	}
	return keySource("the " + name + " environment variable, which api_key_env names")
}

// label names the source in a few words, for a summary: the variable's name, or api_key.
func (s keySource) label() string {
	if name, ok := strings.CutPrefix(string(s), "the "); ok {
		name, _, _ = strings.Cut(name, " ")
		return name
	}
	return string(s)
}

// providerData is what Configure hands to each data source, ephemeral resource and resource.
type providerData struct {
	client    *gateway.Client
	guard     *configurationGuard // the process's
	keySource keySource           // where the key was read, for hints about it
}

// configuredData is the provider data a block's Configure receives: nil before Configure.
func configuredData(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
	}
	return pd
}

// canRead reports whether a read can go ahead: the provider is configured, and only once.
func canRead(data *providerData, diags *diag.Diagnostics) bool {
	if data == nil {
		diags.AddError("Provider not configured",
			"The gateway provider was not configured before a read. This is a bug in the provider; please report it.")
		return false
	}
	return data.guard.check(diags)
}

// configurationGuard keeps one provider process to one configuration. In debug mode Terraform
// sends every provider configuration to one process, and a read does not say which it is for:
// after a second, different one, every read fails rather than gate an account on another's funds.
type configurationGuard struct {
	mu    sync.Mutex
	first *configuration
	mixed bool
}

// configuration is what a provider block decides.
type configuration struct {
	endpoint, key, method string
	timeout               time.Duration
	maxRetries            int
	keySource             keySource
}

// configured records a configuration the process was given.
func (g *configurationGuard) configured(cfg gateway.Config, source keySource) {
	c := configuration{endpoint: cfg.Endpoint, key: cfg.APIKey, method: cfg.Method,
		timeout: cfg.Timeout, maxRetries: cfg.MaxRetries, keySource: source}
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.first == nil:
		g.first = &c
	case *g.first != c:
		g.mixed = true
	}
}

// check fails a read once the process has been given two different configurations.
func (g *configurationGuard) check(diags *diag.Diagnostics) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.mixed {
		diags.AddError("One provider process, several configurations",
			"This gateway provider process was configured for more than one account or endpoint: Terraform sends every "+
				"provider configuration to one process when the provider runs in debug mode (-debug and "+
				"TF_REATTACH_PROVIDERS), and a read does not say which configuration it is for. So no read is trusted to "+
				"check the right account's funds. Run without TF_REATTACH_PROVIDERS, or start a debug provider for each "+
				"configuration and plan one at a time.")
	}
	return !g.mixed
}

// processKeys are the keys this process was given, redacted from what it writes outside the
// client's log lines: Go's standard logger (net/http's stray bytes) and a recovered panic.
var processKeys secret.Set

// ProcessOutput is w with every key this process was given redacted, for Go's standard logger.
func ProcessOutput(w io.Writer) io.Writer { return processKeys.Writer(w) }

// recovered, deferred in each RPC method, turns a panic into an error diagnostic whose words
// hold no key, rather than a crash whose message Terraform prints as it is.
func recovered(ctx context.Context, diags *diag.Diagnostics) {
	r := recover()
	if r == nil {
		return
	}
	msg := processKeys.Redact(fmt.Sprint(r))
	tflog.Error(ctx, "the provider panicked", map[string]any{"panic": msg, "stack": processKeys.Redact(string(debug.Stack()))})
	diags.AddError("The provider failed",
		"The gateway provider hit a bug and stopped: "+msg+". Nothing was decided on the funds. Please report it, with the "+
			"stack that TF_LOG=debug shows.")
}
