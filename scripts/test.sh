#!/usr/bin/env bash
# Runs every suite in scripts/suites/ in order and prints one closing line for all of them.
# A suite is an executable script that exits non-zero when any of its tests fails. A suite with the
# line "# Runs on every stack." runs once per stack: the machine's own ("host": Debian 12,
# WordPress 6.1, PHP 8.2) and each Debian root of scripts/roots/ (forky: WordPress 7.1, PHP 8.4),
# entered with scripts/lib/root.sh. One with the line "# Runs on the stacks: forky" runs on the
# stacks it names only.
#
#   scripts/test.sh                          every suite on every stack
#   ASA2_STACKS="host" scripts/test.sh       the host's stack only (or e.g. "forky")
#   scripts/test.sh 40-wordpress 50-e2e      only these suites
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/build.sh
source scripts/lib/root.sh
ASA2_TAG=test

read -r -a stacks <<<"${ASA2_STACKS:-host $(root_names | tr '\n' ' ')}"
wanted=("$@")

passed=0
failed=0
failed_names=()
declare -A labels=()
host_parts=''

# stack_label STACK - what the stack runs, measured once.
stack_label() {
  if [ -z "${labels[$1]:-}" ]; then
    if [ "$1" = host ]; then
      labels[$1]=$(platform_label)
    else
      labels[$1]=$(root_run "$1" bash -c 'source scripts/lib/common.sh && platform_label' 2>/dev/null || echo "$1: not available")
    fi
  fi
  printf '%s' "${labels[$1]}"
}

# run_suite NAME STACK - runs one suite on one stack and counts it.
run_suite() {
  local name=$1 stack=$2 label status=0 start=$SECONDS
  label=$(stack_label "$stack")
  printf '\n==> suite %s [%s]\n' "$name" "$label"
  if [ "$stack" = host ]; then
    bash "scripts/suites/$name.sh" || status=$?
  else
    # The roots use the host's sandbox and wasm build.
    if [ -z "$host_parts" ]; then
      (build_host_parts) && host_parts=ok || host_parts=failed
    fi
    if [ "$host_parts" = ok ]; then
      root_run "$stack" bash "scripts/suites/$name.sh" || status=$?
    else
      status=1
    fi
  fi
  if [ $status -eq 0 ]; then
    passed=$((passed + 1))
    printf '<== suite %s [%s] passed (%ss)\n' "$name" "${label%%:*}" $((SECONDS - start))
  else
    failed=$((failed + 1))
    failed_names+=("$name[${label%%:*}]")
    printf '<== suite %s [%s] FAILED (%ss)\n' "$name" "${label%%:*}" $((SECONDS - start))
  fi
}

for suite in scripts/suites/*.sh; do
  name=$(basename "$suite" .sh)
  if [ ${#wanted[@]} -gt 0 ] && ! printf '%s\n' "${wanted[@]}" | grep -qx "$name"; then
    continue
  fi
  if grep -qx '# Runs on every stack.' "$suite"; then
    for stack in "${stacks[@]}"; do run_suite "$name" "$stack"; done
  elif grep -q '^# Runs on the stacks: ' "$suite"; then
    only=" $(sed -n 's/^# Runs on the stacks: //p' "$suite" | head -1) " ran=0
    for stack in "${stacks[@]}"; do
      [[ "$only" == *" $stack "* ]] && run_suite "$name" "$stack" && ran=1
    done
    [ $ran = 1 ] || printf '\n==> suite %s not run: it runs on%sonly\n' "$name" "$only"
  else
    run_suite "$name" host
  fi
done

printf '\n'
for stack in "${stacks[@]}"; do printf 'stack %s\n' "$(stack_label "$stack")"; done
[ $failed -eq 0 ] || printf 'failed suites: %s\n' "${failed_names[*]}"
printf 'suites: %d passed, %d failed\n' "$passed" "$failed"
[ $failed -eq 0 ]
