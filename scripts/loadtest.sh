#!/usr/bin/env bash
# scripts/loadtest.sh: many `terraform plan`s at once through the real CLI against a fake gateway
# that throttles past a rate (internal/cmd/loadtest): plans that read the balance, failures
# by summary, requests per plan, wall time. Not part of `make test`: it takes minutes and
# loads the machine. LOADTEST_ROWS (such as "30@5,100@10:max_retries=10"), LOADTEST_CLI
# (a CLI of scripts/tested-clis.txt; the newest Terraform by default) and LOADTEST_PROVIDER
# (another build of the provider, to compare) change what it measures.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export GOTOOLCHAIN=go1.27.3 PATH="$root/.tools/bin:$PATH" # as make sets them
# shellcheck disable=SC2086 # the default is two words
go run ./internal/cmd/clis -bin .tools/bin ${LOADTEST_CLI:--newest terraform}
cli=${LOADTEST_CLI:-terraform} # the newest tested Terraform, unless one is named

provider=${LOADTEST_PROVIDER:-}
if [ -z "$provider" ]; then
  provider="$root/.tools/loadtest/terraform-provider-gateway"
  mkdir -p "$(dirname "$provider")"
  # Built as releases are (.goreleaser.yml).
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=loadtest" -o "$provider" .
fi

go run ./internal/cmd/loadtest -cli "$root/.tools/bin/$cli" -provider "$provider" \
  ${LOADTEST_ROWS:+-rows "$LOADTEST_ROWS"}
