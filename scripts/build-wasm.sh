#!/usr/bin/env bash
# Builds asa2-wasm for the browser (ES module) and Node (CommonJS), optimizes it with wasm-opt
# when binaryen is installed, and copies the browser build into the plugin's assets/wasm/.
#   crates/wasm/pkg/web/   asa2_wasm.js + asa2_wasm_bg.wasm + .d.ts  (--target web)
#   crates/wasm/pkg/node/  the same for require()                   (--target nodejs)
set -euo pipefail
cd "$(dirname "$0")/.."

profile=wasm
cargo build -q -p asa2-wasm --target wasm32-unknown-unknown --profile "$profile"
raw=target/wasm32-unknown-unknown/$profile/asa2_wasm.wasm

for target in web nodejs; do
  out=crates/wasm/pkg/${target/nodejs/node}
  rm -rf "$out"
  wasm-bindgen --target "$target" --remove-name-section --remove-producers-section --out-dir "$out" "$raw"
done

# wasm-opt shrinks the module, but some binaryen releases (Debian 12's 108) rewrite the
# externref table wasm-bindgen relies on. Keep the optimized module only if it still loads.
if command -v wasm-opt >/dev/null; then
  opt=$(mktemp -d)
  cp -r crates/wasm/pkg/node crates/wasm/pkg/web "$opt/"
  for dir in node web; do
    wasm-opt -Oz --all-features "crates/wasm/pkg/$dir/asa2_wasm_bg.wasm" -o "$opt/$dir/asa2_wasm_bg.wasm"
  done
  if node -e "require('$opt/node/asa2_wasm.js').marketplaces()" 2>/dev/null; then
    for dir in node web; do cp "$opt/$dir/asa2_wasm_bg.wasm" "crates/wasm/pkg/$dir/"; done
  else
    echo "wasm: $(wasm-opt --version) produced a module that does not load; kept wasm-bindgen's output" >&2
  fi
  rm -rf "$opt"
fi

assets=wordpress-plugin/asa2-creators/assets/wasm
mkdir -p "$assets"
cp crates/wasm/pkg/web/asa2_wasm.js crates/wasm/pkg/web/asa2_wasm_bg.wasm "$assets/"
size=$(stat -c %s crates/wasm/pkg/web/asa2_wasm_bg.wasm)
gz=$(gzip -9 -c crates/wasm/pkg/web/asa2_wasm_bg.wasm | wc -c)
printf 'wasm: %s bytes raw, %s bytes gzipped -> crates/wasm/pkg/{web,node}, %s/\n' "$size" "$gz" "$assets"
