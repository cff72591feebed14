#!/usr/bin/env bash
# PHP extension: builds it (release, as `make ext`, against the PHP that runs here) and runs the
# PHPUnit suite tests/php/ext with the extension loaded and assertions on.
# Runs on every stack.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$ASA2_ROOT/scripts/lib/build.sh"
ASA2_TAG=php-ext
cd "$ASA2_ROOT"

build_extension

command -v phpunit >/dev/null || die "phpunit is not installed: run 'scripts/install.sh php'"

# -n: no php.ini, so a system-wide extension=asa2.so cannot shadow the one just built.
# The extensions PHPUnit itself needs are loaded explicitly when they are shared modules.
ini=(-n -d "extension=$ASA2_EXT_SO" -d zend.assertions=1 -d assert.exception=1 -d memory_limit=512M -d error_reporting=-1 -d display_errors=stderr)
extdir=$(php -r 'echo ini_get("extension_dir");')
for ext in ctype dom iconv mbstring xml xmlwriter tokenizer simplexml; do
  if ! php -n -m | grep -qix "$ext" && [ -f "$extdir/$ext.so" ]; then
    ini+=(-d "extension=$ext")
  fi
done

php "${ini[@]}" "$(command -v phpunit)" -c "$(phpunit_config tests/php/ext)" "$@"
