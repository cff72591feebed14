#!/usr/bin/env bash
# PHP 8.1: every PHP file of the plugin and the extension's stub parses on PHP 8.1 (a real PHP 8.1
# compiled to WebAssembly, tests/php81/lint.mjs), so no PHP 8.2-only syntax slips in.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
ASA2_TAG=php81-lint

[ -d "$ASA2_ROOT/tests/node_modules/@php-wasm/node-8-1" ] || die "tests/node_modules is missing: run 'scripts/install.sh node'"
node "$ASA2_ROOT/tests/php81/lint.mjs" "$@"
