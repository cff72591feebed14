#!/usr/bin/env bash
# Rust: unit, fixture, vector and property tests of every crate but the PHP extension.
set -euo pipefail
# The shared test vectors (AWS SigV4 suite, PA-API example) must be present: missing is a failure.
export ASA2_REQUIRE_VECTORS=1
cd "$(dirname "$0")/../.."
cargo test --workspace --quiet
scripts/readme-table.sh --check
