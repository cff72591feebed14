# The plugin as WordPress takes an upload (Plugins -> Add New Plugin -> Upload Plugin):
# asa2-creators-<version>.zip holding one folder, asa2-creators/, with the plugin's files from git,
# the wasm build of its forms and the release version in its header. Sourced, never run. Needs
# common.sh, build.sh and version.sh.

ASA2_PLUGIN_SOURCE="$ASA2_ROOT/wordpress-plugin/asa2-creators"
ASA2_PLUGIN_ZIP_LIB=$(realpath "${BASH_SOURCE[0]}")

# plugin_zip_files - the files that go into the zip, relative to the plugin folder: what git
# tracks there (the plugin has no tests or development files of its own) plus the wasm build.
plugin_zip_files() {
  (
    cd "$ASA2_PLUGIN_SOURCE" &&
      git ls-files --cached --exclude-standard . &&
      printf '%s\n' assets/wasm/asa2_wasm.js assets/wasm/asa2_wasm_bg.wasm
  ) | LC_ALL=C sort -u
}

# plugin_zip_build VERSION OUTDIR - writes OUTDIR/asa2-creators-VERSION.zip unless the zip there
# was made from the same files (the stamp in .work/dist/). Prints the path.
plugin_zip_build() {
  local version=$1 outdir=$2
  local file="$outdir/asa2-creators-$version.zip" stamp="$ASA2_WORK/dist/asa2-creators.inputs"
  local files inputs
  mapfile -t files < <(plugin_zip_files)
  local f
  for f in "${files[@]}"; do
    [ -f "$ASA2_PLUGIN_SOURCE/$f" ] || die "the plugin file $ASA2_PLUGIN_SOURCE/$f is missing (the wasm build: scripts/build-wasm.sh)"
  done
  inputs=$( (printf '%s\n' "$version" && cd "$ASA2_PLUGIN_SOURCE" && sha256sum "${files[@]}" && sha256sum "$ASA2_PLUGIN_ZIP_LIB") | sha256sum | cut -c1-64)
  mkdir -p "$ASA2_WORK/dist" "$outdir"
  if [ -f "$file" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
    printf '%s\n' "$file"
    return 0
  fi

  local stage="$ASA2_WORK/dist/plugin-zip"
  rm -rf "$stage"
  mkdir -p "$stage/asa2-creators"
  (cd "$ASA2_PLUGIN_SOURCE" && cp --parents "${files[@]}" "$stage/asa2-creators/")
  plugin_set_version "$stage/asa2-creators" "$version"
  # Reproducible: sorted entries, no extra attributes, every file dated as the last commit.
  local epoch
  epoch=$(git -C "$ASA2_ROOT" log -1 --format=%ct 2>/dev/null || date +%s)
  find "$stage" -exec touch -d "@$epoch" {} +
  rm -f "$file"
  (cd "$stage" && find asa2-creators | LC_ALL=C sort | TZ=UTC zip -X -q -9 "$file" -@) || die "zip could not write $file"
  rm -rf "$stage"
  printf '%s\n' "$inputs" >"$stamp"
  printf '%s\n' "$file"
}
