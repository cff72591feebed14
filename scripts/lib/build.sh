# The release builds the stacks run: the PHP extension (target/release/libasa2.so), the local
# Amazon sandbox (target/release/asa2-sandbox) and the wasm build the plugin's forms load.
# Sourced, never run. Needs common.sh.

# Inside a Debian root (scripts/lib/root.sh) the extension is built against that root's PHP into
# target/<root>-php<version>/ (e.g. target/forky-php8.4/); the sandbox and the wasm package are the
# host's (built before entering).
if [ -n "${ASA2_IN_ROOT:-}" ]; then
  ASA2_EXT_TARGET="$ASA2_ROOT/target/$ASA2_IN_ROOT-php$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;' 2>/dev/null)"
else
  ASA2_EXT_TARGET="$ASA2_ROOT/target"
fi
ASA2_EXT_SO="$ASA2_EXT_TARGET/release/libasa2.so"
ASA2_SANDBOX_BIN="$ASA2_ROOT/target/release/asa2-sandbox"

# PHP arguments that load the extension; set by build_extension.
PHP_EXT_ARGS=()

# build_extension - builds the PHP extension for the PHP that runs here (output in
# .work/logs/build.log), checks that PHP loads it and sets PHP_EXT_ARGS.
build_extension() {
  say "building the PHP extension for PHP $(php -r 'echo PHP_VERSION;') (release)"
  build_cargo --release -p asa2-php
  [ -f "$ASA2_EXT_SO" ] || die "the build did not produce $ASA2_EXT_SO"
  local out
  out=$(php -d extension="$ASA2_EXT_SO" -r 'echo extension_loaded("asa2") ? "ok" : "absent";' 2>&1)
  [ "$out" = ok ] || die "PHP does not load $ASA2_EXT_SO: $out"
  PHP_EXT_ARGS=(-d "extension=$ASA2_EXT_SO")
}

# build_host_parts - what every stack uses from the host: the sandbox (release) and the wasm
# package of the plugin's forms.
build_host_parts() {
  say "building the sandbox (release)"
  build_cargo --release -p asa2-sandbox
  [ -x "$ASA2_SANDBOX_BIN" ] || die "the build did not produce $ASA2_SANDBOX_BIN"
  build_wasm
}

# build_cargo ARGS... - cargo build ARGS into the extension's target directory, output appended to
# .work/logs/build.log; on failure prints the errors and exits.
build_cargo() {
  mkdir -p "$ASA2_LOGS"
  if ! (cd "$ASA2_ROOT" && CARGO_TARGET_DIR="$ASA2_EXT_TARGET" cargo build "$@") >>"$ASA2_LOGS/build.log" 2>&1; then
    grep -E -A12 '^error' "$ASA2_LOGS/build.log" | head -60 >&2
    die "cargo build $* failed (full output: $ASA2_LOGS/build.log)"
  fi
}

# build_release - everything a stack runs: on the host the extension, the sandbox and the wasm
# package; inside a Debian root the extension only (the host's sandbox and wasm package must exist).
build_release() {
  : >"$ASA2_LOGS/build.log" 2>/dev/null || true
  if [ -n "${ASA2_IN_ROOT:-}" ]; then
    [ -x "$ASA2_SANDBOX_BIN" ] || die "$ASA2_SANDBOX_BIN is missing: build it on the host first (cargo build --release -p asa2-sandbox)"
  else
    build_host_parts
  fi
  build_extension
}

# build_wasm - builds the wasm package the plugin's forms load (scripts/build-wasm.sh, output in
# .work/logs/build-wasm.log) when its copy in the plugin is missing or older than the sources.
build_wasm() {
  local assets newer
  assets="$ASA2_ROOT/wordpress-plugin/asa2-creators/assets/wasm"
  if [ -f "$assets/asa2_wasm.js" ] && [ -f "$assets/asa2_wasm_bg.wasm" ]; then
    newer=$(cd "$ASA2_ROOT" && find crates/core crates/wasm/src crates/wasm/Cargo.toml Cargo.lock scripts/build-wasm.sh \
      -type f -newer "$assets/asa2_wasm_bg.wasm" -print -quit 2>/dev/null)
    [ -z "$newer" ] && return 0
  fi
  say "building the wasm package for the plugin's forms"
  mkdir -p "$ASA2_LOGS"
  if ! "$ASA2_ROOT/scripts/build-wasm.sh" >"$ASA2_LOGS/build-wasm.log" 2>&1; then
    tail -30 "$ASA2_LOGS/build-wasm.log" >&2
    die "the wasm build failed (full output: $ASA2_LOGS/build-wasm.log)"
  fi
}

# sandbox_config_file - prints the sandbox's demo configuration file (demo.toml or demo.json).
sandbox_config_file() {
  local f
  for f in "$ASA2_ROOT"/crates/sandbox/demo.toml "$ASA2_ROOT"/crates/sandbox/demo.json; do
    [ -f "$f" ] && { printf '%s' "$f"; return 0; }
  done
  return 1
}

# sandbox_print_credentials CONFIG - prints the credentials the sandbox accepts (read from its JSON
# configuration), as they are typed into ASA2 -> Setup.
sandbox_print_credentials() {
  php -r '
    $config = json_decode((string) file_get_contents($argv[1]), true);
    if (!is_array($config)) { fwrite(STDERR, "cannot read $argv[1]\n"); exit(1); }
    foreach ($config["credentials"] ?? [] as $c) {
        $type = str_starts_with((string) $c["version"], "3.") ? "LWA (v3)" : "Cognito (v2)";
        printf("# %s\n  Marketplace %s, Credential Type %s\n  Credential ID      %s\n  Credential Secret  %s\n  Partner Tag        %s\n",
            $c["label"], implode(", ", $c["marketplaces"]), $type, $c["id"], $c["secret"], implode(", ", $c["partner_tags"]));
    }
    foreach ($config["paapi_keys"] ?? [] as $k) {
        printf("# %s (Amazon PA API tab)\n  Marketplaces %s\n  Access Key         %s\n  Secret Key         %s\n  Partner Tags       %s\n",
            $k["label"], implode(", ", $k["marketplaces"]), $k["access_key"], $k["secret_key"], implode(", ", $k["partner_tags"]));
    }' "$1"
}
