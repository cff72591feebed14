#!/usr/bin/env bash
# `make dist`: what a site owner installs, in dist/ -
#   php8.2-asa2_<version>_amd64.deb   the extension for PHP 8.2, built on this Debian 12
#   php8.4-asa2_<version>_amd64.deb   the extension for PHP 8.4, built in a Debian 13 (trixie)
#                                     root (scripts/roots/trixie.list) so it installs on trixie
#                                     and newer
#   asa2-creators-<version>.zip       the plugin for Plugins -> Add New Plugin -> Upload Plugin
#   SHA256SUMS                        the checksums of the three
# <version> is the workspace version in Cargo.toml. Each package is checked with lintian (of the
# release it is built on); a run with nothing changed rebuilds nothing.
#
#   scripts/dist.sh              everything
#   scripts/dist.sh --deb        inside a Debian root: the package for that root's PHP only
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/build.sh
source scripts/lib/version.sh
source scripts/lib/deb.sh
source scripts/lib/plugin-zip.sh
source scripts/lib/root.sh
ASA2_TAG=dist

ASA2_DIST="$ASA2_ROOT/dist"
version=$(workspace_version)

# dist_deb - the package for the PHP that runs here, built and checked.
dist_deb() {
  command -v php-config >/dev/null || die "php-config is missing: run 'scripts/install.sh php'"
  build_extension
  deb_build "$ASA2_EXT_SO" "$version" "$ASA2_DIST" >/dev/null
}

if [ "${1:-}" = --deb ]; then
  dist_deb
  exit 0
fi
[ -z "${ASA2_IN_ROOT:-}" ] || die "run 'make dist' on the host (it enters the trixie root itself)"

mkdir -p "$ASA2_DIST" "$ASA2_LOGS"
say "asa2-creators $version"
dist_deb
say "the PHP 8.4 package, in the Debian trixie root"
root_run trixie bash scripts/dist.sh --deb
build_wasm
zip=$(plugin_zip_build "$version" "$ASA2_DIST")
say "$(basename "$zip"): $(unzip -Z1 "$zip" | wc -l) entries"

# Only this version's files stay, with their checksums.
files=("php8.2-asa2_${version}_amd64.deb" "php8.4-asa2_${version}_amd64.deb" "asa2-creators-$version.zip")
for f in "$ASA2_DIST"/*; do
  name=$(basename "$f")
  printf '%s\n' "${files[@]}" SHA256SUMS | grep -qxF "$name" || rm -f "$f"
done
(cd "$ASA2_DIST" && sha256sum "${files[@]}" >SHA256SUMS.new && mv SHA256SUMS.new SHA256SUMS)
say "dist/:"
(cd "$ASA2_DIST" && ls -l "${files[@]}" SHA256SUMS | awk '{ printf "  %8s  %s\n", $5, $9 }') >&2
