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
source "$ASA2_ROOT/scripts/lib/wp-phpunit.sh"
ASA2_TAG=wordpress

trap stack_stop_test EXIT
stack_start test

status=0
wp_phpunit "$@" || status=$?
stack_check_logs || status=1
exit "$status"
