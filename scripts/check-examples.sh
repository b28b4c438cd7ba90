#!/usr/bin/env bash
# Checks every Terraform example under examples/: formatted (terraform fmt), and valid
# against the provider's real schema (terraform validate, with the provider just built,
# through dev_overrides). A broken example fails the build before it reaches the docs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform="$root/.tools/bin/terraform"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/cli.tfrc" <<CONF
provider_installation {
  dev_overrides {
    "smsgateway/gateway" = "$work/plugins"
  }
  direct {}
}
CONF
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

echo "==> terraform fmt -check -recursive examples/"
if ! "$terraform" fmt -check -recursive -diff "$root/examples"; then
  echo "check-examples: run 'make fmt' to format the examples above" >&2
  exit 1
fi

(cd "$root" && go build -o "$work/plugins/terraform-provider-gateway" .)
status=0
count=0
while IFS= read -r dir; do
  rel=${dir#"$root"/}
  copy="$work/configs/$rel"
  mkdir -p "$copy"
  cp "$dir"/*.tf "$copy/"
  # Snippets shown inside a larger page (data-source.tf) leave the provider source implicit.
  if ! grep -q required_providers "$copy"/*.tf; then
    printf 'terraform {\n  required_providers {\n    gateway = { source = "smsgateway/gateway" }\n  }\n}\n' >"$copy/zz_required_providers.tf"
  fi
  count=$((count + 1))
  if out=$("$terraform" -chdir="$copy" validate -no-color 2>&1); then
    echo "    ok      $rel"
  else
    echo "    INVALID $rel"
    echo "$out" | sed -n "/Error:/,\$p" | sed "s/^/        /"
    status=1
  fi
done < <(find "$root/examples" -name '*.tf' -printf '%h\n' | sort -u)
echo "check-examples: $count example directories validated"
exit $status
