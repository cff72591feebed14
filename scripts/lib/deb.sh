# The Debian package of the asa2 extension for the PHP that runs here: php<major.minor>-asa2, from
# the control tree in php-ext/debian/ (control, maintainer scripts, asa2.ini, copyright) with
# Debian's own tools - dpkg-shlibdeps for the C library it needs, dpkg-deb to build it, lintian to
# check it. Sourced, never run. Needs common.sh, build.sh and version.sh.
#
# The package installs asa2.so into this PHP's extension directory and
# /etc/php/<major.minor>/mods-available/asa2.ini, enables it for every SAPI (phpenmod, through
# Debian's php-maintscript-helper) and depends on phpapi-<PHP API>, which only the PHP it was built
# against provides: apt refuses it on any other PHP.

ASA2_DEB_TEMPLATES="$ASA2_ROOT/php-ext/debian"
ASA2_DEB_LIB=$(realpath "${BASH_SOURCE[0]}")

# deb_php_version - major.minor of the PHP that runs here, e.g. 8.4.
deb_php_version() { php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;'; }

# deb_file VERSION - the package file name for this PHP, e.g. php8.4-asa2_0.1.0_amd64.deb.
deb_file() { printf 'php%s-asa2_%s_%s.deb' "$(deb_php_version)" "$1" "$(dpkg --print-architecture)"; }

# deb_build SO VERSION OUTDIR - builds OUTDIR/$(deb_file VERSION) from the extension SO and checks
# it with lintian, unless the package there was built and checked from the same inputs (the stamp
# in .work/dist/). Prints the path.
deb_build() {
  local so=$1 version=$2 outdir=$3
  local php package file phpapi extdir arch stamp inputs
  php=$(deb_php_version)
  package="php$php-asa2"
  file="$outdir/$(deb_file "$version")"
  phpapi=$(php-config --phpapi 2>/dev/null) || die "php-config is missing: install php$php-dev"
  extdir=$(php-config --extension-dir)
  arch=$(dpkg --print-architecture)
  [ -f "$so" ] || die "the extension $so is missing: build it first"

  mkdir -p "$ASA2_WORK/dist" "$outdir"
  stamp="$ASA2_WORK/dist/$package.inputs"
  inputs=$( (printf '%s %s %s %s\n' "$version" "$phpapi" "$extdir" "$arch" && sha256sum "$so" "$ASA2_DEB_TEMPLATES"/* "$ASA2_DEB_LIB") | sha256sum | cut -c1-64)
  if [ -f "$file" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
    printf '%s\n' "$file"
    return 0
  fi

  local tree="$ASA2_WORK/dist/$package.tree"
  rm -rf "$tree"
  install -d "$tree/DEBIAN" "$tree$extdir" "$tree/etc/php/$php/mods-available" "$tree/usr/share/doc/$package"
  # As dh_strip does: no symbols, no .comment or .note sections.
  strip --remove-section=.comment --remove-section=.note --strip-unneeded -o "$tree$extdir/asa2.so" "$so"
  chmod 644 "$tree$extdir/asa2.so"
  deb_fill "$ASA2_DEB_TEMPLATES/asa2.ini" >"$tree/etc/php/$php/mods-available/asa2.ini"
  install -m 644 "$ASA2_DEB_TEMPLATES/copyright" "$tree/usr/share/doc/$package/copyright"
  install -D -m 644 "$ASA2_DEB_TEMPLATES/lintian-overrides" "$tree/usr/share/lintian/overrides/$package"
  deb_changelog | gzip -9n >"$tree/usr/share/doc/$package/changelog.gz"
  local script
  for script in postinst prerm postrm; do
    deb_fill "$ASA2_DEB_TEMPLATES/$script" >"$tree/DEBIAN/$script"
    chmod 755 "$tree/DEBIAN/$script"
  done
  printf '/etc/php/%s/mods-available/asa2.ini\n' "$php" >"$tree/DEBIAN/conffiles"

  local shlibs size
  shlibs=$(deb_shlibs "$tree$extdir/asa2.so")
  size=$(du -sk --apparent-size --exclude=DEBIAN "$tree" | cut -f1)
  DEB_SHLIBS=$shlibs DEB_INSTALLED_SIZE=$size deb_fill "$ASA2_DEB_TEMPLATES/control" >"$tree/DEBIAN/control"
  (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) >"$tree/DEBIAN/md5sums"

  # Reproducible: every file dated as the last commit.
  local epoch
  epoch=$(git -C "$ASA2_ROOT" log -1 --format=%ct 2>/dev/null || date +%s)
  find "$tree" -exec touch -h -d "@$epoch" {} +
  rm -f "$file"
  SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zxz --build "$tree" "$file" >/dev/null ||
    die "dpkg-deb could not build $file"
  rm -rf "$tree"
  say "$(basename "$file"): Depends: $(dpkg-deb -f "$file" Depends)"
  deb_lint "$file" >&2 || die "lintian found errors in $file"
  printf '%s\n' "$inputs" >"$stamp"
  printf '%s\n' "$file"
}

# deb_fill TEMPLATE - prints TEMPLATE with @PACKAGE@, @VERSION@, @PHP@, @PHPAPI@, @ARCH@ and, for the
# control file, @SHLIBS@ and @INSTALLED_SIZE@ (from DEB_SHLIBS, DEB_INSTALLED_SIZE) filled in.
deb_fill() {
  sed -e "s|@PACKAGE@|$package|g" -e "s|@VERSION@|$version|g" -e "s|@PHP@|$php|g" \
    -e "s|@PHPAPI@|$phpapi|g" -e "s|@ARCH@|$arch|g" \
    -e "s|@SHLIBS@|${DEB_SHLIBS:-}|g" -e "s|@INSTALLED_SIZE@|${DEB_INSTALLED_SIZE:-}|g" "$1"
}

# deb_shlibs SO - the Depends entries for the shared libraries SO links to (dpkg-shlibdeps: the C
# library in the oldest version that has every symbol SO uses).
deb_shlibs() {
  local dir out
  dir=$(mktemp -d)
  mkdir "$dir/debian"
  printf 'Source: asa2\n\nPackage: %s\nArchitecture: any\n' "$package" >"$dir/debian/control"
  out=$(cd "$dir" && dpkg-shlibdeps -O --warnings=0 "$1" 2>&1) || { rm -rf "$dir"; die "dpkg-shlibdeps failed: $out"; }
  rm -rf "$dir"
  out=$(printf '%s\n' "$out" | sed -n 's/^shlibs:Depends=//p')
  [ -n "$out" ] || die "dpkg-shlibdeps found no library $1 links to"
  printf '%s' "$out"
}

# deb_changelog - the package's Debian changelog: one entry for this version.
deb_changelog() {
  local date codename
  date=$(date -R -u -d "@$(git -C "$ASA2_ROOT" log -1 --format=%ct 2>/dev/null || date +%s)")
  codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-stable}")
  printf '%s (%s) %s; urgency=medium\n\n  * asa2-creators %s.\n  * Built for PHP %s (PHP API %s) on Debian %s.\n\n -- %s  %s\n' \
    "$package" "$version" "$codename" "$version" "$php" "$phpapi" "$codename" \
    "$(sed -n 's/^Maintainer: //p' "$ASA2_DEB_TEMPLATES/control")" "$date"
}

# deb_lint FILE - lintian's findings on the package (every tag, informational ones too); fails on
# any error. Runs as nobody, as lintian prefers.
deb_lint() {
  command -v lintian >/dev/null || die "lintian is missing: run 'scripts/install.sh dist'"
  setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
    lintian --fail-on error --info --pedantic --tag-display-limit 0 "$1"
}
