package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// The framework floor: the same plans through a terraform-plugin-framework provider that does
// nothing (../shared/bench/noop-provider, one data source answering a constant), side by side
// in one run. Both are started by the CLI itself through dev_overrides, as in real use (the
// do-nothing provider has no -debug mode), with the same log settings: the SDK and provider
// logs off, as the gateway provider sets them itself when Terraform keeps no logs.

// quietLogs is the log setting both providers get.
var quietLogs = []string{"TF_LOG_SDK=OFF", "TF_LOG_SDK_PROTO=OFF", "TF_LOG_SDK_FRAMEWORK=OFF", "TF_LOG_PROVIDER=OFF"}

type floorRow struct {
	n             int
	gateway, noop time.Duration // medians
}

// measureBesideNoop plans n data sources with each provider, runs times, alternating which
// goes first so that neither gets the warmer machine, and returns the medians.
func (b *bench) measureBesideNoop(noop string, n, runs int) (floorRow, error) {
	gwDir, err := b.configDir(fmt.Sprintf("floor-gateway-%d", n), forEach(n, "gateway", "smsgateway/gateway", "gateway_balance", `provider "gateway" {}`))
	if err != nil {
		return floorRow{}, err
	}
	noopDir, err := b.configDir(fmt.Sprintf("floor-noop-%d", n), forEach(n, "noop", "ceo/noop", "noop_balance", ""))
	if err != nil {
		return floorRow{}, err
	}
	cliConfig := filepath.Join(b.work, "floor.tfrc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"smsgateway/gateway\" = %q\n    \"ceo/noop\" = %q\n  }\n  direct {}\n}\n",
		filepath.Dir(b.provider), filepath.Dir(noop))
	if err := os.WriteFile(cliConfig, []byte(overrides), 0o600); err != nil {
		return floorRow{}, err
	}
	env := append([]string{"TF_CLI_CONFIG_FILE=" + cliConfig, "GATEWAY_ENDPOINT=" + b.endpoint, "GATEWAY_API_KEY=" + apiKey}, quietLogs...)
	var gw, nop []time.Duration
	for i := range runs {
		order := []string{gwDir, noopDir}
		if i%2 == 1 {
			order = []string{noopDir, gwDir}
		}
		for _, dir := range order {
			wall, err := b.plan(dir, env)
			if err != nil {
				return floorRow{}, err
			}
			if dir == gwDir {
				gw = append(gw, wall)
			} else {
				nop = append(nop, wall)
			}
		}
	}
	return floorRow{n: n, gateway: median(gw), noop: median(nop)}, nil
}

// forEach is a configuration reading n instances of one provider's balance data source.
func forEach(n int, name, source, dataSource, providerBlock string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    %s = { source = %q }
  }
}

%s

data %q "each" {
  for_each = toset([for i in range(%d) : tostring(i)])
}

output "read" {
  value = length(data.%s.each)
}
`, name, source, providerBlock, dataSource, n, dataSource)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
