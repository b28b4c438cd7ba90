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
// Each value goes through the function its validator applies (endpointValue, apiKeyValue,
// keyEnvValue, parseTimeout), wherever it comes from. It also says where the key came from,
// for the hints of errors about the key.
func clientConfig(model providerModel, lookupEnv func(string) (string, bool)) (cfg gateway.Config, source keySource, diags diag.Diagnostics) {
	if unknownArguments(model, &diags) {
		return gateway.Config{}, "", diags
	}

	cfg = gateway.Config{MaxRetries: gateway.DefaultMaxRetries, Timeout: gateway.DefaultTimeout}
	// Checked at validate time too, unless the value was not known yet then.
	method, err := methodValue(model.Method.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("method"), "Invalid method", sentence(err.Error()))
	}
	cfg.Method = method
	cfg.Currency = strings.TrimSpace(model.Currency.ValueString())
	if cfg.Currency != "" {
		// Checked at validate time too, unless the value was not known yet then.
		if err := gateway.CheckCurrency(cfg.Currency); err != nil {
			diags.AddAttributeError(path.Root("currency"), "Invalid currency", sentence(err.Error()))
		}
	}
	if !model.MaxRetries.IsNull() {
		// Checked at validate time too, unless the value was not known yet then.
		retries, err := maxRetriesValue(model.MaxRetries.ValueBigFloat())
		if err != nil {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid max_retries", sentence(err.Error()))
		}
		cfg.MaxRetries = retries
	}
	if strings.TrimSpace(model.Timeout.ValueString()) != "" {
		// Checked at validate time too, unless the value was not known yet then.
		timeout, err := parseTimeout(model.Timeout.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("timeout"), "Invalid timeout", sentence(err.Error()))
		}
		cfg.Timeout = timeout
	}

	keyEnv := EnvAPIKey
	if strings.TrimSpace(model.APIKeyEnv.ValueString()) != "" {
		name, err := keyEnvValue(model.APIKeyEnv.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("api_key_env"), "Invalid api_key_env", sentence(err.Error()))
			return cfg, "", diags
		}
		keyEnv = name
	}
	raw, fromEnv := fromArgumentOrEnv(model.APIKey, keyEnv, lookupEnv)
	source = keySource("api_key")
	if fromEnv {
		source = envKeySource(keyEnv)
	}
	switch {
	case strings.TrimSpace(raw) == "" && keyEnv != EnvAPIKey:
		diags.AddAttributeError(path.Root("api_key_env"), "Missing API key",
			unsetOrEmpty("api_key", model.APIKey.IsNull(), keyEnv+", which api_key_env names,", keyEnv, lookupEnv)+
				" Set "+keyEnv+" to this account's key (in CI, from the secret store), or set api_key.")
	case strings.TrimSpace(raw) == "":
		diags.AddAttributeError(path.Root("api_key"), "Missing API key",
			unsetOrEmpty("api_key", model.APIKey.IsNull(), EnvAPIKey, EnvAPIKey, lookupEnv)+" The provider needs the gateway "+
				"account's API key: set the "+EnvAPIKey+" environment variable, or api_key in the provider block (for example "+
				"from a sensitive variable), or name another variable in api_key_env. The key is in the gateway's personal "+
				"cabinet, under API settings.")
	default:
		// An argument was checked at validate time, unless its value was not known yet then.
		key, err := apiKeyValue(raw)
		if err != nil {
			at := path.Root("api_key")
			if fromEnv && keyEnv != EnvAPIKey {
				at = path.Root("api_key_env")
			}
			diags.AddAttributeError(at, "Invalid API key", sentence(source.capitalised()+": "+err.Error()))
		}
		cfg.APIKey = key
	}

	rawEndpoint, fromEnv := fromArgumentOrEnv(model.Endpoint, EnvEndpoint, lookupEnv)
	if strings.TrimSpace(rawEndpoint) == "" {
		diags.AddAttributeError(path.Root("endpoint"), "Missing gateway endpoint",
			unsetOrEmpty("endpoint", model.Endpoint.IsNull(), EnvEndpoint, EnvEndpoint, lookupEnv)+
				" The provider needs the gateway operator's base URL, such as https://alphasms.ua: set endpoint in the "+
				"provider block, or the "+EnvEndpoint+" environment variable.")
	} else {
		endpoint, err := endpointValue(rawEndpoint)
		if err != nil {
			// An argument was checked at validate time, unless its value was not known yet then.
			where := "endpoint"
			if fromEnv {
				where = "The " + EnvEndpoint + " environment variable"
			}
			diags.AddAttributeError(path.Root("endpoint"), "Invalid gateway endpoint", where+" is not a usable endpoint: "+err.Error()+".")
		}
		cfg.Endpoint = endpoint
	}
	return cfg, source, diags
}

// unsetOrEmpty says truly why neither an argument nor its environment variable gave a value:
// each is unset, or set but empty (a variable's value can be empty).
func unsetOrEmpty(argument string, argumentNull bool, envDescribed, env string, lookupEnv func(string) (string, bool)) string {
	arg := argument + " is not set"
	if !argumentNull {
		arg = argument + " is set but empty (from a value that is empty, such as an empty variable)"
	}
	envText := "the environment variable " + envDescribed + " is not set."
	if _, ok := lookupEnv(env); ok {
		envText = "the environment variable " + envDescribed + " is set but empty."
	}
	return arg + ", and " + envText
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

func (s keySource) capitalised() string {
	return sentenceCase(string(s))
}

// fromArgumentOrEnv returns the argument's value as written, or else the environment
// variable's, and whether it came from the environment. An argument of spaces only counts as
// unset.
func fromArgumentOrEnv(arg interface{ ValueString() string }, env string, lookupEnv func(string) (string, bool)) (string, bool) {
	if v := arg.ValueString(); strings.TrimSpace(v) != "" {
		return v, false
	}
	v, _ := lookupEnv(env)
	return v, true
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
		{"max_retries", model.MaxRetries}, {"timeout", model.Timeout}, {"currency", model.Currency},
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
