#!/usr/bin/env bash
# Installs what asa2-creators needs on Debian 12 (run as root). Idempotent: every step is
# skipped when what it provides is already there.
#   scripts/install.sh            everything
#   scripts/install.sh rust php   only the named groups (rust, php, wordpress, browser, wasm, node,
#                                 dist, roots)
# The group "roots" also builds the Debian roots of the other test stacks and the build roots
# (scripts/roots/*.list, see scripts/lib/root.sh) under /var/cache/asa2-creators/roots;
# ASA2_STACKS names the roots to prepare, "host" being this machine's own (default: host and every
# root). Without it only debootstrap is installed: scripts/test.sh builds the roots it needs while
# the host's suites run. The group "dist" is what `make dist` needs here (dpkg-dev, lintian, zip).
set -euo pipefail
cd "$(dirname "$0")/.."

groups=("$@")
build_roots=0
[ ${#groups[@]} -gt 0 ] || groups=(rust php wordpress browser wasm node dist debootstrap)
want() { local g; for g in "${groups[@]}"; do [ "$g" = "$1" ] && return 0; done; return 1; }
if want roots; then build_roots=1 && groups+=(debootstrap); fi
say() { printf '[install] %s\n' "$*"; }

apt_missing=()
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' || apt_missing+=("$1"); }

want php && for p in php8.2-cli php8.2-dev clang libclang-dev phpunit; do need_pkg "$p"; done
want wordpress && for p in wordpress wordpress-l10n gettext wordpress-theme-twentytwentythree mariadb-server nginx php8.2-fpm php8.2-mysql php8.2-curl php8.2-xml php8.2-mbstring; do need_pkg "$p"; done
# The persistent object cache of the test stacks (tests/object-cache/object-cache.php).
want wordpress && for p in redis-server php8.2-redis; do need_pkg "$p"; done
want browser && need_pkg chromium
want wasm && need_pkg binaryen
want debootstrap && need_pkg debootstrap
want dist && for p in dpkg-dev lintian zip unzip; do need_pkg "$p"; done

if [ ${#apt_missing[@]} -gt 0 ]; then
  say "apt packages: ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Packages such as nginx, MariaDB and PHP-FPM start their service when installed; the stacks
  # start their own instances, so keep the packages from starting any while apt runs.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

if want rust || want wasm; then
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
fi
if want wasm; then
  rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || { say "rust target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  if [ -f Cargo.lock ]; then
    bindgen_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
    if [ -n "$bindgen_version" ] && ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen_version\$"; then
      say "wasm-bindgen-cli $bindgen_version"
      cargo install -q wasm-bindgen-cli --version "$bindgen_version"
    fi
  fi
fi
if want node && [ -f tests/package.json ]; then
  if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    say "npm packages for tests/"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
if [ "$build_roots" = 1 ]; then
  ASA2_TAG=install
  source scripts/lib/common.sh
  source scripts/lib/root.sh
  for root in ${ASA2_STACKS:-$(root_names --all)}; do
    [ "$root" = host ] || root_ensure "$root"
  done
fi
say "done"
