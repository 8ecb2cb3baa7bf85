#!/usr/bin/env bash
# Installs what building the app needs, skipping what is already there at the right
# version: the wasm32 target, Trunk, the wasm-bindgen CLI matching Cargo.lock, and the
# Node packages (wasm-opt from npm `binaryen`, Playwright). Source it or run it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "==> adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  echo "==> installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# The CLI must equal the wasm-bindgen crate in Cargo.lock, or the generated glue fails
# with a schema version mismatch.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$" \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  echo "==> installing wasm-bindgen-cli $WB_VERSION"
  # --locked fails for this CLI (a pinned dependency is no longer on the registry).
  cargo install wasm-bindgen-cli --version "=$WB_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing Node packages"
  npm ci --no-audit --no-fund
fi
