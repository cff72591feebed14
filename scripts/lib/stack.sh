# The two WordPress stacks, each a database, a WordPress served by nginx and PHP-FPM with the asa2
# extension, the plugin, and its own local Amazon sandbox. They share nothing but the MariaDB
# server:
#
#   demo  WordPress http://127.0.0.1:8080, sandbox :8765, database asa2_demo; kept between runs
#         (users, passwords, salts and data survive `make demo` and `make stop`).
#   test  WordPress http://127.0.0.1:8091, sandbox :8766, database asa2_test; recreated empty on
#         every start, fixed passwords. Ports can be moved with ASA2_TEST_WP_PORT and
#         ASA2_TEST_SANDBOX_PORT; ASA2_TEST_SANDBOX_ARGS adds sandbox options (e.g. "--token-ttl 2";
#         tests can also change its settings while it runs, see TestCase::sandbox_configure()).
#         One test stack runs at a time on a machine (a lock serialises the suites that start
#         it). Inside a Debian root (scripts/lib/root.sh) the test stack is the root's own, on
#         ports of its own (forky: 8092 and 8767), so it can run beside the host's.
#
# Everything a stack has lives in .work/<stack>/ (WordPress, wp-config.php, salts.php,
# stack.json) with pid files in .work/run/ and logs in .work/logs/. stack.json describes the
# running stack for the test harnesses (URLs, users and their passwords, log files).
#
# ASA2_STACK_FROM_DIST=1 starts the test stack as a site owner has it, for the package suite (in a
# throwaway copy of the system): nothing is built, PHP loads the extension from its own
# configuration (the installed package) and WordPress starts without the plugin, which the suite
# uploads as the dist/ zip.
#
# A stack may also have a persistent object cache (Redis) and several web nodes: see nodes.sh.
#
# Sourced, never run. Needs common.sh, mariadb.sh and build.sh.

ASA2_WP_SOURCE=${ASA2_WP_SOURCE:-/usr/share/wordpress}
ASA2_PLUGIN_SLUG=asa2-creators
ASA2_PLUGIN_DIR="$ASA2_ROOT/wordpress-plugin/$ASA2_PLUGIN_SLUG"
# The test stacks' locks, one per WordPress port (the machine's and each root's stacks share the
# machine's loopback ports; scripts/lib/root.sh makes this folder the same inside every root).
ASA2_LOCK_DIR=/run/lock/asa2-creators
source "$ASA2_ROOT/scripts/lib/nodes.sh"

# stack_config NAME - sets the STACK_* variables of the demo or test stack.
stack_config() {
  STACK=$1
  case "$STACK" in
    demo)
      STACK_WP_PORT=8080
      STACK_SANDBOX_PORT=8765
      ;;
    test)
      STACK_WP_PORT=${ASA2_TEST_WP_PORT:-8091}
      STACK_SANDBOX_PORT=${ASA2_TEST_SANDBOX_PORT:-8766}
      ;;
    *) die "unknown stack '$STACK' (demo or test)" ;;
  esac
  STACK_DIR="$ASA2_WORK/$STACK"
  STACK_WP_DIR="$STACK_DIR/wordpress"
  STACK_WP_URL="http://127.0.0.1:$STACK_WP_PORT"
  STACK_SANDBOX_URL="http://127.0.0.1:$STACK_SANDBOX_PORT"
  STACK_DB_NAME="asa2_$STACK"
  STACK_DB_USER="asa2_$STACK"
  STACK_JSON="$STACK_DIR/stack.json"
  STACK_SANDBOX_PID="$ASA2_RUN/$STACK-sandbox.pid"
  STACK_WP_LOG="$ASA2_LOGS/$STACK-wordpress.log"
  STACK_SANDBOX_LOG="$ASA2_LOGS/$STACK-sandbox.log"
  STACK_DEBUG_LOG="$ASA2_LOGS/$STACK-wp-debug.log"
  STACK_DEBUG_LOG_CLI="$ASA2_LOGS/$STACK-wp-debug-cli.log"
  nodes_config
}

# stack_secret FILE - prints the secret kept in FILE, creating it (random) the first time.
stack_secret() {
  if [ ! -s "$1" ]; then
    (umask 077 && random_secret 24 >"$1")
  fi
  cat "$1"
}

# stack_password LOGIN - the password of a stack user: fixed for tests, random once for the demo.
stack_password() {
  if [ "$STACK" = test ]; then
    printf 'asa2-test-%s' "$1"
  else
    stack_secret "$STACK_DIR/password-$1"
  fi
}

# stack_check_port PORT WHAT - fails when something listens on PORT (called after this stack's own
# process there was stopped, so it is someone else's).
stack_check_port() {
  if port_in_use "$1"; then
    local who
    who=$(ss -ltnpH "sport = :$1" 2>/dev/null | sed -E 's/.*users:\(\("([^"]+)",pid=([0-9]+).*/\1 (pid \2)/' | head -1)
    die "port $1 for the $STACK $2 is already used by ${who:-another process}; stop it (another checkout's 'make stop'?) and retry"
  fi
}

# stack_prepare_wordpress - copies WordPress core into .work/<stack>/wordpress (once, or again when
# the installed WordPress changed), links the plugin, writes salts and wp-config.php.
stack_prepare_wordpress() {
  mkdir -p "$STACK_DIR" "$ASA2_RUN" "$ASA2_LOGS"
  local want have=''
  want=$(grep -m1 '^\$wp_version' "$ASA2_WP_SOURCE/wp-includes/version.php" 2>/dev/null) ||
    die "WordPress is not installed in $ASA2_WP_SOURCE: run 'scripts/install.sh wordpress'"
  [ -f "$STACK_WP_DIR/wp-includes/version.php" ] && have=$(grep -m1 '^\$wp_version' "$STACK_WP_DIR/wp-includes/version.php")
  if [ "$want" != "$have" ] || [ ! -f "$STACK_WP_DIR/.asa2-copied" ]; then
    say "copying WordPress from $ASA2_WP_SOURCE"
    local keep_uploads=''
    [ -d "$STACK_WP_DIR/wp-content/uploads" ] && keep_uploads="$STACK_DIR/uploads.keep" && rm -rf "$keep_uploads" && mv "$STACK_WP_DIR/wp-content/uploads" "$keep_uploads"
    rm -rf "$STACK_WP_DIR"
    # Debian's tree holds symlinks (wp-content, bundled libraries): copy what they point to.
    cp -rL "$ASA2_WP_SOURCE" "$STACK_WP_DIR"
    rm -f "$STACK_WP_DIR/wp-config.php"
    [ -n "$keep_uploads" ] && mv "$keep_uploads" "$STACK_WP_DIR/wp-content/uploads"
    touch "$STACK_WP_DIR/.asa2-copied"
  fi
  mkdir -p "$STACK_WP_DIR/wp-content/uploads"
  # The core's translations (Debian's wordpress-l10n), for the tests that switch the language.
  rm -rf "$STACK_WP_DIR/wp-content/languages"
  [ -d "$ASA2_WP_SOURCE/wp-content/languages" ] && ln -s "$ASA2_WP_SOURCE/wp-content/languages" "$STACK_WP_DIR/wp-content/languages"

  mkdir -p "$STACK_WP_DIR/wp-content/mu-plugins"
  cp "$ASA2_ROOT/scripts/wp/mu-plugins/"*.php "$STACK_WP_DIR/wp-content/mu-plugins/"

  stack_place_plugin
  nodes_prepare_wordpress

  # Salts: kept for the demo (sealed secrets in its database stay readable), new for every test run.
  local salts="$STACK_DIR/salts.php"
  STACK_FRESH=0
  if [ "$STACK" = test ] || [ ! -s "$salts" ]; then
    STACK_FRESH=1
    php -r '
      $out = "<?php\n// Generated unique keys and salts of this WordPress; keep private.\n";
      foreach (["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"] as $name) {
          $out .= sprintf("define( %s, %s );\n", var_export($name, true), var_export(bin2hex(random_bytes(32)), true));
      }
      file_put_contents($argv[1], $out);
      chmod($argv[1], 0600);' "$salts"
  fi

  local db_password
  db_password=$(stack_secret "$STACK_DIR/db-password")
  cat >"$STACK_WP_DIR/wp-config.php" <<PHP
<?php
// WordPress configuration of the $STACK stack, written by scripts/lib/stack.sh on every start.
define( 'DB_NAME', '$STACK_DB_NAME' );
define( 'DB_USER', '$STACK_DB_USER' );
define( 'DB_PASSWORD', '$db_password' );
define( 'DB_HOST', 'localhost:$MARIADB_SOCKET' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
\$table_prefix = 'wp_';

require '$salts';

define( 'WP_HOME', '$STACK_WP_URL' );
define( 'WP_SITEURL', '$STACK_WP_URL' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );

// WordPress 6.1 itself raises PHP 8.2 deprecations: log everything, display nothing.
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', PHP_SAPI === 'cli' ? '$STACK_DEBUG_LOG_CLI' : '$STACK_DEBUG_LOG' );
@ini_set( 'display_errors', '0' );

// Offline and quiet: no calls to wordpress.org, no updates, no cron spawned by page views in tests.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
// Page views never spawn WP-Cron: the demo and multi-node stacks request wp-cron.php from a
// system-cron style runner per node (nodes_start_cron), the tests run what they need themselves.
define( 'DISABLE_WP_CRON', true );
define( 'FS_METHOD', 'direct' );

// Where the plugin sends Amazon calls: this stack's local sandbox.
define( 'ASA2_API_BASE', '$STACK_SANDBOX_URL' );

$(nodes_wp_config)

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
  chmod 600 "$STACK_WP_DIR/wp-config.php"

  stack_write_json "$db_password"
}

# stack_write_json DB_PASSWORD - writes .work/<stack>/stack.json, the stack's description.
stack_write_json() {
  local login role users='' sep=''
  for login in admin editor author subscriber; do
    role=$login
    [ "$login" = admin ] && role=administrator
    users+="$sep\"$login\": {\"login\": \"$login\", \"password\": \"$(stack_password "$login")\", \"role\": \"$role\", \"email\": \"$login@example.test\"}"
    sep=$',\n    '
  done
  (umask 077 && cat >"$STACK_JSON" <<JSON
{
  "stack": "$STACK",
  "platform": "$(platform_label)",
  "root": "$ASA2_ROOT",
  "wp_dir": "$STACK_WP_DIR",
  "url": "$STACK_WP_URL",
  "port": $STACK_WP_PORT,
  "setup_url": "$STACK_WP_URL/wp-admin/admin.php?page=asa2-setup",
  "sandbox_url": "$STACK_SANDBOX_URL",
  "sandbox_port": $STACK_SANDBOX_PORT,
  "db": {"name": "$STACK_DB_NAME", "user": "$STACK_DB_USER", "password": "$1"},
  "plugin_dir": "$STACK_PLUGIN_DIR",
  "plugin_source": "$STACK_PLUGIN_SOURCE",
  "plugin_file": "$ASA2_PLUGIN_SLUG/$ASA2_PLUGIN_SLUG.php",
  "extension": "$ASA2_EXT_SO",
  "debug_log": "$STACK_DEBUG_LOG",
  "debug_log_cli": "$STACK_DEBUG_LOG_CLI",
  $(nodes_json),
  "users": {
    $users
  }
}
JSON
  )
}

# stack_install_wordpress - creates (test: recreates) the database, installs WordPress when it is
# not installed, then makes sure the users exist and the plugin is active.
stack_install_wordpress() {
  local db_password
  db_password=$(stack_secret "$STACK_DIR/db-password")
  if [ "$STACK_FRESH" = 1 ]; then
    # New salts (every test run; a demo whose .work/demo was removed): a database written under
    # other salts would hold secrets nobody can read and logins nobody knows, so start empty.
    db_recreate "$STACK_DB_NAME" "$STACK_DB_USER" "$db_password"
    rm -f "$STACK_DEBUG_LOG" "$STACK_DEBUG_LOG_CLI"
  else
    db_ensure "$STACK_DB_NAME" "$STACK_DB_USER" "$db_password"
  fi
  php "${PHP_EXT_ARGS[@]}" "$ASA2_ROOT/scripts/wp/install.php" "$STACK_JSON" ||
    die "installing WordPress failed (debug log: $STACK_DEBUG_LOG_CLI)"
  php "${PHP_EXT_ARGS[@]}" "$ASA2_ROOT/scripts/wp/activate.php" "$STACK_JSON" ||
    die "preparing the users or activating the plugin failed (debug log: $STACK_DEBUG_LOG_CLI)"
}

# stack_start_sandbox [ARGS...] - starts this stack's sandbox (extra ARGS go to it) and waits
# until it answers.
stack_start_sandbox() {
  stop_pidfile "$STACK_SANDBOX_PID" "the $STACK sandbox"
  stack_check_port "$STACK_SANDBOX_PORT" sandbox
  local config
  config=$(sandbox_config_file) || die "the sandbox has no demo configuration (crates/sandbox/demo.toml or demo.json)"
  start_background "$STACK_SANDBOX_PID" "$STACK_SANDBOX_LOG" \
    "$ASA2_SANDBOX_BIN" --port "$STACK_SANDBOX_PORT" --config "$config" "$@"
  if ! wait_until 20 "the sandbox at $STACK_SANDBOX_URL" http_ok "$STACK_SANDBOX_URL/__sandbox/health"; then
    tail -n 20 "$STACK_SANDBOX_LOG" >&2
    die "the sandbox did not start (log: $STACK_SANDBOX_LOG)"
  fi
}

# stack_php_version - the major.minor version of the PHP that runs here, e.g. 8.4.
stack_php_version() { php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;'; }

# stack_node N - sets the NODE_* variables of web node N of the stack: node 1 is the stack's own
# nginx + PHP-FPM on its WordPress port; nodes 2, 3... (ASA2_NODES, see nodes.sh) serve the same
# WordPress files from an nginx and a PHP-FPM pool of their own on the port 100 higher per node,
# as further machines behind a load balancer would: they pass the site's address as the Host.
stack_node() {
  NODE=$1
  local suffix=''
  [ "$NODE" -gt 1 ] && suffix="-node$NODE"
  NODE_PORT=$((STACK_WP_PORT + 100 * (NODE - 1)))
  NODE_URL="http://127.0.0.1:$NODE_PORT"
  NODE_FPM_CONF="$STACK_DIR/php-fpm$suffix.conf"
  NODE_NGINX_CONF="$STACK_DIR/nginx$suffix.conf"
  NODE_FPM_SOCKET="$ASA2_RUN/$STACK-php-fpm$suffix.sock"
  NODE_FPM_PID="$ASA2_RUN/$STACK-php-fpm$suffix.pid"
  NODE_WP_PID="$ASA2_RUN/$STACK-wordpress$suffix.pid"
  NODE_NGINX_PID="$ASA2_RUN/$STACK-nginx$suffix.pid"
  NODE_TEMP="$ASA2_RUN/$STACK-nginx$suffix"
  NODE_HOST='$host:$server_port'
  [ "$NODE" -gt 1 ] && NODE_HOST="127.0.0.1:$STACK_WP_PORT"
  return 0
}

# stack_write_webserver_config [N] - writes the PHP-FPM pool and nginx configuration of web node N
# (default 1, see stack_node) into .work/<stack>/: nginx on 127.0.0.1:<port> with WordPress's usual
# rewrite rules (pretty permalinks), PHP through a pool of ASA2_FPM_WORKERS (default 4) PHP-FPM
# workers with the asa2 extension, errors into the stack's debug log. Under /page-cache/ the same
# site is served through a full-page cache (nginx fastcgi_cache, emptied on every start), as
# sites behind one are: /page-cache/<path> is WordPress's <path>, one HTML per URL for every
# anonymous visitor whatever their request headers, with X-Cache-Status (MISS, HIT, BYPASS).
stack_write_webserver_config() {
  stack_node "${1:-1}"
  local workers=${ASA2_FPM_WORKERS:-4}
  rm -rf "$NODE_TEMP/page-cache"
  mkdir -p "$NODE_TEMP"
  cat >"$NODE_FPM_CONF" <<CONF
; PHP-FPM of node $NODE of the $STACK stack, written by scripts/lib/stack.sh on every start.
[global]
error_log = $STACK_WP_LOG
daemonize = no

[wordpress]
; The stack's files belong to whoever checked out the repository: the pool runs as root
; (php-fpm -R), as the web server does. A site runs its pool as www-data.
user = root
group = root
listen = $NODE_FPM_SOCKET
pm = static
pm.max_children = $workers
catch_workers_output = yes
decorate_workers_output = no
clear_env = no
request_terminate_timeout = 300
php_admin_value[error_log] = $STACK_DEBUG_LOG
php_admin_flag[log_errors] = on
php_admin_value[max_execution_time] = 120
$([ "$STACK_NODES" -gt 1 ] && printf '; Which web server this is (the nodes share a host name here).\nenv[ASA2_NODE_NAME] = node-%d' "$NODE")
CONF
  cat >"$NODE_NGINX_CONF" <<CONF
# nginx of node $NODE of the $STACK stack, written by scripts/lib/stack.sh on every start.
user root;
worker_processes 2;
pid $NODE_NGINX_PID;
error_log $STACK_WP_LOG warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $NODE_TEMP/body;
  fastcgi_temp_path $NODE_TEMP/fastcgi;
  proxy_temp_path $NODE_TEMP/proxy;
  uwsgi_temp_path $NODE_TEMP/uwsgi;
  scgi_temp_path $NODE_TEMP/scgi;
  client_max_body_size 64m;
  large_client_header_buffers 4 32k;
  fastcgi_cache_path $NODE_TEMP/page-cache levels=1:2 keys_zone=asa2_pages:1m max_size=32m inactive=10m;
  map \$http_cookie \$asa2_logged_in { default 0; ~wordpress_logged_in 1; }
  server {
    listen 127.0.0.1:$NODE_PORT;
    server_name 127.0.0.1 localhost;
    root $STACK_WP_DIR;
    index index.php;
    location / { try_files \$uri \$uri/ /index.php?\$args; }
    location ~ /\.(?!well-known) { deny all; }
    location ^~ /page-cache/ {
      rewrite ^/page-cache(/.*)\$ \$1 break;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root/index.php;
      fastcgi_param SCRIPT_NAME /index.php;
      fastcgi_param REQUEST_URI \$uri\$is_args\$args;
      fastcgi_param HTTP_HOST $NODE_HOST;
      fastcgi_read_timeout 300;
      fastcgi_cache asa2_pages;
      fastcgi_cache_key \$request_method\$uri\$is_args\$args;
      fastcgi_cache_valid 200 10m;
      fastcgi_cache_bypass \$asa2_logged_in;
      fastcgi_no_cache \$asa2_logged_in;
      add_header X-Cache-Status \$upstream_cache_status always;
      fastcgi_pass unix:$NODE_FPM_SOCKET;
    }
    location ~ \.php\$ {
      try_files \$uri =404;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      # Debian's fastcgi_params pass the host without its port; WordPress compares the
      # requested URL with WP_HOME (port included) and would redirect to itself.
      fastcgi_param HTTP_HOST $NODE_HOST;
      fastcgi_read_timeout 300;
      fastcgi_pass unix:$NODE_FPM_SOCKET;
    }
  }
}
CONF
}

# stack_start_wordpress [N] - serves the stack's WordPress on web node N (default 1) with nginx and
# PHP-FPM (Debian's packages; the FPM binary of the running PHP version) and waits until the login
# page answers.
stack_start_wordpress() {
  stack_node "${1:-1}"
  stop_pidfile "$NODE_WP_PID" "the $STACK web server (nginx) of node $NODE"
  stop_pidfile "$NODE_FPM_PID" "the $STACK PHP-FPM of node $NODE"
  stack_check_port "$NODE_PORT" WordPress
  command -v "php-fpm$(stack_php_version)" >/dev/null || die "PHP-FPM for PHP $(stack_php_version) is missing: run 'scripts/install.sh wordpress'"
  command -v nginx >/dev/null || die "nginx is missing: run 'scripts/install.sh wordpress'"
  stack_write_webserver_config "$NODE"
  stack_start_fpm "$NODE"
  start_background "$NODE_WP_PID" "$STACK_WP_LOG" nginx -e "$STACK_WP_LOG" -c "$NODE_NGINX_CONF" -g 'daemon off;'
  if ! wait_until 20 "WordPress at $NODE_URL" http_ok "$NODE_URL/wp-login.php"; then
    tail -n 20 "$STACK_WP_LOG" >&2
    die "WordPress did not start (log: $STACK_WP_LOG)"
  fi
}

# stack_start_fpm N - starts the PHP-FPM pool of web node N (its configuration written) and waits
# for its socket.
stack_start_fpm() {
  stack_node "$1"
  rm -f "$NODE_FPM_SOCKET"
  start_background "$NODE_FPM_PID" "$STACK_WP_LOG" "php-fpm$(stack_php_version)" -R -F -y "$NODE_FPM_CONF" "${PHP_EXT_ARGS[@]}"
  if ! wait_until 20 "PHP-FPM's socket $NODE_FPM_SOCKET" test -S "$NODE_FPM_SOCKET"; then
    tail -n 20 "$STACK_WP_LOG" >&2
    die "PHP-FPM did not start (log: $STACK_WP_LOG)"
  fi
}

# stack_start NAME [SANDBOX-ARGS...] - the whole stack: build, MariaDB, WordPress files and
# database, sandbox, web nodes and their cron runners (nodes_start). After the build, the test
# stack takes the machine-wide test lock (held by the calling shell until it exits).
stack_start() {
  stack_config "$1"
  shift
  mkdir -p "$ASA2_RUN" "$ASA2_LOGS"
  # Build before taking the lock: the lock is held only while the stack runs.
  if [ -n "${ASA2_STACK_FROM_DIST:-}" ]; then stack_use_installed; else build_release; fi
  if [ "$STACK" = test ]; then
    ASA2_TEST_LOCK=${ASA2_TEST_LOCK:-$ASA2_LOCK_DIR/test-stack-$STACK_WP_PORT.lock}
    mkdir -p "$(dirname "$ASA2_TEST_LOCK")"
    exec 9>"$ASA2_TEST_LOCK"
    flock -n 9 || {
      say "another test run holds the test stack ($ASA2_TEST_LOCK); waiting for it"
      flock -w 900 9 || die "the test stack stayed busy for 15 minutes"
    }
  fi
  mariadb_start_owned
  redis_start
  stack_prepare_wordpress
  stack_install_wordpress
  if [ "$STACK" = test ] && [ -n "${ASA2_TEST_SANDBOX_ARGS:-}" ]; then
    # shellcheck disable=SC2086 # options, split on spaces on purpose
    set -- "$@" $ASA2_TEST_SANDBOX_ARGS
  fi
  stack_start_sandbox "$@"
  stack_start_wordpress
  nodes_start
}

# stack_stop NAME - stops the stack's web server and sandbox (data stays).
stack_stop() {
  stack_config "$1"
  nodes_stop
  stop_pidfile "$STACK_SANDBOX_PID" "the $STACK sandbox"
}

# stack_stop_test - the test suites' exit trap: stops the test stack, and MariaDB when the suite
# started it and no demo (of any checkout: port 8080) uses it.
stack_stop_test() {
  stack_stop test
  if [ "${MARIADB_STARTED_HERE:-0}" = 1 ] && ! port_in_use 8080; then
    mariadb_stop
  fi
}

# stack_phpunit DIR [PHPUNIT-ARGS...] - runs the PHPUnit tests of DIR (its phpunit.xml or
# phpunit-9.xml) against the running stack with the extension loaded, then stack_check_logs. Fails
# when a test failed, when no test ran, or when the logs hold PHP problems of the project.
stack_phpunit() {
  local dir=$1 junit status=0 tests
  shift
  junit="$STACK_DIR/phpunit-$(basename "$dir")-junit.xml"
  rm -f "$junit"
  (cd "$ASA2_ROOT" && php -d zend.assertions=1 "${PHP_EXT_ARGS[@]}" "$(command -v phpunit)" \
    -c "$(phpunit_config "$dir")" --log-junit "$junit" "$@") || status=$?
  tests=$(sed -nE '0,/<testsuite /s/.*<testsuite [^>]*tests="([0-9]+)".*/\1/p' "$junit" 2>/dev/null | head -1)
  if [ "$status" -eq 0 ] && [ "${tests:-0}" -eq 0 ]; then
    say "no test ran"
    status=1
  fi
  stack_check_logs || status=1
  return "$status"
}

# stack_check_logs - fails (listing them) when the stack's PHP logs - the web server's and the
# command line's debug logs - hold a PHP error, warning, notice or deprecation raised by a file of
# this project (the plugin, the stack's mu-plugins, the test support scripts) or naming the plugin
# (WordPress's "doing it wrong" notices name its text domain or class). WordPress
# core's own notices stay in the logs and do not fail the run.
stack_check_logs() {
  local log lines=()
  for log in "$STACK_DEBUG_LOG" "$STACK_DEBUG_LOG_CLI"; do
    [ -f "$log" ] || continue
    mapfile -t -O "${#lines[@]}" lines < <(
      grep -E 'PHP (Fatal error|Parse error|Recoverable fatal error|Warning|Notice|Deprecated|Strict Standards)' "$log" |
        grep -F -e "$ASA2_PLUGIN_DIR/" -e "$STACK_WP_DIR/wp-content/plugins/$ASA2_PLUGIN_SLUG/" \
          -e "$STACK_WP_DIR/wp-content/mu-plugins/" -e "$STACK_WP_DIR/wp-content/object-cache.php" \
          -e "$ASA2_ROOT/tests/" -e "$ASA2_ROOT/scripts/" \
          -e "<code>$ASA2_PLUGIN_SLUG</code>" -e 'Asa2\' || true
    )
  done
  [ ${#lines[@]} -eq 0 ] && return 0
  say "PHP problems raised by this project's files (${#lines[@]} lines):"
  printf '  %s\n' "${lines[@]}" | sort -u | head -40 >&2
  return 1
}

# stack_place_plugin - puts the plugin into WordPress: a link to the repository's copy, or (from
# dist/) nothing, for the package suite to upload; sets STACK_PLUGIN_DIR and STACK_PLUGIN_SOURCE.
stack_place_plugin() {
  local plugin="$STACK_WP_DIR/wp-content/plugins/$ASA2_PLUGIN_SLUG"
  # The last run's link or uploaded copy goes (a link alone, never what it points to).
  rm -rf "$plugin"
  if [ -n "${ASA2_STACK_FROM_DIST:-}" ]; then
    STACK_PLUGIN_SOURCE=upload STACK_PLUGIN_DIR=$plugin
    return 0
  fi
  STACK_PLUGIN_SOURCE=repository STACK_PLUGIN_DIR=$ASA2_PLUGIN_DIR
  [ -f "$ASA2_PLUGIN_DIR/$ASA2_PLUGIN_SLUG.php" ] || die "the plugin's main file $ASA2_PLUGIN_DIR/$ASA2_PLUGIN_SLUG.php is missing"
  ln -sfn "$ASA2_PLUGIN_DIR" "$plugin"
}

# stack_use_installed - instead of the build (ASA2_STACK_FROM_DIST=1): PHP's own configuration
# loads the extension, when a package installed it; the sandbox is the host's build.
stack_use_installed() {
  [ -x "$ASA2_SANDBOX_BIN" ] || die "$ASA2_SANDBOX_BIN is missing: build it on the host first (cargo build --release -p asa2-sandbox)"
  PHP_EXT_ARGS=()
  ASA2_EXT_SO=''
}
