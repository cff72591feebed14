#!/usr/bin/env bash
# Packages: `make dist` (scripts/dist.sh), then what a site owner does with its files, in a
# throwaway copy of the stack (scripts/lib/root.sh: root_run --clean) so that nothing installed
# here stays on the machine or in the cached Debian root:
#   1. apt refuses the package built for another PHP (its phpapi-... dependency);
#   2. apt-get install ./dist/php<x.y>-asa2_<version>_amd64.deb over the previous release (the
#      same package numbered <version>~previous): the extension in PHP's extension directory,
#      asa2.ini with its priority, enabled for the command line and PHP-FPM, php -m, php --ri;
#   3. the test stack started from dist/ (PHP-FPM freshly started, loading the extension from the
#      system's configuration): the web server's phpinfo lists asa2;
#   4. the plugin zip uploaded and activated in Chromium (tests/dist/upload.test.mjs);
#   5. the WordPress suite against the uploaded copy and the packaged extension (tests/php/wp
#      without its long fault and robustness classes, which 40-wordpress runs on every stack);
#   6. apt-get remove, PHP-FPM restarted: the extension is gone, WordPress keeps serving and the
#      plugin explains what is missing (tests/dist/removed.test.mjs); apt-get purge leaves nothing.
# Screenshots go to tests/e2e/artifacts/<Debian release>/dist-*.png.
#   scripts/suites/70-dist.sh                    on this machine's stack
#   ASA2_STACKS=forky scripts/test.sh 70-dist    on the forky stack
# Runs on every stack.
# Enters the stack itself.
# Needs the build roots.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$ASA2_ROOT/scripts/lib/mariadb.sh"
source "$ASA2_ROOT/scripts/lib/build.sh"
source "$ASA2_ROOT/scripts/lib/stack.sh"
source "$ASA2_ROOT/scripts/lib/root.sh"
source "$ASA2_ROOT/scripts/lib/version.sh"
ASA2_TAG=dist-test

cd "$ASA2_ROOT"
version=$(workspace_version)
zip="$ASA2_ROOT/dist/asa2-creators-$version.zip"
mkdir -p "$ASA2_LOGS"

passed=0
failed=0
# check DESCRIPTION COMMAND... - runs COMMAND (its output into the log) and counts it as passed
# or failed.
check() {
  local what=$1
  shift
  if "$@" >>"$check_log" 2>&1; then
    passed=$((passed + 1))
    printf 'ok - %s\n' "$what"
  else
    failed=$((failed + 1))
    printf 'FAILED - %s (log: %s)\n' "$what" "$check_log"
  fi
}
# apt_get ARGS... - apt-get, its output in the log.
apt_get() { printf '\n$ apt-get %s\n' "$*"; apt-get -y -q "$@"; }
# has_line TEXT COMMAND... - COMMAND succeeds with a line equal to TEXT in its output.
has_line() { local text=$1 out; shift; out=$("$@" 2>&1) && grep -qxF -- "$text" <<<"$out"; }
# lacks_line TEXT COMMAND... - COMMAND succeeds without a line equal to TEXT in its output.
lacks_line() { local text=$1 out; shift; out=$("$@" 2>&1) && ! grep -qxF -- "$text" <<<"$out"; }
# has_text TEXT COMMAND... - COMMAND succeeds with TEXT in its output.
has_text() { local text=$1 out; shift; out=$("$@" 2>&1) && grep -qF -- "$text" <<<"$out"; }
# conf_links SAPI - the links to asa2.ini in the configuration folder of SAPI (cli, fpm).
conf_links() { find "/etc/php/$php/$1/conf.d" -name '*asa2.ini'; }
# enabled_for SAPI, disabled_for SAPI - whether phpenmod enabled the extension for SAPI.
enabled_for() { phpquery -v "$php" -s "$1" -m asa2 && [ -n "$(conf_links "$1")" ]; }
disabled_for() { [ -d "/etc/php/$php/$1/conf.d" ] && [ -z "$(conf_links "$1")" ]; }
# apt_refuses DEB PHPAPI - apt will not install DEB, naming the PHP API it lacks.
apt_refuses() { ! apt-get install -s "$1" >"$ASA2_WORK/apt-refusal.txt" 2>&1 && grep -qF "$2" "$ASA2_WORK/apt-refusal.txt"; }
# phpinfo_text - the web server's phpinfo() as text; fails when the web server does not answer.
phpinfo_text() {
  local html
  html=$(curl -fsS --max-time 20 "$STACK_WP_URL/$(basename "$phpinfo")") && sed -e 's/<[^>]*>/ /g' -e 's/[[:space:]]\+/ /g' <<<"$html"
}
# phpinfo_has TEXT, phpinfo_lacks TEXT - the web server answers, its phpinfo() with or without TEXT.
phpinfo_has() { local text; text=$(phpinfo_text) && grep -qF -- "$1" <<<"$text"; }
phpinfo_lacks() { local text; text=$(phpinfo_text) && ! grep -qF -- "$1" <<<"$text"; }
# summary WHAT - the closing line of the checks; fails when one failed.
summary() {
  printf '%s: %d checks passed, %d failed\n' "$1" "$passed" "$failed"
  [ "$failed" -eq 0 ]
}

# zip_entries - the entries of the plugin zip.
zip_entries() { unzip -Z1 "$zip"; }
# zip_has_only_the_plugin - every entry inside asa2-creators/, none a test, dot or development file.
zip_has_only_the_plugin() {
  local entries
  entries=$(zip_entries) && [ -n "$entries" ] &&
    ! grep -vE '^asa2-creators/' <<<"$entries" &&
    ! grep -E '(^|/)(\.[^/]*|tests?|node_modules|vendor|phpunit[^/]*|composer\.(json|lock)|package(-lock)?\.json)(/|$)' <<<"$entries"
}
# plugin_versions CMD... - the versions a plugin states (header, Plugin::VERSION), its files read
# with CMD FILE (e.g. cat, or unzip -p ZIP).
plugin_versions() {
  "$@" asa2-creators/asa2-creators.php | sed -nE 's/^ \* Version: +([^ ]+) *$/header \1/p'
  "$@" asa2-creators/includes/Plugin.php | sed -nE "s/^\tpublic const VERSION = '([^']+)';/class \1/p"
}
zip_plugin_versions() { plugin_versions unzip -p "$zip"; }
# repo_plugin_agrees - the repository's plugin states the workspace version in both places.
repo_plugin_agrees() {
  [ "$(cd "$ASA2_ROOT/wordpress-plugin" && plugin_versions cat | sort)" = "$(printf 'class %s\nheader %s' "$version" "$version")" ]
}
# sums_cover_dist - SHA256SUMS lists exactly the three files of dist/, with their right sums.
sums_cover_dist() {
  local want="asa2-creators-$version.zip php8.2-asa2_${version}_amd64.deb php8.4-asa2_${version}_amd64.deb"
  [ "$(cd dist && awk '{ print $2 }' SHA256SUMS | sort | xargs)" = "$want" ] && (cd dist && sha256sum -c SHA256SUMS)
}

# On the host: make the files and check them, then go into the throwaway copy of the stack.
if [ -z "${ASA2_CLEAN_ROOT:-}" ]; then
  [ -z "${ASA2_IN_ROOT:-}" ] || die "this suite enters the stack's throwaway copy itself: run it from the host (ASA2_STACKS=$ASA2_IN_ROOT scripts/test.sh 70-dist)"
  [ -d "$ASA2_ROOT/tests/node_modules/playwright-core" ] || die "tests/node_modules is missing: run 'scripts/install.sh node'"
  "$ASA2_ROOT/scripts/dist.sh"
  build_host_parts
  check_log="$ASA2_LOGS/dist-files.log"
  : >"$check_log"
  check "SHA256SUMS lists the three files of dist/ with their sums" sums_cover_dist
  check "the zip holds one folder, asa2-creators/, and no test or development file" zip_has_only_the_plugin
  check "the zip has the wasm build" has_line asa2-creators/assets/wasm/asa2_wasm_bg.wasm zip_entries
  check "the zip's plugin header says version $version" has_line "header $version" zip_plugin_versions
  check "the zip's Plugin::VERSION is $version" has_line "class $version" zip_plugin_versions
  # The zip gets the workspace version written in; the repository's copy (make demo) must agree.
  check "the repository's plugin states the workspace version $version (header and Plugin::VERSION)" \
    repo_plugin_agrees
  status=0
  summary "$(basename "$zip")" || status=1
  root_run --clean "${ASA2_STACK:-host}" bash scripts/suites/70-dist.sh "$@" || status=1
  exit "$status"
fi

php=$(stack_php_version)
package="php$php-asa2"
deb="$ASA2_ROOT/dist/${package}_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] && [ -f "$zip" ] || die "$deb or $zip is missing: run 'make dist'"
check_log="$ASA2_LOGS/dist-install.log"
: >"$check_log"
export DEBIAN_FRONTEND=noninteractive

ext_dir=$(php -r 'echo ini_get("extension_dir");')
ini="/etc/php/$php/mods-available/asa2.ini"

say "$(basename "$deb") on $(. /etc/os-release && echo "$PRETTY_NAME"), PHP $(php -r 'echo PHP_VERSION;')"

# 1. apt refuses a package built for another PHP.
for other in "$ASA2_ROOT"/dist/php*-asa2_"${version}"_*.deb; do
  [ "$other" = "$deb" ] && continue
  other_api=$(dpkg-deb -f "$other" Depends | grep -oE 'phpapi-[0-9]+')
  check "apt refuses $(basename "$other") here (it needs $other_api)" apt_refuses "$other" "$other_api"
done
check "the package needs the PHP API this PHP has" \
  has_text "phpapi-$(php -i | sed -n 's/^PHP API => //p')" dpkg-deb -f "$deb" Depends

# 2. Install the previous release, then upgrade to this one.
previous="$ASA2_WORK/dist-previous/${package}_${version}~previous_$(dpkg --print-architecture).deb"
rm -rf "$ASA2_WORK/dist-previous" && mkdir -p "$ASA2_WORK/dist-previous/tree"
dpkg-deb -R "$deb" "$ASA2_WORK/dist-previous/tree"
sed -i "s/^Version: .*/Version: ${version}~previous/" "$ASA2_WORK/dist-previous/tree/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip -b "$ASA2_WORK/dist-previous/tree" "$previous" >/dev/null
check "apt-get install ./$(basename "$previous") (the previous release)" apt_get install "$previous"
check "apt-get install ./$(basename "$deb") upgrades it" apt_get install "$deb"
check "the package is installed in version $version" \
  has_line "install ok installed $version" dpkg-query -W -f='${Status} ${Version}\n' "$package"
check "asa2.so is in PHP's extension directory $ext_dir" test -f "$ext_dir/asa2.so"
check "$ini loads it, with Debian's priority line" bash -c 'grep -qx "; priority=20" "$1" && grep -qx "extension=asa2.so" "$1"' - "$ini"
check "it is enabled for the command line" enabled_for cli
check "it is enabled for PHP-FPM" enabled_for fpm
check "php -m lists asa2" has_line asa2 php -m
check "php --ri asa2 shows the version $version" has_text "extension version => $version" php --ri asa2

# 3. The stack as the site runs it: PHP-FPM (re)started, the extension from the system.
trap 'rm -f "${phpinfo:-}"; stack_stop_test' EXIT
ASA2_STACK_FROM_DIST=1 stack_start test
phpinfo="$STACK_WP_DIR/asa2-phpinfo-$(random_secret 12).php"
printf '<?php phpinfo( INFO_MODULES );\n' >"$phpinfo"
check "the web server's phpinfo lists asa2" phpinfo_has 'asa2 support'
check "the web server's phpinfo shows its version $version" phpinfo_has "extension version $version"

# 4. The plugin uploaded in wp-admin, 5. the WordPress suite against it.
artifacts="$ASA2_ROOT/tests/e2e/artifacts/$(. /etc/os-release && echo "$VERSION_CODENAME")"
post_file="$STACK_DIR/dist-post.json"
rm -f "$post_file"
node_env=(ASA2_E2E_ARTIFACTS="$artifacts" ASA2_DIST_ZIP="$zip" ASA2_DIST_VERSION="$version" ASA2_DIST_POST="$post_file"
  ASA2_DIST_PHP="$(php -r 'echo PHP_VERSION;')")
status=0
env "${node_env[@]}" node --test --test-concurrency=1 tests/dist/upload.test.mjs || status=1
if [ $status -eq 0 ]; then
  say "the WordPress suite against the uploaded plugin and the packaged extension"
  # Every class but those that drive the plugin's own fault handling at length, which do not depend
  # on how the extension was installed and run in 40-wordpress on every stack (SecretsAuditTest
  # expects the large POSTs of BadInputTest in the web server's log).
  left_out='RobustnessFaultsTest|ProductsResilienceTest|BadInputTest|ProductsTokenConcurrencyTest|SecretsAuditTest'
  stack_phpunit tests/php/wp --filter "/^(?!.*\\\\($left_out)::)/" || status=1
fi
# A post with product boxes for the removal test, published while the plugin runs (not before the
# WordPress suite: its pages would show the boxes and load their product).
php tests/dist/support/post.php "$STACK_JSON" publish >"$post_file" || status=1

# 6. Remove the package.
check "apt-get remove $package" apt_get remove "$package"
check "php -m no longer lists asa2" lacks_line asa2 php -m
check "it is disabled for the command line" disabled_for cli
check "it is disabled for PHP-FPM" disabled_for fpm
check "asa2.so is gone" test ! -e "$ext_dir/asa2.so"
check "asa2.ini stays until purge (a configuration file)" test -f "$ini"
stack_start_wordpress
check "after a PHP-FPM restart the web server's phpinfo has no asa2" phpinfo_lacks 'asa2 support'
rm -f "$phpinfo"
if [ -s "$post_file" ]; then
  env "${node_env[@]}" node --test --test-concurrency=1 tests/dist/removed.test.mjs || status=1
fi
check "apt-get purge $package" apt_get purge "$package"
check "purge removes asa2.ini and every link to it" \
  bash -c 'test ! -e "$1" && [ -z "$(find /etc/php -name "*asa2.ini" 2>/dev/null)" ]' - "$ini"

stack_check_logs || status=1
summary "$(basename "$deb")" || status=1
exit "$status"
