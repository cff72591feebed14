#!/usr/bin/env bash
# Changes a running stack from the outside: the outages of the multi-node tests (tests/php/nodes).
#
#   scripts/stack-control.sh redis flush|stop|start   empty, stop or start (empty) the stack's Redis
#   scripts/stack-control.sh node kill|start N        kill web node N's PHP-FPM (master and workers
#                                                     at once, as when its machine dies) or start it
#   scripts/stack-control.sh cron stop|start N        stop or start web node N's cron runner
#   scripts/stack-control.sh object-cache off|on      remove or put back (Redis emptied) the object
#                                                     cache drop-in: WordPress's own cache, or
#                                                     Redis, from the next request on
#
# ASA2_STACK names the stack (default: test). See scripts/lib/nodes.sh.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ASA2_ROOT/scripts/lib/build.sh"
source "$ASA2_ROOT/scripts/lib/stack.sh"
ASA2_TAG=stack-control

stack_config "${ASA2_STACK:-test}"
what=${1:-} action=${2:-}
case "$what $action" in
  'redis flush') redis-cli -s "$STACK_REDIS_SOCKET" flushall >/dev/null ;;
  'redis stop') redis_stop ;;
  'redis start') redis_start ;;
  'node kill')
    stack_node "${3:?node number}"
    pid_alive "$NODE_FPM_PID" || die "node $NODE's PHP-FPM is not running"
    kill -KILL -- "-$(cat "$NODE_FPM_PID")"
    wait_until 10 "node $NODE's PHP-FPM to die" bash -c "! kill -0 $(cat "$NODE_FPM_PID") 2>/dev/null"
    rm -f "$NODE_FPM_PID"
    ;;
  'node start')
    stack_node "${3:?node number}"
    PHP_EXT_ARGS=(-d "extension=$ASA2_EXT_SO")
    stack_start_fpm "$NODE"
    ;;
  'cron stop') stop_pidfile "$(nodes_cron_pid "${3:?node number}")" "the $STACK cron runner of node $3" ;;
  'cron start') nodes_start_cron "${3:?node number}" ;;
  'object-cache off') rm -f "$STACK_WP_DIR/wp-content/object-cache.php" ;;
  'object-cache on')
    # Emptied first: what was written meanwhile went to the database only.
    redis-cli -s "$STACK_REDIS_SOCKET" flushall >/dev/null
    ln -sfn "$ASA2_ROOT/tests/object-cache/object-cache.php" "$STACK_WP_DIR/wp-content/object-cache.php"
    ;;
  *) die "usage: $0 redis flush|stop|start | node kill|start N | cron stop|start N | object-cache off|on" ;;
esac
