# Shared shell helpers: messages, polling, pid files and ports. Sourced, never run.
# Every other file in scripts/lib/ sources this one first.

# The repository root, whatever the caller's directory.
ASA2_ROOT=${ASA2_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
ASA2_WORK="$ASA2_ROOT/.work"
ASA2_RUN="$ASA2_WORK/run"
ASA2_LOGS="$ASA2_WORK/logs"

# say MESSAGE... - a progress line on stderr, prefixed with the current step's tag.
say() { printf '[%s] %s\n' "${ASA2_TAG:-asa2}" "$*" >&2; }

# die MESSAGE... - an error line on stderr, then exit 1.
die() { printf '[%s] error: %s\n' "${ASA2_TAG:-asa2}" "$*" >&2; exit 1; }

# wait_until SECONDS DESCRIPTION COMMAND... - runs COMMAND every 0.1 s until it succeeds; fails
# with a message naming DESCRIPTION after SECONDS.
wait_until() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      say "timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.1
  done
}

# http_status URL [CURL-ARGS...] - prints the HTTP status code of a GET (000 when nothing answers).
http_status() {
  local url=$1
  shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$url" 2>/dev/null || true
}

# http_ok URL - succeeds when URL answers 200.
http_ok() { [ "$(http_status "$1")" = 200 ]; }

# port_in_use PORT - succeeds when something listens on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive PIDFILE - succeeds when PIDFILE names a running process.
pid_alive() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# stop_pidfile PIDFILE NAME - stops the process group started under PIDFILE (TERM, then KILL
# after 5 s) and removes the file. Quiet when nothing runs.
stop_pidfile() {
  local file=$1 name=$2 pid i
  if pid_alive "$file"; then
    pid=$(cat "$file")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    say "stopped $name"
  fi
  rm -f "$file"
}

# start_background PIDFILE LOGFILE COMMAND... - starts COMMAND detached in its own session
# (survives the calling shell), output appended to LOGFILE, its pid written to PIDFILE.
start_background() {
  local pidfile=$1 logfile=$2
  shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  printf '\n--- %s: %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S UTC')" "$*" >>"$logfile"
  rm -f "$pidfile"
  # The child writes its own pid (it leads its own session and process group), so the pid file is
  # right whether or not the caller runs with job control.
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  # Not this shell's job: no "Killed" line when a test kills it on purpose (a node's PHP-FPM).
  disown $! 2>/dev/null || true
  local i
  for i in $(seq 50); do [ -s "$pidfile" ] && return 0; sleep 0.02; done
  die "could not start: $*"
}

# random_secret LENGTH - prints LENGTH random characters from [A-Za-z0-9].
random_secret() {
  local out=''
  while [ ${#out} -lt "$1" ]; do
    out+=$(head -c 256 /dev/urandom | tr -dc 'A-Za-z0-9')
  done
  printf '%s' "${out:0:$1}"
}

# platform_label - this machine's (or Debian root's) release and what the stacks run on it, e.g.
# "forky: WordPress 7.1.3, PHP 8.4.27, MariaDB 11.8.5, nginx 1.30.6".
platform_label() {
  local codename wp php db web
  codename=$(. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_CODENAME:-unknown}")
  wp=$(sed -nE "s/^\\\$wp_version = '([^']+)';/\1/p" /usr/share/wordpress/wp-includes/version.php 2>/dev/null)
  php=$(php -r 'echo PHP_VERSION;' 2>/dev/null)
  db=$( (mariadbd --version || mysqld --version) 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+-MariaDB' | head -1)
  web=$(nginx -v 2>&1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  printf '%s: WordPress %s, PHP %s, MariaDB %s, nginx %s' "$codename" "${wp:-?}" "${php:-?}" "${db%-MariaDB}" "${web:-?}"
}

# phpunit_config DIR - the PHPUnit configuration in DIR for the installed PHPUnit: phpunit.xml
# (PHPUnit 10 and newer, e.g. Debian forky's 13) or phpunit-9.xml (Debian 12's 9.6).
phpunit_config() {
  local major
  major=$(phpunit --version 2>/dev/null | grep -oE '[0-9]+' | head -1)
  if [ "${major:-0}" -lt 10 ]; then printf '%s/phpunit-9.xml' "$1"; else printf '%s/phpunit.xml' "$1"; fi
}
