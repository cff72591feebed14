#!/usr/bin/env bash
# Runs every suite in scripts/suites/ in order and prints one closing line for all of them.
# A suite is an executable script that exits non-zero when any of its tests fails.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failed_names=()
for suite in scripts/suites/*.sh; do
  name=$(basename "$suite" .sh)
  printf '\n==> suite %s\n' "$name"
  start=$SECONDS
  if bash "$suite"; then
    passed=$((passed + 1))
    printf '<== suite %s passed (%ss)\n' "$name" $((SECONDS - start))
  else
    failed=$((failed + 1))
    failed_names+=("$name")
    printf '<== suite %s FAILED (%ss)\n' "$name" $((SECONDS - start))
  fi
done

printf '\n'
[ $failed -eq 0 ] || printf 'failed suites: %s\n' "${failed_names[*]}"
printf 'suites: %d passed, %d failed\n' "$passed" "$failed"
[ $failed -eq 0 ]
