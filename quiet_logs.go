package main

import "os"

// quietUnlessLogged switches the plugin SDK's and the provider's log output off when nobody
// will read it. Terraform keeps a provider's log lines only when TF_LOG or TF_LOG_PROVIDER is
// set (the provider inherits Terraform's environment); otherwise the framework would still
// format a few JSON trace lines per request, to be parsed and dropped by Terraform — most of
// the provider's CPU time in a plan with many data sources. A level the user set wins.
func quietUnlessLogged() {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, name := range []string{"TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		if os.Getenv(name) == "" {
			_ = os.Setenv(name, "OFF")
		}
	}
}
