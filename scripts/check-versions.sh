#!/usr/bin/env bash
# Fails when anything names a tested CLI version that scripts/tested-clis.txt does not list,
# or leaves one out: the workflow's acceptance matrix and the "Tested versions" section of the
# registry docs must name exactly the list; every other version the docs, README.md, DESIGN.md,
# the CI examples and the workflows name must be on it. The list is what `make test` runs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
listed=$(grep -Ev '^[[:space:]]*(#|$)' scripts/tested-clis.txt | awk '{print $1, $2}' | sort)
status=0

compare() { # compare WHAT FOUND: FOUND must be exactly the list
  if [ "$2" != "$listed" ]; then
    echo "check-versions: $1 names other versions than scripts/tested-clis.txt:" >&2
    diff <(echo "$listed") <(echo "$2") | sed 's/^/    /' >&2 || true
    status=1
  fi
}

# The workflow matrix: lines such as `- { cli: terraform, version: 1.16.4 }`.
matrix=$(sed -nE 's/.*\{ *cli: *(terraform|opentofu) *, *version: *"?([0-9.]+)"? *\}.*/\1 \2/p' .github/workflows/test.yml |
  sed 's/^opentofu/tofu/' | sort)
compare ".github/workflows/test.yml's acceptance matrix" "$matrix"

# The docs: every "Terraform X.Y.Z" and "OpenTofu X.Y.Z" in the Tested versions section.
section=$(sed -n '/^## Tested versions/,/^## /p' templates/index.md.tmpl)
docs=$(grep -oE '(Terraform|OpenTofu) [0-9]+\.[0-9]+\.[0-9]+' <<<"$section" |
  sed -e 's/^Terraform/terraform/' -e 's/^OpenTofu/tofu/' | sort -u)
compare "templates/index.md.tmpl's Tested versions section" "$docs"

# Any other version named in prose in the docs' sources, README.md, DESIGN.md, RELEASING.md or
# the examples' comments names a tested version (pages say which CLIs a recipe was proven on):
# "Terraform 1.16.4", "OpenTofu v1.12.6", "terraform 1.5.7", and each version of a list such
# as "Terraform 1.5.7 and 1.16.4", even one a line break splits.
version='v?[0-9]+\.[0-9]+\.[0-9]+'
while IFS=: read -r file named; do
  cli=terraform
  [[ ${named,,} == terraform* ]] || cli=tofu
  for v in $(grep -oE '[0-9]+\.[0-9]+\.[0-9]+' <<<"$named"); do
    grep -qx "$cli $v" <<<"$listed" ||
      { echo "check-versions: $file names $cli $v (in \"$named\"), which make test does not run" >&2; status=1; }
  done
done < <(git ls-files templates README.md DESIGN.md RELEASING.md examples | while read -r f; do
  tr '\n' ' ' <"$f" | grep -oiE "(terraform|opentofu|tofu) $version((,|,? and|,? or)[[:space:]]+$version)*" | sed "s|^|$f:|" || true
done)

# Any "terraform-X.Y.Z" or "tofu-X.Y.Z" (the form make and the test reports use) in README.md,
# DESIGN.md or the docs' sources names a tested CLI too.
while IFS=: read -r file named; do
  grep -qx "${named%%-*} ${named#*-}" <<<"$listed" ||
    { echo "check-versions: $file names $named, which make test does not run" >&2; status=1; }
done < <(grep -rHoE '\b(terraform|tofu)-[0-9]+\.[0-9]+\.[0-9]+' templates README.md DESIGN.md)

# Every CLI version pinned elsewhere (the CI examples, the workflows' other jobs) is a tested
# version of that CLI. Only X.Y.Z is read: `latest` (.github/workflows/latest-clis.yml, the
# weekly early warning) pins nothing, so it is deliberately not a version this list must hold.
while IFS=: read -r file setting pinned; do
  cli=tofu
  [[ $setting == *terraform* ]] && cli=terraform
  grep -qx "$cli $pinned" <<<"$listed" ||
    { echo "check-versions: $file pins $cli $pinned ($setting), which make test does not run" >&2; status=1; }
done < <(grep -HoE '(terraform_version|tofu_version|TOFU_VERSION): *"?[0-9]+\.[0-9]+\.[0-9]+|hashicorp/terraform:[0-9]+\.[0-9]+\.[0-9]+' \
  examples/ci/*.yml .github/workflows/*.yml | sed -E 's/^([^:]+):(.*)[ :"]+([0-9]+\.[0-9]+\.[0-9]+)$/\1:\2:\3/; s/: *"?:/:/')

[ $status -eq 0 ] && echo "check-versions: the workflow, the docs and the CI examples name exactly: $(tr '\n' ',' <<<"$listed" | sed 's/,$//; s/,/, /g')"
exit $status
