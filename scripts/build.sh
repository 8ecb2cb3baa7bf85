#!/usr/bin/env bash
# Builds the release into dist/ (static files, ready to host) and adds 404.html, a copy
# of index.html, so static hosts that serve it for unknown paths keep deep links working.
#   scripts/build.sh            the whole app (desk + portal) into dist/
#   scripts/build.sh --portal   the portal alone (opens at /, no desk) into dist-portal/
# Other arguments go to `trunk build`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/install-tools.sh
out=dist
args=()
for a in "$@"; do
  if [ "$a" = "--portal" ]; then
    out=dist-portal
    args+=(--features portal-only)
  else
    args+=("$a")
  fi
done
trunk build --release --dist "$out" "${args[@]}"
cp "$out/index.html" "$out/404.html"
