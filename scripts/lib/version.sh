# The release version: the workspace version in Cargo.toml ([workspace.package] version), the one
# place it is set. The extension reports it (php --ri asa2), the packages and the plugin zip are
# named after it, and the plugin carries it in its header and Plugin::VERSION. Sourced, never run.
# Needs common.sh.

# workspace_version - prints the workspace version, e.g. 0.1.0.
workspace_version() {
  local version
  version=$(awk '
    /^\[/ { section = $0; next }
    section == "[workspace.package]" && /^version *=/ { gsub(/^version *= *"|".*$/, ""); print; exit }
  ' "$ASA2_ROOT/Cargo.toml")
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.~+-][0-9A-Za-z.~+-]*)?$ ]] ||
    die "Cargo.toml has no usable [workspace.package] version (found '$version')"
  printf '%s' "$version"
}

# plugin_version DIR - prints the version the plugin in DIR states in its header.
plugin_version() { sed -nE 's/^ \* Version: +([^ ]+) *$/\1/p' "$1/asa2-creators.php" | head -1; }

# plugin_set_version DIR VERSION - writes VERSION into the plugin's header and Plugin::VERSION.
plugin_set_version() {
  sed -i -E "s/^( \* Version: +)[^ ]+ *\$/\1$2/" "$1/asa2-creators.php"
  sed -i -E "s/^(\tpublic const VERSION = ')[^']*(';)\$/\1$2\2/" "$1/includes/Plugin.php"
  [ "$(plugin_version "$1")" = "$2" ] && grep -qF "public const VERSION = '$2';" "$1/includes/Plugin.php" ||
    die "could not write the version $2 into the plugin in $1 (asa2-creators.php header, includes/Plugin.php)"
}
