#!/usr/bin/env bash
# Runs every acceptance test (internal/provider TestAcc*) and every end-to-end test
# (internal/e2e) through each CLI of scripts/tested-clis.txt, or those named in CLIS
# ("terraform-1.16.4 tofu-1.12.6"), and prints a count line for each:
#   terraform-1.16.4: 150 passed, 0 failed, 0 skipped
# A test that needs a feature the CLI lacks is counted apart as not applicable; any other
# skip fails the run (with TF_ACC set nothing has a reason to skip).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
cd "$root"
read -r -a clis <<<"${CLIS:-$(grep -Ev '^[[:space:]]*(#|$)' scripts/tested-clis.txt | tr ' ' '-' | tr '\n' ' ')}"
"$root/scripts/install-clis.sh" "$bin" "${clis[@]}"
go build -o "$bin/testreport" ./internal/cmd/testreport

# The CLIs must not read the caller's CLI configuration: one that names a missing file makes
# OpenTofu print a warning where the test framework reads its version, and no test starts.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/empty.tfrc"

# Every tested CLI that is built, for the tests that use a second one (a lock file made with
# one CLI and used by the other).
tested=""
for cli in $(grep -Ev '^[[:space:]]*(#|$)' scripts/tested-clis.txt | tr ' ' '-'); do
  [ -x "$bin/$cli" ] && tested="$tested $bin/$cli"
done

status=0 passed=0 failed=0 skipped=0
for cli in "${clis[@]}"; do
  extra=()
  [[ $cli == tofu-* ]] && extra=(TF_ACC_PROVIDER_HOST=registry.opentofu.org)
  echo "==> acceptance and e2e tests on $cli ($(TF_CLI_CONFIG_FILE="$work/empty.tfrc" CHECKPOINT_DISABLE=1 "$bin/$cli" version | head -n1))"
  report=$(
    export TF_ACC=1 TF_ACC_TERRAFORM_PATH="$bin/$cli" TF_CLI_CONFIG_FILE="$work/empty.tfrc" CHECKPOINT_DISABLE=1 "${extra[@]}"
    export TF_ACC_TESTED_CLIS="$tested"
    {
      go test -json -count=1 -timeout 10m -run "${TESTRUN:-^TestAcc}" ${TESTARGS:-} ./internal/provider/ 2>&1
      go test -json -count=1 -timeout 10m -run "${TESTRUN:-^Test}" ${TESTARGS:-} ./internal/e2e/ 2>&1
    } | "$bin/testreport" -name "$cli"
  ) || status=1
  echo "$report"
  counts=$(tail -n1 <<<"$report")
  passed=$((passed + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$counts")))
  failed=$((failed + $(sed -E 's/.*, ([0-9]+) failed.*/\1/' <<<"$counts")))
  skipped=$((skipped + $(sed -E 's/.*, ([0-9]+) skipped.*/\1/' <<<"$counts")))
done
echo "acceptance on ${#clis[@]} CLIs, in all:"
echo "acceptance: $passed passed, $failed failed, $skipped skipped"
exit $status
