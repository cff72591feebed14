# Debian roots: a whole Debian release (WordPress, PHP, MariaDB, nginx, Chromium...) as a directory
# built from Debian's packages with debootstrap, so a suite can run against a newer stack than the
# machine's own. Sourced, never run. Needs common.sh.
#
#   root_ensure NAME        builds /var/cache/asa2-creators/roots/NAME-<hash of the list> from
#                           scripts/roots/NAME.list (Debian suite NAME) unless it is there
#   root_run NAME CMD...    runs CMD inside the root, in the repository, as root
#   root_run --clean NAME CMD...
#                           the same in a throwaway copy of the root (NAME "host": of this machine)
#
# root_run enters the root in a mount namespace of its own (unshare): /proc, /dev, /sys, the
# repository, ../shared and the Rust toolchain are mounted there and nowhere else, and go away with
# the namespace when CMD and everything it started have exited - a failed, interrupted or killed run
# leaves no mount behind on the machine.
#
# Most roots are test stacks (scripts/test.sh runs its "every stack" suites in each); a list with a
# line starting "# Build root:" makes a build root, used to build packages and by no suite.

ASA2_ROOTS_DIR=${ASA2_ROOTS_DIR:-/var/cache/asa2-creators/roots}
# Bump when root_build makes roots differently: every root is then built anew.
ROOT_FORMAT=1
ASA2_DEBIAN_MIRROR=${ASA2_DEBIAN_MIRROR:-http://deb.debian.org/debian}

# root_config NAME - sets ROOT_NAME, ROOT_LIST, ROOT_STAMP (what the root is built from: the list and
# ROOT_FORMAT), ROOT_DIR (/var/cache/asa2-creators/roots/NAME-STAMP: checkouts with different lists
# keep a root each instead of rebuilding one in turn) and ROOT_PORTS (the test stack's WordPress
# and sandbox ports inside it, so that it can run beside the host's test stack on 8091/8766).
root_config() {
  ROOT_NAME=$1
  if [ "$ROOT_NAME" = host ]; then
    # This machine's own system, entered only as a throwaway copy (root_run --clean host).
    ROOT_PORTS=(8091 8766) ROOT_LIST='' ROOT_STAMP=host ROOT_DIR=/
    return 0
  fi
  case $ROOT_NAME in
    forky) ROOT_PORTS=(8092 8767) ;;
    trixie) ROOT_PORTS=(8093 8768) ;;
    *) ROOT_PORTS=(8094 8769) ;;
  esac
  ROOT_LIST="$ASA2_ROOT/scripts/roots/$ROOT_NAME.list"
  [ -f "$ROOT_LIST" ] || die "unknown root '$ROOT_NAME' (no $ROOT_LIST)"
  ROOT_STAMP=$( (cat "$ROOT_LIST" && echo "format $ROOT_FORMAT") | sha256sum | cut -c1-12)
  ROOT_DIR="$ASA2_ROOTS_DIR/$ROOT_NAME-$ROOT_STAMP"
}

# root_names [--build | --all] - the roots of the test stacks (scripts/roots/*.list), e.g.
# "forky"; with --build the build roots instead (e.g. "trixie"), with --all both.
root_names() {
  local f kind
  for f in "$ASA2_ROOT"/scripts/roots/*.list; do
    kind=test
    grep -q '^# Build root:' "$f" && kind=build
    case ${1:-} in --all) ;; --build) [ $kind = build ] || continue ;; *) [ $kind = test ] || continue ;; esac
    basename "$f" .list
  done
}

# root_packages - the packages of the root's list (comments and blank lines left out).
root_packages() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$ROOT_LIST"; }

# root_ready NAME - succeeds when the root exists and was built from today's list.
root_ready() {
  root_config "$1"
  [ "$ROOT_NAME" = host ] && return 0
  [ "$(cat "$ROOT_DIR/.asa2-root" 2>/dev/null)" = "$ROOT_STAMP" ]
}

# root_ensure NAME - builds the root when it is missing or its list changed (under a lock, so two
# runs never build the same root at once). Takes a few minutes; output in .work/logs/root-NAME.log.
root_ensure() {
  root_ready "$1" && return 0
  command -v debootstrap >/dev/null || die "debootstrap is missing: run 'scripts/install.sh roots'"
  mkdir -p "$ASA2_ROOTS_DIR" "$ASA2_LOGS"
  local lock="$ROOT_DIR.lock" log="$ASA2_LOGS/root-$ROOT_NAME.log"
  (
    flock -w 1800 9 || die "another run has been building the $ROOT_NAME root for 30 minutes"
    root_ready "$ROOT_NAME" && exit 0
    say "building the Debian $ROOT_NAME root in $ROOT_DIR (a few minutes; log: $log)"
    : >"$log"
    if ! root_build >>"$log" 2>&1; then
      tail -n 25 "$log" >&2
      die "building the $ROOT_NAME root failed (log: $log)"
    fi
    say "the $ROOT_NAME root is ready"
    root_prune
  ) 9>"$lock"
}

# root_prune - removes the other roots of ROOT_NAME (built from other lists) that nobody uses now
# and that were last entered more than a day ago.
root_prune() {
  local dir
  for dir in "$ASA2_ROOTS_DIR/$ROOT_NAME"-*/; do
    dir=${dir%/}
    [ "$dir" = "$ROOT_DIR" ] || [ ! -d "$dir" ] && continue
    [ -n "$(find "$dir.lock" -mmin -1440 2>/dev/null)" ] && continue
    (flock -n 8 && rm -rf "$dir" && rm -f "$dir.lock") 8>>"$dir.lock" || true
  done
}

# root_build - debootstrap into a new directory, install the list, then swap it in. Runs under the
# root's lock; the new tree is mounted only inside a namespace of its own.
root_build() {
  local new="$ROOT_DIR.new"
  rm -rf "$new"
  # Debian's debootstrap knows the testing suites by the sid script.
  debootstrap --variant=minbase "$ROOT_NAME" "$new" "$ASA2_DEBIAN_MIRROR" /usr/share/debootstrap/scripts/sid
  # Packages never start services here: the stack scripts start what they need.
  printf '#!/bin/sh\nexit 101\n' >"$new/usr/sbin/policy-rc.d"
  chmod 755 "$new/usr/sbin/policy-rc.d"
  # Testing suites' Release files may be past their Valid-Until on a mirror snapshot.
  printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n' >"$new/etc/apt/apt.conf.d/90asa2"
  local packages
  packages=$(root_packages | tr '\n' ' ')
  unshare --mount --propagation private -- bash -c '
    set -e
    mount -t proc proc "$1/proc"
    mount --rbind /dev "$1/dev"
    export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
    chroot "$1" apt-get update -q
    chroot "$1" apt-get install -y -q $2
    chroot "$1" apt-get clean
  ' root-build "$new" "$packages" || return 1
  printf '%s\n' "$ROOT_STAMP" >"$new/.asa2-root"
  rm -rf "$ROOT_DIR"
  mv "$new" "$ROOT_DIR"
}

# root_run [--clean] NAME CMD... - runs CMD inside the root (built first if needed) from the
# repository directory, with a clean environment plus CI and the ASA2_* variables,
# ASA2_IN_ROOT=NAME, and the host's Rust toolchain on PATH. Inside, the repository's .work/ is the
# host's .work/roots/NAME/ (the root's stacks, logs and pid files stay apart from the host's).
#
# --clean runs CMD in a throwaway copy of the root instead, with ASA2_CLEAN_ROOT=NAME: an overlay
# with the root as its lower layer and a tmpfs of the namespace as its upper one, so what CMD
# changes in the system (packages it installs, /etc) is gone when it ends; packages start no
# service there. What the root shares between runs stays shared: /run (the test stack's lock,
# MariaDB's socket) and /var/lib/mysql are the root's own. NAME "host" is this machine's system
# (its test stack on its own ports and .work/, ASA2_IN_ROOT unset): the copy is the only way in.
root_run() {
  local clean=0
  if [ "$1" = --clean ]; then
    clean=1
    shift
  fi
  [ "$1" != host ] || [ $clean = 1 ] || die "the host is entered only as a throwaway copy (root_run --clean host)"
  root_ensure "$1"
  shift
  local cargo_home=${CARGO_HOME:-$HOME/.cargo} rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
  local shared
  shared=$(cd "$ASA2_ROOT/.." && pwd)/shared
  local env=(HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb
    "ASA2_TEST_WP_PORT=${ASA2_TEST_WP_PORT:-${ROOT_PORTS[0]}}" "ASA2_TEST_SANDBOX_PORT=${ASA2_TEST_SANDBOX_PORT:-${ROOT_PORTS[1]}}"
    "CARGO_HOME=$cargo_home" "RUSTUP_HOME=$rustup_home"
    "PATH=$cargo_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
  [ "$ROOT_NAME" = host ] || env+=("ASA2_IN_ROOT=$ROOT_NAME")
  [ $clean = 0 ] || env+=("ASA2_CLEAN_ROOT=$ROOT_NAME")
  local name
  for name in CI $(compgen -v ASA2_); do
    case $name in ASA2_ROOT | ASA2_WORK | ASA2_RUN | ASA2_LOGS | ASA2_IN_ROOT | ASA2_CLEAN_ROOT | ASA2_TEST_*_PORT) continue ;; esac
    [ -n "${!name+x}" ] && env+=("$name=${!name}")
  done
  # A shared hold on the root's lock while inside: root_prune never removes a root in use.
  local hold=()
  if [ "$ROOT_NAME" != host ]; then
    mkdir -p "$ASA2_WORK/roots/$ROOT_NAME"
    touch "$ROOT_DIR.lock"
    hold=(flock -s "$ROOT_DIR.lock")
  fi
  "${hold[@]}" unshare --mount --propagation private -- bash -c '
    set -e
    root=$1 repo=$2 shared=$3 cargo_home=$4 rustup_home=$5 ROOT_NAME=$6 clean=$7 layers=$8
    shift 8
    if [ "$clean" = 1 ]; then
      mkdir -p "$layers"
      mount -t tmpfs tmpfs "$layers"
      mkdir "$layers/upper" "$layers/work" "$layers/root"
      mount -t overlay overlay -o "lowerdir=$root,upperdir=$layers/upper,workdir=$layers/work" "$layers/root"
      for dir in /run /var/lib/mysql; do
        if [ -d "$root$dir" ]; then mount --bind "$root$dir" "$layers/root$dir"; fi
      done
      printf "#!/bin/sh\nexit 101\n" >"$layers/root/usr/sbin/policy-rc.d"
      chmod 755 "$layers/root/usr/sbin/policy-rc.d"
      root=$layers/root
    fi
    bind() { [ -d "$1" ] || return 0; mkdir -p "$root$1"; mount --bind "$1" "$root$1"; }
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount --rbind /sys "$root/sys"
    mount -t tmpfs tmpfs "$root/tmp"
    mkdir -p "$root/run/lock"
    # The test stacks lock the loopback ports they use machine-wide (scripts/lib/stack.sh).
    mkdir -p /run/lock/asa2-creators
    [ "$root" = / ] || bind /run/lock/asa2-creators
    bind "$repo"
    if [ "$ROOT_NAME" != host ]; then mount --bind "$repo/.work/roots/$ROOT_NAME" "$root$repo/.work"; fi
    bind "$shared"
    bind "$cargo_home"
    bind "$rustup_home"
    exec chroot "$root" /usr/bin/env -i "$@"
  ' root-run "$ROOT_DIR" "$ASA2_ROOT" "$shared" "$cargo_home" "$rustup_home" "$ROOT_NAME" "$clean" "$ASA2_ROOTS_DIR/.layers" \
    "${env[@]}" bash -c 'cd "$0" && exec "$@"' "$ASA2_ROOT" "$@"
}
