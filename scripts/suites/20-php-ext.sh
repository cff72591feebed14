#!/usr/bin/env bash
# PHP extension: builds it (release, as `make ext`) and runs the PHPUnit suite tests/php/ext with
# the extension loaded and assertions on.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --release --quiet -p asa2-php
so="$PWD/target/release/libasa2.so"
[ -f "$so" ] || { echo "missing $so" >&2; exit 1; }

phpunit=${PHPUNIT:-$(command -v phpunit || true)}
[ -n "$phpunit" ] || { echo "phpunit is not installed (apt-get install phpunit)" >&2; exit 1; }

# -n: no php.ini, so a system-wide extension=asa2.so cannot shadow the one just built.
# The extensions PHPUnit itself needs are loaded explicitly when they are shared modules.
ini=(-n -d "extension=$so" -d zend.assertions=1 -d assert.exception=1 -d memory_limit=512M -d error_reporting=-1 -d display_errors=stderr)
extdir=$(php -r 'echo ini_get("extension_dir");')
for ext in ctype dom iconv mbstring xml xmlwriter tokenizer simplexml; do
  if ! php -n -m | grep -qix "$ext" && [ -f "$extdir/$ext.so" ]; then
    ini+=(-d "extension=$ext")
  fi
done

php "${ini[@]}" "$phpunit" -c tests/php/ext/phpunit.xml "$@"
