#!/usr/bin/env bash
# Browser: the tests/e2e/*.test.mjs flows in Chromium (playwright-core) against a fresh test
# stack, stopped again at the end. Arguments replace the test files:
#   scripts/suites/50-e2e.sh tests/e2e/setup.test.mjs
# Screenshots go to tests/e2e/artifacts/<Debian release>/.
# Runs on every stack.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$ASA2_ROOT/scripts/lib/mariadb.sh"
source "$ASA2_ROOT/scripts/lib/build.sh"
source "$ASA2_ROOT/scripts/lib/stack.sh"
ASA2_TAG=e2e

[ -d "$ASA2_ROOT/tests/node_modules/playwright-core" ] || die "tests/node_modules is missing: run 'scripts/install.sh node'"
[ -x /usr/bin/chromium ] || [ -n "${ASA2_CHROMIUM:-}" ] || die "Chromium is missing: run 'scripts/install.sh browser'"

trap stack_stop_test EXIT
stack_start test

cd "$ASA2_ROOT"
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(find tests/e2e -maxdepth 2 -name '*.test.mjs' -not -path '*/node_modules/*' | sort)
[ ${#files[@]} -gt 0 ] || die "no browser test found (tests/e2e/*.test.mjs)"
status=0
ASA2_E2E_ARTIFACTS="$ASA2_ROOT/tests/e2e/artifacts/$(. /etc/os-release && echo "$VERSION_CODENAME")" \
  node --test --test-concurrency=1 "${files[@]}" || status=$?
stack_check_logs || status=1
exit "$status"
