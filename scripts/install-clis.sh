#!/usr/bin/env bash
# install-clis.sh BIN_DIR [NAME-VERSION...]: makes each CLI of scripts/tested-clis.txt (or only
# those named, as terraform-1.16.4) available as BIN_DIR/NAME-VERSION, and links BIN_DIR/terraform
# to the newest Terraform (tfplugindocs and `terraform fmt` use it).
#
# A CLI already on PATH at exactly that version (setup-terraform / setup-opentofu on a hosting
# service) is linked, not rebuilt. Otherwise it is built from the Go module proxy, because
# release downloads are not reachable here; each build happens only when the binary is missing,
# so a second run costs nothing. The proxy lists Terraform only up to 1.13.3 (`go list -m
# -versions`), but serves an exact later version, such as 1.16.4, when asked for it by name.
#
# What vouches for a built CLI's source: `go mod download` checks the CLI's module against the
# Go checksum database, a public append-only log of every module version's hash, so a proxy
# that served this machine other code than everyone else gets is caught; the build then runs
# with -mod=readonly, so each dependency must match the go.sum that came inside that module,
# and nothing is resolved anew. Hence the refusal to run with GOSUMDB=off (GONOSUMDB and
# GOPRIVATE must not cover these modules either).
#
# What vouches for a CLI found on PATH: nothing here; it is trusted as it is. On hosted CI that
# is what setup-terraform or setup-opentofu installed: the release zip, downloaded over HTTPS
# from HashiCorp's or OpenTofu's release listing and unpacked, without a check against the
# release's SHA256SUMS or its signature (their lib/setup-terraform.js, lib/setup-tofu.js).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=${1:?usage: install-clis.sh BIN_DIR [NAME-VERSION...]}
shift
mkdir -p "$bin_dir"
bin_dir=$(cd "$bin_dir" && pwd)

if [ "$(go env GOSUMDB)" = off ]; then
  echo "install-clis: GOSUMDB=off: refusing to build CLIs that no checksum database vouches for; unset it" >&2
  exit 1
fi

# listed prints "NAME VERSION" for each CLI of the one list.
listed() { grep -Ev '^[[:space:]]*(#|$)' "$root/scripts/tested-clis.txt"; }

if [ $# -gt 0 ]; then
  wanted=("$@")
else
  mapfile -t wanted < <(listed | tr ' ' '-')
fi

reports() { # reports BINARY VERSION: the binary runs and calls itself that version
  local said
  # Read whole, not through head: head's early exit would kill the CLI with SIGPIPE while it
  # prints its second line, and pipefail would then call a good binary broken.
  [ -x "$1" ] && said=$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$1" version 2>/dev/null) &&
    grep -Eq "^(Terraform|OpenTofu) v$2(-dev)?$" <<<"${said%%$'\n'*}"
}

# source_of MODULE VERSION DIR: copies the module's source out of the module cache into DIR,
# writable, so the build can patch it without touching this repository's go.mod.
source_of() {
  local src
  src=$(cd "$3" && go mod download -json "$1@v$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "install-clis: $1 v$2 is not in the module cache" >&2; return 1; }
  cp -R "$src/." "$3/"
  chmod -R u+w "$3"
}

# Terraform after 1.5 replaces its remote-state backends with nested modules (./internal/
# backend/remote-state/*) that the module proxy's archive does not contain, so neither
# `go install` nor a plain build works. The build below drops those backends (azure, consul,
# cos, gcs, kubernetes, oci, oss, pg, s3) and keeps local, remote, http, inmem and cloud:
# a provider's tests use only the local backend. Every edit is checked, so a source that no
# longer looks as expected fails the build loudly instead of building something else.
patch_terraform() {
  local dir=$1 init=$1/internal/backend/init/init.go backend
  grep -q '^replace github.com/hashicorp/terraform/internal/' "$dir/go.mod" ||
    { echo "install-clis: go.mod no longer replaces internal modules; re-check the patch" >&2; return 1; }
  sed -i -E '/^[[:space:]]*(replace[[:space:]]+)?github.com\/hashicorp\/terraform\/internal\//d' "$dir/go.mod"
  for backend in azure consul cos gcs kubernetes oci oss pg s3; do
    grep -q "internal/backend/remote-state/$backend\"" "$init" ||
      { echo "install-clis: $init does not import the $backend backend; re-check the patch" >&2; return 1; }
    sed -i "\#internal/backend/remote-state/$backend\"#d" "$init"
  done
  for name in azurerm consul cos gcs kubernetes oss pg s3 oci; do
    grep -qE "^[[:space:]]*\"$name\":" "$init" ||
      { echo "install-clis: $init does not register the $name backend; re-check the patch" >&2; return 1; }
    sed -i -E "/^[[:space:]]*\"$name\":/d" "$init"
  done
  ! grep -q 'remote-state/\(azure\|consul\|cos\|gcs\|kubernetes\|oci\|oss\|pg\|s3\)' "$init"
}

build() { # build NAME VERSION
  local name=$1 version=$2 out="$bin_dir/$1-$2" work
  work=$(mktemp -d)
  echo "install-clis: building $name $version from the module proxy (2-5 minutes)" >&2
  case $name in
  terraform)
    source_of github.com/hashicorp/terraform "$version" "$work"
    if grep -q '^replace github.com/hashicorp/terraform/internal/' "$work/go.mod"; then
      patch_terraform "$work"
    fi
    (cd "$work" && go build -mod=readonly -buildvcs=false -o "$out" .)
    ;;
  tofu)
    source_of github.com/opentofu/opentofu "$version" "$work"
    (cd "$work" && go build -mod=readonly -buildvcs=false -o "$out" ./cmd/tofu)
    ;;
  *)
    echo "install-clis: unknown CLI $name" >&2
    return 1
    ;;
  esac
  rm -rf "$work"
}

# on_path NAME VERSION: a binary of that name and version on PATH outside BIN_DIR.
on_path() {
  local candidate
  while IFS= read -r candidate; do
    [ "$(dirname "$candidate")" = "$bin_dir" ] && continue
    reports "$candidate" "$2" && { echo "$candidate"; return 0; }
  done < <(type -ap "$1")
  return 1
}

for cli in "${wanted[@]}"; do
  name=${cli%%-*} version=${cli#*-}
  out="$bin_dir/$name-$version"
  reports "$out" "$version" && continue
  rm -f "$out"
  if found=$(on_path "$name" "$version"); then
    ln -s "$found" "$out"
  else
    build "$name" "$version"
  fi
  reports "$out" "$version" || { echo "install-clis: $out does not report version $version" >&2; exit 1; }
done

newest=$(listed | awk '$1 == "terraform" {print $2}' | sort -V | tail -n1)
if [ -x "$bin_dir/terraform-$newest" ]; then
  ln -sfn "terraform-$newest" "$bin_dir/terraform"
fi
for cli in "${wanted[@]}"; do
  echo "install-clis: $cli: $(TF_CLI_CONFIG_FILE=/dev/null "$bin_dir/$cli" version 2>/dev/null | head -n1)" >&2
done
