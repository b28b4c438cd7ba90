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
	n                   int
	gateway, noop       time.Duration // medians of the wall time
	gatewayCPU, noopCPU time.Duration // medians of the CPU time of the CLI and the provider processes
	// Medians of each pair's ratio, gateway / do-nothing: the two plans of a pair run back to
	// back, so a shared machine's load, which drifts over seconds, weighs on both alike.
	ratio, cpuRatio float64
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
	var gw, nop, gwCPU, nopCPU []time.Duration
	var ratios, cpuRatios []float64
	for i := range runs {
		order := []string{gwDir, noopDir}
		if i%2 == 1 {
			order = []string{noopDir, gwDir}
		}
		for _, dir := range order {
			wall, cpu, err := b.planTimed(dir, env)
			if err != nil {
				return floorRow{}, err
			}
			if dir == gwDir {
				gw, gwCPU = append(gw, wall), append(gwCPU, cpu)
			} else {
				nop, nopCPU = append(nop, wall), append(nopCPU, cpu)
			}
		}
		ratios = append(ratios, gw[i].Seconds()/nop[i].Seconds())
		cpuRatios = append(cpuRatios, gwCPU[i].Seconds()/nopCPU[i].Seconds())
	}
	return floorRow{n: n, gateway: median(gw), noop: median(nop), gatewayCPU: median(gwCPU), noopCPU: median(nopCPU),
		ratio: median(ratios), cpuRatio: median(cpuRatios)}, nil
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

func median[T time.Duration | float64](values []T) T {
	s := slices.Clone(values)
	slices.Sort(s)
	return s[len(s)/2]
}
