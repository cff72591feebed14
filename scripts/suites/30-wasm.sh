#!/usr/bin/env bash
# wasm: build the browser and Node packages, then run the Node suite against the built module.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/build-wasm.sh
node --test tests/wasm/
