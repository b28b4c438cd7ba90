package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/smsgateway/terraform-provider-gateway/internal/gateway"
)

// clientConfig resolves each setting from its argument, then its environment variable, then
// its default, and reports a missing or invalid one on its attribute, naming both sources.
// Values are trimmed the same way wherever they come from.
func clientConfig(model providerModel, lookupEnv func(string) (string, bool)) (gateway.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	if unknownArguments(model, &diags) {
		return gateway.Config{}, diags
	}

	cfg := gateway.Config{
		Method:     model.Method.ValueString(),
		MaxRetries: gateway.DefaultMaxRetries,
		Timeout:    gateway.DefaultTimeout,
	}
	if !model.MaxRetries.IsNull() {
		cfg.MaxRetries = int(model.MaxRetries.ValueInt64())
	}
	if !model.Timeout.IsNull() {
		// Checked at validate time too, unless the value was not known yet then.
		timeout, err := parseTimeout(model.Timeout.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("timeout"), "Invalid timeout", sentence(err.Error()))
		}
		cfg.Timeout = timeout
	}

	keyEnv := EnvAPIKey
	if name := strings.TrimSpace(model.APIKeyEnv.ValueString()); name != "" {
		keyEnv = name
	}
	key, fromEnv := fromArgumentOrEnv(model.APIKey, keyEnv, lookupEnv)
	switch {
	case key == "" && keyEnv != EnvAPIKey:
		diags.AddAttributeError(path.Root("api_key_env"), "Missing API key",
			"api_key is not set, and the environment variable "+keyEnv+", which api_key_env names, is not set or is empty. "+
				"Set "+keyEnv+" to this account's key (in CI, from the secret store), or set api_key.")
	case key == "":
		diags.AddAttributeError(path.Root("api_key"), "Missing API key",
			"The provider needs the gateway account's API key. Set the "+EnvAPIKey+" environment variable, "+
				"or api_key in the provider block (for example from a sensitive variable), or name another variable in api_key_env. "+
				"The key is in the gateway's personal cabinet, under API settings.")
	default:
		// An argument was checked at validate time, unless its value was not known yet then.
		if err := gateway.CheckAPIKey(key); err != nil {
			source := "api_key"
			if fromEnv {
				source = "The " + keyEnv + " environment variable"
			}
			diags.AddAttributeError(path.Root("api_key"), "Invalid API key", source+": "+err.Error()+".")
		}
	}
	cfg.APIKey = key

	endpoint, fromEnv := fromArgumentOrEnv(model.Endpoint, EnvEndpoint, lookupEnv)
	if endpoint == "" {
		diags.AddAttributeError(path.Root("endpoint"), "Missing gateway endpoint",
			"The provider needs the gateway operator's base URL, such as https://alphasms.ua. "+
				"Set endpoint in the provider block, or set the "+EnvEndpoint+" environment variable.")
	} else if _, err := gateway.ParseEndpoint(endpoint); err != nil {
		// An argument was checked at validate time, unless its value was not known yet then.
		source := "endpoint"
		if fromEnv {
			source = "The " + EnvEndpoint + " environment variable"
		}
		diags.AddAttributeError(path.Root("endpoint"), "Invalid gateway endpoint", source+" is not a usable endpoint: "+err.Error()+".")
	}
	cfg.Endpoint = endpoint
	return cfg, diags
}

// fromArgumentOrEnv returns the argument's value, or else the environment variable's, and
// whether it came from the environment. Both are trimmed; empty counts as unset in both places.
func fromArgumentOrEnv(arg interface{ ValueString() string }, env string, lookupEnv func(string) (string, bool)) (string, bool) {
	if v := strings.TrimSpace(arg.ValueString()); v != "" {
		return v, false
	}
	v, _ := lookupEnv(env)
	return strings.TrimSpace(v), true
}

// unknownArguments reports arguments whose value is not known yet, such as a key taken from a
// resource that the same plan creates. The client cannot be built from a value that does not
// exist, and a request made without it would fail in a less helpful way.
func unknownArguments(model providerModel, diags *diag.Diagnostics) bool {
	arguments := []struct {
		name  string
		value attr.Value
	}{
		{"api_key", model.APIKey}, {"api_key_env", model.APIKeyEnv}, {"endpoint", model.Endpoint}, {"method", model.Method},
		{"max_retries", model.MaxRetries}, {"timeout", model.Timeout},
	}
	found := false
	for _, arg := range arguments {
		if arg.value.IsUnknown() {
			found = true
			diags.AddAttributeError(path.Root(arg.name), "Provider argument not known yet",
				"The value of "+arg.name+" depends on something this plan has not created or read yet, "+
					"and the provider needs it to read the balance during the plan. Apply the resource it comes from first "+
					"(terraform apply -target=...), set the value statically, or use the environment variable where the argument has one.")
		}
	}
	return found
}
