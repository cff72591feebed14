# MariaDB: start it when it is not running (there is no systemd here), and create, recreate or
# drop the databases of the WordPress stacks. Sourced, never run. Needs common.sh.
#
# The server is shared by the stacks (each has its own database and user). It is stopped only by
# the command that started it, and only when no stack still uses it.

MARIADB_SOCKET=/run/mysqld/mysqld.sock
MARIADB_PIDFILE="$ASA2_RUN/mariadb.pid"

# mariadb_running - succeeds when the server answers on its socket.
mariadb_running() { mysqladmin --socket="$MARIADB_SOCKET" --connect-timeout=2 ping >/dev/null 2>&1; }

# mariadb_start - starts the server unless it already answers; waits until it does.
mariadb_start() {
  mariadb_running && return 0
  # MariaDB 11 names its wrapper mariadbd-safe (mysqld_safe is a deprecated alias there).
  local safe
  safe=$(command -v mariadbd-safe || command -v mysqld_safe) || die "MariaDB is not installed: run 'scripts/install.sh wordpress'"
  install -d -o mysql -g root -m 0755 /run/mysqld
  say "starting MariaDB"
  # Sockets only: the stacks connect through $MARIADB_SOCKET, and a MariaDB of another Debian
  # root may run beside this one.
  start_background "$MARIADB_PIDFILE" "$ASA2_LOGS/mariadb.log" "$safe" --user=mysql --skip-syslog --skip-networking
  wait_until 60 "MariaDB on $MARIADB_SOCKET (log: $ASA2_LOGS/mariadb.log)" mariadb_running || exit 1
}

# mariadb_stop - shuts the server down if this checkout started it (its pid file exists).
mariadb_stop() {
  [ -f "$MARIADB_PIDFILE" ] || return 0
  if mariadb_running; then
    mysqladmin --socket="$MARIADB_SOCKET" shutdown >/dev/null 2>&1 || true
    wait_until 30 "MariaDB to shut down" bash -c "! mysqladmin --socket=$MARIADB_SOCKET --connect-timeout=1 ping" || true
    say "stopped MariaDB"
  fi
  # The wrapper ends once the server is down; stop it only if it lingers.
  wait_until 10 "the MariaDB wrapper to exit" bash -c "! kill -0 \$(cat '$MARIADB_PIDFILE') 2>/dev/null" || true
  stop_pidfile "$MARIADB_PIDFILE" "the MariaDB wrapper"
}

# mariadb_start_owned - mariadb_start, and sets MARIADB_STARTED_HERE=1 when this call started it.
mariadb_start_owned() {
  MARIADB_STARTED_HERE=0
  mariadb_running || MARIADB_STARTED_HERE=1
  mariadb_start
}

# db_sql SQL - runs SQL as the server's root (unix socket authentication).
db_sql() { mariadb --socket="$MARIADB_SOCKET" -uroot -e "$1"; }

# db_ensure NAME USER PASSWORD - creates the database and its user when missing, and (re)sets the
# user's password and grants.
db_ensure() {
  db_sql "CREATE DATABASE IF NOT EXISTS \`$1\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER IF NOT EXISTS '$2'@'localhost' IDENTIFIED BY '$3';
    ALTER USER '$2'@'localhost' IDENTIFIED BY '$3';
    GRANT ALL PRIVILEGES ON \`$1\`.* TO '$2'@'localhost';"
}

# db_recreate NAME USER PASSWORD - drops the database and creates it empty.
db_recreate() {
  db_sql "DROP DATABASE IF EXISTS \`$1\`;"
  db_ensure "$@"
}
