# The WordPress PHPUnit suite (tests/php/wp) against the running test stack. Sourced, never run.
# Needs common.sh, build.sh and stack.sh (a started test stack).

# wp_phpunit [PHPUNIT-ARGS...] - runs the suite with assertions on and the stack's extension
# arguments; fails when a test fails or when none ran.
wp_phpunit() {
  local junit="$STACK_DIR/phpunit-junit.xml" status=0 tests
  rm -f "$junit"
  (cd "$ASA2_ROOT" && php -d zend.assertions=1 "${PHP_EXT_ARGS[@]}" "$(command -v phpunit)" \
    -c "$(phpunit_config tests/php/wp)" --log-junit "$junit" "$@") || status=$?
  tests=$(sed -nE '0,/<testsuite /s/.*<testsuite [^>]*tests="([0-9]+)".*/\1/p' "$junit" 2>/dev/null | head -1)
  if [ "$status" -eq 0 ] && [ "${tests:-0}" -eq 0 ]; then
    say "no test ran"
    status=1
  fi
  return "$status"
}
