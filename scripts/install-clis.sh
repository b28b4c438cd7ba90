#!/usr/bin/env bash
# Builds the Terraform and OpenTofu CLIs the acceptance tests run, from the Go module proxy
# (release downloads are not reachable here), into a cache folder. Each CLI is built only
# when missing, so a second run costs nothing.
set -euo pipefail

bin_dir=${1:?usage: install-clis.sh BIN_DIR [terraform] [tofu]}
shift
wanted=${*:-terraform tofu}
terraform_version=${TERRAFORM_VERSION:-1.5.7}
opentofu_version=${OPENTOFU_VERSION:-1.10.6}
mkdir -p "$bin_dir"
bin_dir=$(cd "$bin_dir" && pwd)

have() { # have BINARY VERSION: the binary exists and reports that version
  [ -x "$1" ] && "$1" version 2>/dev/null | head -n1 | grep -Eq "v$2(-dev)?$"
}

want() { [[ " $wanted " == *" $1 "* ]]; }

if want terraform && ! have "$bin_dir/terraform" "$terraform_version"; then
  echo "install-clis: building Terraform $terraform_version (about 2 minutes)" >&2
  GOBIN="$bin_dir" GOFLAGS=-buildvcs=false go install "github.com/hashicorp/terraform@v$terraform_version"
fi

if want tofu && ! have "$bin_dir/tofu" "$opentofu_version"; then
  echo "install-clis: building OpenTofu $opentofu_version (about 2 minutes)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # Downloaded from outside this module, so that its go.mod and go.sum stay untouched.
  src=$(cd "$work" && go mod download -json "github.com/opentofu/opentofu@v$opentofu_version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "install-clis: OpenTofu source not found in the module cache" >&2; exit 1; }
  cp -R "$src/." "$work/"
  chmod -R u+w "$work"
  (cd "$work" && GOFLAGS=-buildvcs=false go build -o "$bin_dir/tofu" ./cmd/tofu)
fi

for cli in $wanted; do
  echo "install-clis: $("$bin_dir/$cli" version 2>/dev/null | head -n1)" >&2
done
