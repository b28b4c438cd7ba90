package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// providerData is what Configure hands to each data source, ephemeral resource and resource.
// No log mask is needed: the client's log lines and errors are redacted where they are made.
type providerData struct {
	client    *gateway.Client
	guard     *configurationGuard // the process's, shared by every configuration it was given
	keySource keySource           // where the key was read, for hints about it
}

// configuredData takes the provider data a data source's or ephemeral resource's Configure receives. It is nil while
// Terraform validates, before the provider is configured.
func configuredData(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return pd
}

// canRead reports whether a Read or Open can go ahead: Terraform configures the provider first,
// and the process holds one configuration (configurationGuard).
func canRead(data *providerData, diags *diag.Diagnostics) bool {
	if data == nil {
		diags.AddError("Provider not configured",
			"The gateway provider was not configured before a read. This is a bug in the provider; please report it.")
		return false
	}
	return data.guard.check(diags)
}
