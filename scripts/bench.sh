#!/usr/bin/env bash
# make bench: Go benchmarks of the parser, the client and one data source read, then the
# CLI benchmark (internal/cmd/bench): terraform plan with 1 to 1000 gateway_balance
# instances against the fake gateway, with the provider's own CPU time and memory.
# BENCH_SIZES, BENCH_RUNS and BENCH_CLI (a CLI of scripts/tested-clis.txt, such as
# tofu-1.12.6; the newest Terraform by default) change what it measures.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cli=${BENCH_CLI:-terraform-$(awk '$1 == "terraform" {print $2}' "$root/scripts/tested-clis.txt" | sort -V | tail -n1)}
"$root/scripts/install-clis.sh" "$root/.tools/bin" "$cli"
cd "$root"

echo "==> go test -bench (parser, client request, shared read, provider read)"
go test -run '^$' -bench . -benchmem ./internal/gateway/ ./internal/provider/ | grep -E '^(Benchmark|ok|FAIL)'

provider="$root/.tools/bench/terraform-provider-gateway"
mkdir -p "$(dirname "$provider")"
# Built as releases are (.goreleaser.yml), so size and start-up are the shipped ones.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=bench" -o "$provider" .

echo
echo "==> terraform plan against the fake gateway"
go run ./internal/cmd/bench -cli "$root/.tools/bin/$cli" -provider "$provider" \
  -sizes "${BENCH_SIZES:-1,10,100,1000}" -runs "${BENCH_RUNS:-3}"
