#!/usr/bin/env bash
# install-go-tool.sh BIN_DIR PACKAGE VERSION: go installs PACKAGE@VERSION into BIN_DIR unless
# that version is already there (recorded beside the binary), so tools are pinned and cached.
# `go install PACKAGE@VERSION` checks the module against the Go checksum database, which is why
# GOSUMDB=off is refused: the release job builds goreleaser and syft this way.
set -euo pipefail
bin_dir=$1 package=$2 version=$3
if [ "$(go env GOSUMDB)" = off ]; then
  echo "install-go-tool: GOSUMDB=off: refusing to build $package that no checksum database vouches for; unset it" >&2
  exit 1
fi
name=$(basename "$package")
if [[ $name =~ ^v[0-9]+$ ]]; then # go names a binary after the path before a major version suffix
  name=$(basename "$(dirname "$package")")
fi
stamp="$bin_dir/.$name.version"
if [ -x "$bin_dir/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
echo "install-go-tool: building $name $version" >&2
mkdir -p "$bin_dir"
GOBIN=$(cd "$bin_dir" && pwd) GOFLAGS=-buildvcs=false go install "$package@$version"
echo "$version" >"$stamp"
