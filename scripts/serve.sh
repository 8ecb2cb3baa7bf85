#!/usr/bin/env bash
# Command 1: installs what is missing and serves the service desk on
# http://127.0.0.1:8080 (release build; unknown paths fall back to index.html).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/install-tools.sh
exec trunk serve --release "$@"
