#!/usr/bin/env bash
# Builds the release into dist/ (static files, ready to host), then post-processes it:
# scripts/postbuild.mjs adds the Content-Security-Policy meta tag and stamps the service
# worker with the app-shell file list and version; finally 404.html, a copy of
# index.html, so static hosts that serve it for unknown paths keep deep links working.
#   scripts/build.sh            the whole app (desk + portal) into dist/
#   scripts/build.sh --portal   the portal alone (opens at /, no desk) into dist-portal/
#   SYNC_ORIGINS="https://couch.example.org" scripts/build.sh
#                               narrows the policy's connect-src to those sync servers
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
node scripts/postbuild.mjs "$out"
cp "$out/index.html" "$out/404.html"
