#!/usr/bin/env bash
# make demo: builds the provider, starts the fake gateway on loopback, and plans
# examples/demo with Terraform through a generated CLI configuration: first reading the
# balance, then failing on `minimum`. Exits 0 only when both behave as shown.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
newest=terraform-$(awk '$1 == "terraform" {print $2}' "$root/scripts/tested-clis.txt" | sort -V | tail -n1)
terraform="$tools/bin/$newest"
"$root/scripts/install-clis.sh" "$tools/bin" "$newest"

work=$(mktemp -d)
gateway_pid=""
cleanup() {
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> Building the provider and the fake gateway"
version=0.0.1 # what the local mirror calls this build, so that `terraform init` finds it offline
platform="$(go env GOOS)_$(go env GOARCH)"
mirror="$work/mirror/registry.terraform.io/smsgateway/gateway/$version/$platform"
mkdir -p "$mirror" "$work/plugins"
(cd "$root" && go build -ldflags "-X main.version=$version" -o "$work/plugins/terraform-provider-gateway" .)
cp "$work/plugins/terraform-provider-gateway" "$mirror/terraform-provider-gateway_v$version"
(cd "$root" && go build -o "$work/fakegateway" ./internal/cmd/fakegateway)

"$work/fakegateway" -account demo-key=31.168300000000002 >"$work/gateway.url" 2>"$work/gateway.log" &
gateway_pid=$!
for _ in $(seq 50); do [ -s "$work/gateway.url" ] && break; sleep 0.1; done
endpoint=$(head -n1 "$work/gateway.url")
[ -n "$endpoint" ] || { echo "demo: the fake gateway did not start" >&2; cat "$work/gateway.log" >&2; exit 1; }
echo "    fake gateway at $endpoint (key demo-key, balance 31.168300000000002)"

# dev_overrides runs the binary just built; the filesystem mirror lets `terraform init`
# succeed without a registry.
cat >"$work/cli.tfrc" <<CONF
provider_installation {
  dev_overrides {
    "smsgateway/gateway" = "$work/plugins"
  }
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/smsgateway/gateway"]
  }
}
CONF
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export GATEWAY_ENDPOINT="$endpoint" GATEWAY_API_KEY=demo-key
cp -R "$root/examples/demo" "$work/config"
cd "$work/config"

echo
echo "==> terraform init"
"$terraform" init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }
grep -E "^(- |Terraform has been)" "$work/init.log" | sed 's/^/    /'

echo
echo "==> terraform plan (minimum = 10)"
"$terraform" plan -input=false -no-color 2>&1 | grep -v -E '^(│|╷|╵)' | sed '/^$/d' | tee "$work/plan.log" | sed 's/^/    /'
grep -q "sms_funds = 31.168300000000002" "$work/plan.log" || { echo "demo: the plan did not show the balance" >&2; exit 1; }

echo
echo "==> terraform plan -var minimum=100 (must fail)"
if "$terraform" plan -input=false -no-color -var minimum=100 >"$work/fail.log" 2>&1; then
  cat "$work/fail.log"
  echo "demo: the plan passed although the balance is below the minimum" >&2
  exit 1
fi
sed -n '/Error: Balance below minimum/,$p' "$work/fail.log" | sed 's/^/    /'
tr -s ' \n' ' ' <"$work/fail.log" | grep -q "balance of 31.168300000000002, below the minimum of 100" ||
  { echo "demo: the failure did not show both figures" >&2; exit 1; }

echo
echo "demo: OK (the balance was read exactly, and the plan stopped below the minimum)"
