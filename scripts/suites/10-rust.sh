#!/usr/bin/env bash
# Rust: unit, fixture, vector and property tests of every crate but the PHP extension.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo test --workspace --quiet
scripts/readme-table.sh --check
