#!/usr/bin/env bash
# Builds the release into dist/ (static files, ready to host) and adds 404.html, a copy
# of index.html, so static hosts that serve it for unknown paths keep deep links working.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/install-tools.sh
trunk build --release "$@"
cp dist/index.html dist/404.html
