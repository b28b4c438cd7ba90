package provider

import (
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// configurationGuard keeps one provider process to one configuration. Terraform starts a
// provider process for each provider configuration, aliases included, except when the provider
// runs in debug mode (-debug, TF_REATTACH_PROVIDERS): then every configuration is sent to the one
// process, each replacing the last, and a read does not say which configuration it is for. A
// read after a second, different configuration arrived could gate one account on another's
// funds, so every read fails instead, from then on.
type configurationGuard struct {
	mu    sync.Mutex
	first *configuration
	mixed bool
}

// configuration is what a provider block decides: the account, where it is, how it is asked,
// and where its key was read (the hints name it).
type configuration struct {
	endpoint, key, method string
	timeout               time.Duration
	maxRetries            int
	keySource             keySource
}

func configurationOf(cfg gateway.Config, source keySource) configuration {
	return configuration{
		endpoint: cfg.Endpoint, key: cfg.APIKey, method: cfg.Method,
		timeout: cfg.Timeout, maxRetries: cfg.MaxRetries, keySource: source,
	}
}

// configured records a configuration the process was given.
func (g *configurationGuard) configured(c configuration) {
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
	mixed := g.mixed
	g.mu.Unlock()
	if mixed {
		diags.AddError("One provider process, several configurations",
			"This gateway provider process was configured for more than one account or endpoint: Terraform sends every "+
				"provider configuration to one process when the provider runs in debug mode (-debug and "+
				"TF_REATTACH_PROVIDERS), and a read does not say which configuration it is for. So no read is trusted to "+
				"check the right account's funds. Run without TF_REATTACH_PROVIDERS, or start a debug provider for each "+
				"configuration and plan one at a time.")
	}
	return !mixed
}
