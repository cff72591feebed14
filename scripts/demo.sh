#!/usr/bin/env bash
# The demo: for now, the marketplace registry.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -p asa2-core --example marketplaces
