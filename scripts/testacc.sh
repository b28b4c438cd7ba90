#!/usr/bin/env bash
# Runs the acceptance tests through each real CLI (Terraform, then OpenTofu) and prints a
# count for each. A skipped test fails the run: with TF_ACC set nothing has a reason to skip.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
packages=${ACC_PACKAGES:-./internal/provider/... ./internal/e2e/...}
status=0

run() { # run NAME CLI [ENV=VALUE...]
  local name=$1 cli=$2
  shift 2
  local log
  log=$(mktemp)
  echo "==> acceptance tests on $name ($("$cli" version 2>/dev/null | head -n1))"
  if ! (cd "$root" && env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" "$@" \
    go test -count=1 -v -timeout 20m ${TESTARGS:-} $packages) >"$log" 2>&1; then
    status=1
  fi
  grep -E '^(=== RUN|    ---|---|ok|FAIL|panic)' "$log" | grep -v '^=== RUN' | grep -E -- '--- (FAIL|SKIP)|^FAIL|^ok|^panic' || true
  if grep -qE -- '--- (FAIL|SKIP)|^FAIL|^panic' "$log"; then
    sed -n '/--- FAIL/,/^---/p' "$log" | head -200
    status=1
  fi
  local passed failed skipped
  passed=$(grep -cE -- '--- PASS' "$log" || true)
  failed=$(grep -cE -- '--- FAIL' "$log" || true)
  skipped=$(grep -cE -- '--- SKIP' "$log" || true)
  echo "$name: $passed passed, $failed failed, $skipped skipped"
  [ "$skipped" -eq 0 ] || status=1
  rm -f "$log"
}

run terraform "$bin/terraform"
run opentofu "$bin/tofu" TF_ACC_PROVIDER_HOST=registry.opentofu.org
exit $status
