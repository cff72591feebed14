#!/usr/bin/env bash
# `make stop`: stops the demo's WordPress and sandbox, and MariaDB when this checkout started it and
# no test stack runs. The demo's data stays for the next `make demo`.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ASA2_ROOT/scripts/lib/mariadb.sh"
source "$ASA2_ROOT/scripts/lib/build.sh"
source "$ASA2_ROOT/scripts/lib/stack.sh"
ASA2_TAG=stop

stack_stop demo
stack_config test
if port_in_use "$STACK_WP_PORT"; then
  say "a test stack still runs: MariaDB stays up"
else
  mariadb_stop
fi
say "the demo is stopped; 'make demo' starts it again with the same data"
