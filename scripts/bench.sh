#!/usr/bin/env bash
# Runs the benchmarks and writes bench/results.md (`make bench`).
#
# Each benchmark is one function below (bench_<id>) that writes one JSON section into $run
# (format: bench/php/lib.php); bench/report.php turns the sections into the table printed
# here and bench/results.md. To add a benchmark: write bench/php/<id>.php (or any command
# that prints a section), add a bench_<id> function and list it in SECTIONS.
#
#   scripts/bench.sh                   every benchmark
#   scripts/bench.sh sigv4 normalize   only those (bench/results.md still rewritten)
#   BENCH_SCALE=2 scripts/bench.sh     longer PHP time slices (default 1: about 0.25 s each)
#
# Comparisons run side by side in one process (interleaved rounds, medians), because the
# machine may be busy: ratios and counts are the figures; absolute rates are informative.
set -euo pipefail
cd "$(dirname "$0")/.."

SECTIONS=(sigv4 normalize call_overhead wasm_size)

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

# 1. SigV4: criterion (asa2-core, aws-sigv4), then PHP (extension, userland).
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
