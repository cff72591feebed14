#!/usr/bin/env bash
# Runs the benchmarks and writes bench/results.md (`make bench`).
#
# Each benchmark is one function below (bench_<id>) that writes one JSON section into $run
# (format: bench/php/lib.php); bench/report.php turns the sections into the table printed
# here and bench/results.md. To add a benchmark: write bench/php/<id>.php (or any command
# that prints a section), add a bench_<id> function and list it in SECTIONS.
#
#   scripts/bench.sh                   every benchmark
#   scripts/bench.sh sigv4 normalize   only those; bench/results.md keeps the other sections
#                                      from the run that measured them (bench/report.php)
#   BENCH_SCALE=2 scripts/bench.sh     longer PHP time slices (default 1: about 0.25 s each)
#
# Comparisons run side by side in one process (interleaved rounds, medians), because the
# machine may be busy: ratios and counts are the figures; absolute rates are informative.
set -euo pipefail
cd "$(dirname "$0")/.."

SECTIONS=(sigv4 normalize call_overhead render_boxes refresh_products wasm_size products_100k nodes)

run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
say() { printf '[bench] %s\n' "$*" >&2; }

# --- the PHP extension -----------------------------------------------------------------
ext_so=$PWD/target/release/libasa2.so
php_ext=()
ASA2_BENCH_EXT_STATUS=""
build_extension() {
  say "building the PHP extension (cargo build --release -p asa2-php)"
  if ! cargo build -q --release -p asa2-php 2>"$run/ext-build.log"; then
    ASA2_BENCH_EXT_STATUS="the asa2 extension does not build (cargo build --release -p asa2-php failed)"
    tail -5 "$run/ext-build.log" >&2
  elif ! php -d "extension=$ext_so" -r 'exit(extension_loaded("asa2") ? 0 : 1);' 2>"$run/ext-load.log"; then
    ASA2_BENCH_EXT_STATUS="target/release/libasa2.so does not load: $(head -1 "$run/ext-load.log")"
  else
    php_ext=(-d "extension=$ext_so")
  fi
  [ -z "$ASA2_BENCH_EXT_STATUS" ] || say "$ASA2_BENCH_EXT_STATUS"
  export ASA2_BENCH_EXT_STATUS
}

# Runs bench/php/<script>.php with the extension (when it loads) into section <n>.
php_section() {
  local n=$1 script=$2
  php "${php_ext[@]}" -d zend.assertions=-1 "bench/php/$script.php" >"$run/$n-$script.json"
}

# --- the benchmarks --------------------------------------------------------------------

# 1. SigV4: criterion (asa2-core, aws-sigv4, sha2 per block), then PHP (extension, userland,
# hash() per block) and the ceiling of the ratio.
bench_sigv4() {
  say "1. SigV4: cargo bench -p asa2-core --bench sigv4"
  export CRITERION_DIR=$run/criterion
  if ! CRITERION_HOME=$CRITERION_DIR cargo bench -q -p asa2-core --bench sigv4 -- \
    --warm-up-time 1 --measurement-time 3 --noplot >"$run/criterion.log" 2>&1; then
    say "cargo bench failed; the Rust rows are left out:"
    tail -15 "$run/criterion.log" >&2
  fi
  say "1. SigV4: PHP"
  php_section 01 sigv4
}

# 2. Normalizing a 10-item GetItems answer: criterion (the core's steps), then PHP.
bench_normalize() {
  say "2. normalize: cargo bench -p asa2-core --bench normalize"
  export CRITERION_DIR=$run/criterion
  if ! CRITERION_HOME=$CRITERION_DIR cargo bench -q -p asa2-core --bench normalize -- \
    --warm-up-time 1 --measurement-time 3 --noplot >"$run/criterion-normalize.log" 2>&1; then
    say "cargo bench failed; the Rust rows are left out:"
    tail -15 "$run/criterion-normalize.log" >&2
  fi
  say "2. normalize: PHP"
  php_section 02 normalize
}

# 3. Extension call overhead.
bench_call_overhead() {
  say "3. call overhead: PHP"
  php_section 03 call_overhead
}

# Runs bench/php/<script>.php against a fresh test stack (scripts/lib/stack.sh `stack_start
# test`: its own WordPress, database and sandbox; the machine-wide test lock is held meanwhile)
# into section <n>. The sandbox runs at its defaults (ASA2_TEST_SANDBOX_ARGS is ignored here:
# 1 request/s per credential). When the stack does not start, the section says why.
test_stack_section() {
  local n=$1 script=$2 status
  local log=$run/$n-stack.log up=$run/$n-stack.up
  set +e
  (
    set -e
    source scripts/lib/common.sh
    source scripts/lib/mariadb.sh
    source scripts/lib/build.sh
    source scripts/lib/stack.sh
    ASA2_TAG=bench
    unset ASA2_TEST_SANDBOX_ARGS
    trap stack_stop_test EXIT
    stack_start test > >(tee -a "$log" >&2) 2>&1
    touch "$up"
    php "${PHP_EXT_ARGS[@]}" -d zend.assertions=-1 "bench/php/$script.php" "$STACK_JSON"
  ) >"$run/$n-$script.json"
  status=$?
  set -e
  if [ "$status" != 0 ] && [ ! -e "$up" ]; then
    say "the test stack did not start; section $script not measured"
    ASA2_BENCH_STACK_STATUS="the test stack did not start: $(grep -m1 'error:' "$log" | sed 's/^.*error: //' || true)" \
      php "${php_ext[@]}" "bench/php/$script.php" >"$run/$n-$script.json"
  elif [ "$status" != 0 ]; then
    rm -f "$run/$n-$script.json"
    say "bench/php/$script.php failed against the test stack"
    return "$status"
  fi
}

# 4. A page with 50 product boxes: the real plugin in the test stack's WordPress.
bench_render_boxes() {
  say "4. product boxes: test stack (start, 50 products stored, posts rendered)"
  test_stack_section 04 render_boxes
}

# 5. Refreshing 1,000 products across 3 marketplaces at the sandbox's 1 request/s per credential
# (about 100 s when the plugin refreshes the marketplaces one after the other).
bench_refresh_products() {
  say "5. refreshing 1,000 products: test stack (takes about 2 minutes)"
  test_stack_section 05 refresh_products
}

# 6. wasm size.
bench_wasm_size() {
  say "6. wasm size: scripts/build-wasm.sh"
  WASM_BUILD_STATUS=""
  if ! scripts/build-wasm.sh >"$run/wasm.log" 2>&1; then
    WASM_BUILD_STATUS="scripts/build-wasm.sh failed: $(grep -m1 -i error "$run/wasm.log" || tail -1 "$run/wasm.log")"
    say "$WASM_BUILD_STATUS"
  fi
  WASM_BUILD_STATUS=$WASM_BUILD_STATUS php_section 06 wasm_size
}

# 7. 100,000 products: the Products screen, the due-products query, a page of 50 boxes and peak
# memory, at a small table and at 100,000 generated products (about 3 minutes: two cron runs
# of 1,000 products at the sandbox's rate).
bench_products_100k() {
  say "7. 100,000 products: test stack (stores 70 products, loads 100,000 generated rows)"
  test_stack_section 07 products_100k
}

# 8. Several web servers: the 1,000-product refresh on two nodes against one node, and a page with
# 50 boxes with and without the object cache. The test stack with two web nodes, Redis and a cron
# runner per node firing every second (scripts/lib/nodes.sh); about 3 minutes.
bench_nodes() {
  say "8. several web servers: test stack with two nodes and Redis (takes about 3 minutes)"
  ASA2_NODES=2 ASA2_OBJECT_CACHE=redis ASA2_CRON_INTERVAL=1 ASA2_TEST_MU_PLUGINS=tests/php/nodes/mu-plugins \
    test_stack_section 08 nodes
}

# --- run -------------------------------------------------------------------------------
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=("${SECTIONS[@]}")
for id in "${wanted[@]}"; do
  declare -F "bench_$id" >/dev/null || { echo "unknown benchmark '$id' (known: ${SECTIONS[*]})" >&2; exit 2; }
done

command -v php >/dev/null || { echo "php is missing: run make install" >&2; exit 1; }
MACHINE_LOAD=$(cut -d' ' -f1-3 /proc/loadavg) \
MACHINE_NPROC=$(nproc) \
MACHINE_CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown CPU) \
MACHINE_PHP="PHP $(php -r 'echo PHP_VERSION;') ($(php -r 'echo PHP_ZTS ? "ZTS" : "NTS";'), opcache.enable_cli=$(php -r 'echo ini_get("opcache.enable_cli") ? "on" : "off";'))" \
MACHINE_RUSTC=$(rustc --version) \
MACHINE_DATE=$(date -u '+%Y-%m-%d %H:%M UTC') \
  php -r 'echo json_encode([
    "nproc" => getenv("MACHINE_NPROC"), "cpu" => getenv("MACHINE_CPU"), "load" => getenv("MACHINE_LOAD"),
    "php" => getenv("MACHINE_PHP"), "rustc" => getenv("MACHINE_RUSTC"), "date" => getenv("MACHINE_DATE"),
  ]);' >"$run/machine.json"

build_extension
for id in "${wanted[@]}"; do
  "bench_$id"
done
php bench/report.php "$run" bench/results.md
