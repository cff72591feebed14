# The two WordPress stacks, each a database, a WordPress served by PHP's built-in server with the
# asa2 extension, the plugin, and its own local Amazon sandbox. They share nothing but the MariaDB
# server:
#
#   demo  WordPress http://127.0.0.1:8080, sandbox :8765, database asa2_demo; kept between runs
#         (users, passwords, salts and data survive `make demo` and `make stop`).
#   test  WordPress http://127.0.0.1:8091, sandbox :8766, database asa2_test; recreated empty on
#         every start, fixed passwords. Ports can be moved with ASA2_TEST_WP_PORT and
#         ASA2_TEST_SANDBOX_PORT; ASA2_TEST_SANDBOX_ARGS adds sandbox options (e.g. "--token-ttl 2";
#         tests can also change its settings while it runs, see TestCase::sandbox_configure()). One test stack runs at a time on a machine (a lock serialises
#         the suites that start it).
#
# Everything a stack has lives in .work/<stack>/ (WordPress, wp-config.php, salts.php,
# stack.json) with pid files in .work/run/ and logs in .work/logs/. stack.json describes the
# running stack for the test harnesses (URLs, users and their passwords, log files).
#
# Sourced, never run. Needs common.sh, mariadb.sh and build.sh.

ASA2_WP_SOURCE=${ASA2_WP_SOURCE:-/usr/share/wordpress}
ASA2_PLUGIN_SLUG=asa2-creators
ASA2_PLUGIN_DIR="$ASA2_ROOT/wordpress-plugin/$ASA2_PLUGIN_SLUG"
ASA2_TEST_LOCK=${ASA2_TEST_LOCK:-/run/lock/asa2-creators-test-stack.lock}

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
  STACK_WP_PID="$ASA2_RUN/$STACK-wordpress.pid"
  STACK_SANDBOX_PID="$ASA2_RUN/$STACK-sandbox.pid"
  STACK_WP_LOG="$ASA2_LOGS/$STACK-wordpress.log"
  STACK_SANDBOX_LOG="$ASA2_LOGS/$STACK-sandbox.log"
  STACK_DEBUG_LOG="$ASA2_LOGS/$STACK-wp-debug.log"
  STACK_DEBUG_LOG_CLI="$ASA2_LOGS/$STACK-wp-debug-cli.log"
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

  mkdir -p "$STACK_WP_DIR/wp-content/mu-plugins"
  cp "$ASA2_ROOT/scripts/wp/mu-plugins/"*.php "$STACK_WP_DIR/wp-content/mu-plugins/"

  [ -f "$ASA2_PLUGIN_DIR/$ASA2_PLUGIN_SLUG.php" ] || die "the plugin's main file $ASA2_PLUGIN_DIR/$ASA2_PLUGIN_SLUG.php is missing"
  ln -sfn "$ASA2_PLUGIN_DIR" "$STACK_WP_DIR/wp-content/plugins/$ASA2_PLUGIN_SLUG"

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

  local db_password disable_cron=false
  db_password=$(stack_secret "$STACK_DIR/db-password")
  [ "$STACK" = test ] && disable_cron=true
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
define( 'DISABLE_WP_CRON', $disable_cron );
define( 'FS_METHOD', 'direct' );

// Where the plugin sends Amazon calls: this stack's local sandbox.
define( 'ASA2_API_BASE', '$STACK_SANDBOX_URL' );

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
  "root": "$ASA2_ROOT",
  "wp_dir": "$STACK_WP_DIR",
  "url": "$STACK_WP_URL",
  "port": $STACK_WP_PORT,
  "setup_url": "$STACK_WP_URL/wp-admin/admin.php?page=asa2-setup",
  "sandbox_url": "$STACK_SANDBOX_URL",
  "sandbox_port": $STACK_SANDBOX_PORT,
  "db": {"name": "$STACK_DB_NAME", "user": "$STACK_DB_USER", "password": "$1"},
  "plugin_dir": "$ASA2_PLUGIN_DIR",
  "plugin_file": "$ASA2_PLUGIN_SLUG/$ASA2_PLUGIN_SLUG.php",
  "extension": "$ASA2_EXT_SO",
  "debug_log": "$STACK_DEBUG_LOG",
  "debug_log_cli": "$STACK_DEBUG_LOG_CLI",
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

# stack_start_wordpress - serves the stack's WordPress with PHP's built-in server (4 workers: one
# deadlocks when a page calls back into the site) and waits until the login page answers.
stack_start_wordpress() {
  stop_pidfile "$STACK_WP_PID" "the $STACK WordPress"
  stack_check_port "$STACK_WP_PORT" WordPress
  start_background "$STACK_WP_PID" "$STACK_WP_LOG" \
    env PHP_CLI_SERVER_WORKERS=4 php "${PHP_EXT_ARGS[@]}" -S "127.0.0.1:$STACK_WP_PORT" -t "$STACK_WP_DIR" \
    "$ASA2_ROOT/scripts/wp/router.php"
  if ! wait_until 20 "WordPress at $STACK_WP_URL" http_ok "$STACK_WP_URL/wp-login.php"; then
    tail -n 20 "$STACK_WP_LOG" >&2
    die "WordPress did not start (log: $STACK_WP_LOG)"
  fi
}

# stack_start NAME [SANDBOX-ARGS...] - the whole stack: build, MariaDB, WordPress files and
# database, sandbox, web server. After the build, the test stack takes the machine-wide test lock
# (held by the calling shell until it exits).
stack_start() {
  stack_config "$1"
  shift
  mkdir -p "$ASA2_RUN" "$ASA2_LOGS"
  # Build before taking the lock: the lock is held only while the stack runs.
  build_release
  if [ "$STACK" = test ]; then
    exec 9>"$ASA2_TEST_LOCK"
    flock -n 9 || {
      say "another test run holds the test stack ($ASA2_TEST_LOCK); waiting for it"
      flock -w 900 9 || die "the test stack stayed busy for 15 minutes"
    }
  fi
  mariadb_start_owned
  stack_prepare_wordpress
  stack_install_wordpress
  if [ "$STACK" = test ] && [ -n "${ASA2_TEST_SANDBOX_ARGS:-}" ]; then
    # shellcheck disable=SC2086 # options, split on spaces on purpose
    set -- "$@" $ASA2_TEST_SANDBOX_ARGS
  fi
  stack_start_sandbox "$@"
  stack_start_wordpress
}

# stack_stop NAME - stops the stack's web server and sandbox (data stays).
stack_stop() {
  stack_config "$1"
  stop_pidfile "$STACK_WP_PID" "the $STACK WordPress"
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
