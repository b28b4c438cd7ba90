#!/usr/bin/env bash
# scripts/bench.sh: Go benchmarks of the parser, the client and one data source read, then the
# CLI benchmark (internal/cmd/bench): terraform plan with 1 to 1000 gateway_balance
# instances against the fake gateway, with the provider's own CPU time and memory.
# Then the same plans beside ../shared/bench/noop-provider, a framework provider that does
# nothing, built into a temporary directory: the ratio gateway / do-nothing at 1 and 300 data
# sources is what the provider itself costs.
# BENCH_SIZES, BENCH_RUNS and BENCH_CLI (a CLI of scripts/tested-clis.txt, such as
# tofu-1.12.6; the newest Terraform by default) change what it measures; BENCH_FLOOR_SIZES and
# BENCH_FLOOR_RUNS the comparison, BENCH_NOOP_DIR where the do-nothing provider's source is,
# BENCH_PROVIDER another build of the provider (an older commit's, to compare).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export GOTOOLCHAIN=go1.27.3 PATH="$root/.tools/bin:$PATH" # as make sets them
# shellcheck disable=SC2086 # the default is two words
go run ./internal/cmd/clis -bin .tools/bin ${BENCH_CLI:--newest terraform}
cli=${BENCH_CLI:-terraform} # the newest tested Terraform, unless one is named

echo "==> go test -bench (parser, client request, shared read, provider read)"
go test -run '^$' -bench . -benchmem ./internal/gateway/ ./internal/provider/ | grep -E '^(Benchmark|ok|FAIL)'

provider=${BENCH_PROVIDER:-}
if [ -z "$provider" ]; then
  provider="$root/.tools/bench/terraform-provider-gateway"
  mkdir -p "$(dirname "$provider")"
  # Built as releases are (.goreleaser.yml), so size and start-up are the shipped ones.
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=bench" -o "$provider" .
fi

# The do-nothing provider, built outside the repository: nothing of it is part of this one.
noop_src=${BENCH_NOOP_DIR:-$root/../shared/bench/noop-provider}
noop_args=()
if [ -f "$noop_src/main.go" ]; then
  noop_dir=$(mktemp -d)
  trap 'rm -rf "$noop_dir"' EXIT
  (cd "$noop_src" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$noop_dir/terraform-provider-noop" .)
  noop_args=(-noop "$noop_dir/terraform-provider-noop" -floor-sizes "${BENCH_FLOOR_SIZES:-1,300}" -floor-runs "${BENCH_FLOOR_RUNS:-15}")
else
  echo "bench: no do-nothing provider at $noop_src (BENCH_NOOP_DIR); the ratio to it is left out" >&2
fi

echo
echo "==> terraform plan against the fake gateway"
go run ./internal/cmd/bench -cli "$root/.tools/bin/$cli" -provider "$provider" \
  -sizes "${BENCH_SIZES:-1,10,100,1000}" -runs "${BENCH_RUNS:-3}" ${noop_args[@]+"${noop_args[@]}"}
