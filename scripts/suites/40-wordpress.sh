#!/usr/bin/env bash
# WordPress: PHPUnit tests (tests/php/wp) against a fresh test stack - MariaDB database asa2_test,
# WordPress with the plugin at 127.0.0.1:8091, the sandbox at 127.0.0.1:8766 - stopped again at
# the end. Arguments go to PHPUnit: scripts/suites/40-wordpress.sh --filter SetupPage
# Runs on every stack.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$ASA2_ROOT/scripts/lib/mariadb.sh"
source "$ASA2_ROOT/scripts/lib/build.sh"
source "$ASA2_ROOT/scripts/lib/stack.sh"
ASA2_TAG=wordpress

# On the host (Debian 12) WordPress runs with a persistent object cache on its one node - Redis and
# tests/object-cache/object-cache.php - so every test exercises it too; in the Debian roots
# without one, as most sites run. ASA2_OBJECT_CACHE=redis or none chooses.
[ -n "${ASA2_IN_ROOT:-}" ] || export ASA2_OBJECT_CACHE=${ASA2_OBJECT_CACHE-redis}

trap stack_stop_test EXIT
stack_start test

stack_phpunit tests/php/wp "$@"
