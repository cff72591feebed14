#!/usr/bin/env bash
# Runs every suite in scripts/suites/ in order and prints one closing line for all of them.
# A suite is an executable script that exits non-zero when any of its tests fails. A suite with the
# line "# Runs on every stack." runs once per stack: the machine's own ("host": Debian 12,
# WordPress 6.1, PHP 8.2) and each Debian root of scripts/roots/ (forky: WordPress 7.1, PHP 8.4),
# entered with scripts/lib/root.sh. A suite that also has the line "# Enters the stack itself." is
# started on the host with ASA2_STACK=<stack> and goes into that stack on its own; one with the
# line "# Needs the build roots." (it makes packages) has them built while the host's suites run.
# One with the line "# Runs on the stacks: forky" runs on the stacks it names only.
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
declare -A labels=() root_jobs=()
host_parts=''

# needs_build_roots - succeeds when a suite to run needs the build roots.
needs_build_roots() {
  local suite
  for suite in $(grep -lx '# Needs the build roots.' scripts/suites/*.sh); do
    [ ${#wanted[@]} -eq 0 ] || printf '%s\n' "${wanted[@]}" | grep -qx "$(basename "$suite" .sh)" && return 0
  done
  return 1
}

# The roots build (a few minutes each when missing or changed) while the host's suites run.
prepare=("${stacks[@]}")
needs_build_roots && read -r -a build_roots <<<"$(root_names --build | tr '\n' ' ')" && prepare+=("${build_roots[@]}")
for stack in "${prepare[@]}"; do
  [ "$stack" = host ] && continue
  root_ready "$stack" && continue
  mkdir -p "$ASA2_LOGS"
  (root_ensure "$stack") >"$ASA2_LOGS/root-$stack-prepare.log" 2>&1 &
  root_jobs[$stack]=$!
done

# root_wait STACK - waits for the root's build started above; fails (with its log) when it failed.
root_wait() {
  local pid=${root_jobs[$1]:-}
  [ -n "$pid" ] || return 0
  unset "root_jobs[$1]"
  say "waiting for the $1 root to be built"
  if ! wait "$pid"; then
    tail -n 20 "$ASA2_LOGS/root-$1-prepare.log" >&2
    return 1
  fi
}

# stack_label STACK - sets LABEL to what the stack runs (measured once; for a root, after its build).
stack_label() {
  if [ -z "${labels[$1]:-}" ]; then
    if [ "$1" = host ]; then
      labels[$1]=$(platform_label)
    elif ! root_wait "$1"; then
      labels[$1]="$1: the root could not be built"
    else
      labels[$1]=$(root_run "$1" bash -c 'source scripts/lib/common.sh && platform_label' 2>/dev/null || echo "$1: not available")
    fi
  fi
  LABEL=${labels[$1]}
}

# run_suite NAME STACK - runs one suite on one stack and counts it.
run_suite() {
  local name=$1 stack=$2 label status=0 start=$SECONDS
  stack_label "$stack"
  label=$LABEL
  printf '\n==> suite %s [%s]\n' "$name" "$label"
  if [ "$stack" = host ]; then
    bash "scripts/suites/$name.sh" || status=$?
  elif grep -qx '# Enters the stack itself.' "scripts/suites/$name.sh"; then
    ASA2_STACK=$stack bash "scripts/suites/$name.sh" || status=$?
  else
    # The roots use the host's sandbox and wasm build.
    if [ -z "$host_parts" ]; then
      (build_host_parts) && host_parts=ok || host_parts=failed
    fi
    if [ "$host_parts" = ok ] && root_ready "$stack"; then
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
for stack in "${stacks[@]}"; do
  stack_label "$stack"
  printf 'stack %s\n' "$LABEL"
done
[ $failed -eq 0 ] || printf 'failed suites: %s\n' "${failed_names[*]}"
printf 'suites: %d passed, %d failed\n' "$passed" "$failed"
[ $failed -eq 0 ]
