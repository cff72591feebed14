# A stack as a large site runs: a persistent object cache on Redis and several web nodes, each with
# its own cron runner, on one database. Sourced, never run. Needs common.sh and stack.sh.
#
#   ASA2_OBJECT_CACHE=redis  the stack gets a Redis server of its own (a unix socket in .work/run/,
#                            nothing kept on disk) and the object cache drop-in
#                            tests/object-cache/object-cache.php (linked as wp-content/object-cache.php)
#   ASA2_NODES=2             WordPress is served by two web nodes (stack_node in stack.sh: an nginx
#                            and a PHP-FPM pool each, node 2 on the port 100 higher), and each node
#                            runs its own cron runner
#   ASA2_CRON_INTERVAL=60    seconds between two runs of a node's cron runner: it requests the
#                            node's wp-cron.php at every multiple of the interval on the clock, so
#                            the nodes' runners fire at the same moment, as system cron jobs on
#                            several machines do
#   ASA2_TEST_MU_PLUGINS=DIR its asa2-test-*.php files are linked into wp-content/mu-plugins/
#                            (settings a suite needs, e.g. tests/php/nodes/mu-plugins)
#
# scripts/stack-control.sh stops, starts and flushes these parts while a stack runs (the tests'
# outages).

# nodes_config - sets the STACK_REDIS_* and STACK_CRON_INTERVAL variables (after stack_config).
nodes_config() {
  STACK_OBJECT_CACHE=${ASA2_OBJECT_CACHE:-}
  case "$STACK_OBJECT_CACHE" in
    '' | none) STACK_OBJECT_CACHE='' ;;
    redis) ;;
    *) die "ASA2_OBJECT_CACHE='$STACK_OBJECT_CACHE': use redis, or leave it empty for none" ;;
  esac
  STACK_NODES=${ASA2_NODES:-1}
  [[ "$STACK_NODES" =~ ^[1-9]$ ]] || die "ASA2_NODES='$STACK_NODES': use a number of web nodes from 1 to 9"
  STACK_CRON_INTERVAL=${ASA2_CRON_INTERVAL:-60}
  STACK_REDIS_SOCKET="$ASA2_RUN/$STACK-redis.sock"
  STACK_REDIS_PID="$ASA2_RUN/$STACK-redis.pid"
  STACK_REDIS_LOG="$ASA2_LOGS/$STACK-redis.log"
}

# nodes_prepare_wordpress - links or removes the object cache drop-in and the test mu-plugins.
nodes_prepare_wordpress() {
  local content="$STACK_WP_DIR/wp-content" file
  if [ "$STACK_OBJECT_CACHE" = redis ]; then
    php -r 'exit(class_exists("Redis") ? 0 : 1);' || die "PHP has no redis extension: run 'scripts/install.sh wordpress'"
    ln -sfn "$ASA2_ROOT/tests/object-cache/object-cache.php" "$content/object-cache.php"
  else
    rm -f "$content/object-cache.php"
  fi
  rm -f "$content"/mu-plugins/asa2-test-*.php
  if [ -n "${ASA2_TEST_MU_PLUGINS:-}" ]; then
    for file in "$ASA2_ROOT/${ASA2_TEST_MU_PLUGINS#"$ASA2_ROOT"/}"/asa2-test-*.php; do
      [ -f "$file" ] && ln -sfn "$file" "$content/mu-plugins/$(basename "$file")"
    done
  fi
  return 0
}

# nodes_wp_config - the wp-config.php lines of the object cache and the nodes.
nodes_wp_config() {
  if [ "$STACK_OBJECT_CACHE" = redis ]; then
    printf "// The persistent object cache: this stack's Redis (tests/object-cache/object-cache.php).\n"
    printf "define( 'WP_REDIS_PATH', '%s' );\n" "$STACK_REDIS_SOCKET"
    printf "define( 'WP_CACHE_KEY_SALT', '%s' );\n" "$STACK_DB_NAME"
  fi
  if [ "$STACK_NODES" -gt 1 ]; then
    printf "// Every node runs WP-Cron from its own runner at the same moments, as 'wp cron event run\n"
    printf "// --due-now' does on each machine: WordPress's own cron lock (a transient, not atomic) is off,\n"
    printf "// so only the plugin's locks keep two nodes from doing the same work.\n"
    printf "define( 'WP_CRON_LOCK_TIMEOUT', 0 );\n"
  fi
}

# nodes_json - the stack.json fields of the object cache and the nodes (one line, no final comma).
nodes_json() {
  local n urls='' sep=''
  for n in $(seq 1 "$STACK_NODES"); do
    stack_node "$n"
    urls+="$sep\"$NODE_URL\""
    sep=', '
  done
  printf '"object_cache": "%s", "redis_socket": "%s", "nodes": [%s], "cron_interval": %d, "control": "%s"' \
    "$STACK_OBJECT_CACHE" "$([ "$STACK_OBJECT_CACHE" = redis ] && printf '%s' "$STACK_REDIS_SOCKET")" "$urls" \
    "$STACK_CRON_INTERVAL" "$ASA2_ROOT/scripts/stack-control.sh"
}

# redis_running - succeeds when the stack's Redis answers.
redis_running() { [ "$(redis-cli -s "$STACK_REDIS_SOCKET" ping 2>/dev/null)" = PONG ]; }

# redis_start - starts the stack's Redis, empty, and waits until it answers (when the stack has one).
redis_start() {
  [ "$STACK_OBJECT_CACHE" = redis ] || return 0
  command -v redis-server >/dev/null || die "redis-server is missing: run 'scripts/install.sh wordpress'"
  stop_pidfile "$STACK_REDIS_PID" "the $STACK Redis"
  rm -f "$STACK_REDIS_SOCKET"
  # As a cache runs: in memory only, the least recently used entries evicted when full.
  start_background "$STACK_REDIS_PID" "$STACK_REDIS_LOG" redis-server --port 0 \
    --unixsocket "$STACK_REDIS_SOCKET" --unixsocketperm 700 --save '' --appendonly no \
    --dir "$ASA2_RUN" --maxmemory 256mb --maxmemory-policy allkeys-lru
  if ! wait_until 20 "Redis on $STACK_REDIS_SOCKET" redis_running; then
    tail -n 20 "$STACK_REDIS_LOG" >&2
    die "Redis did not start (log: $STACK_REDIS_LOG)"
  fi
}

# redis_stop - stops the stack's Redis (what it held is gone).
redis_stop() { stop_pidfile "$STACK_REDIS_PID" "the $STACK Redis"; }

# nodes_cron_pid N - the pid file of node N's cron runner.
nodes_cron_pid() { printf '%s/%s-cron-node%s.pid' "$ASA2_RUN" "$STACK" "$1"; }

# nodes_start_cron N - starts node N's cron runner: at every multiple of STACK_CRON_INTERVAL
# seconds it requests the node's wp-cron.php, as `curl https://site/wp-cron.php` from a system cron
# job on that machine does.
nodes_start_cron() {
  stack_node "$1"
  local pid
  pid=$(nodes_cron_pid "$NODE")
  stop_pidfile "$pid" "the $STACK cron runner of node $NODE"
  start_background "$pid" "$STACK_WP_LOG" bash -c '
    url=$1 interval=$2 node=$3
    while :; do
      now=$(date +%s%N) step=$((interval * 1000000000))
      wait=$((step - now % step))
      sleep "$((wait / 1000000000)).$(printf "%09d" $((wait % 1000000000)))"
      status=$(curl -s -o /dev/null -w "%{http_code}" --max-time 300 "$url/wp-cron.php") || true
      [ "$status" = 200 ] || echo "cron runner of node $node: wp-cron.php answered ${status:-nothing}"
    done
  ' cron-runner "$NODE_URL" "$STACK_CRON_INTERVAL" "$NODE"
}

# nodes_start - the web nodes after the first (the stack's own) and each node's cron runner, when
# there are several nodes or the stack is the demo (the test suites run cron themselves).
nodes_start() {
  local n
  for n in $(seq 2 "$STACK_NODES"); do stack_start_wordpress "$n"; done
  if [ "$STACK_NODES" -gt 1 ] || [ "$STACK" != test ]; then
    for n in $(seq 1 "$STACK_NODES"); do nodes_start_cron "$n"; done
  fi
  return 0
}

# nodes_stop - stops the cron runners, every web node and Redis.
nodes_stop() {
  local n pid
  for n in 1 2 3 4 5 6 7 8 9; do
    pid=$(nodes_cron_pid "$n")
    [ -f "$pid" ] && stop_pidfile "$pid" "the $STACK cron runner of node $n"
    stack_node "$n"
    [ -f "$NODE_WP_PID" ] && stop_pidfile "$NODE_WP_PID" "the $STACK web server (nginx) of node $n"
    [ -f "$NODE_FPM_PID" ] && stop_pidfile "$NODE_FPM_PID" "the $STACK PHP-FPM of node $n"
  done
  redis_stop
}
