#!/usr/bin/env bash
# Several web servers: PHPUnit tests (tests/php/nodes) against a test stack as a large site runs -
# two web nodes (nginx + a PHP-FPM pool each, on the stack's WordPress port and the port 100
# higher) serving the same WordPress, one MariaDB, one Redis as the persistent object cache
# (tests/object-cache/object-cache.php, whose contract test runs here too), one sandbox, and a
# cron runner per node requesting its wp-cron.php every 2 seconds, both at the same moments.
# Arguments go to PHPUnit: scripts/suites/45-nodes.sh --filter Tokens
# Runs on the stacks: forky
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$ASA2_ROOT/scripts/lib/mariadb.sh"
source "$ASA2_ROOT/scripts/lib/build.sh"
source "$ASA2_ROOT/scripts/lib/stack.sh"
ASA2_TAG=nodes

export ASA2_OBJECT_CACHE=redis ASA2_NODES=2 ASA2_CRON_INTERVAL=${ASA2_CRON_INTERVAL:-2}
export ASA2_TEST_MU_PLUGINS=tests/php/nodes/mu-plugins

trap stack_stop_test EXIT
stack_start test

stack_phpunit tests/php/nodes "$@"
