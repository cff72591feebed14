#!/usr/bin/env bash
# `make demo`: builds the PHP extension and the sandbox in release, starts MariaDB, the local
# Amazon sandbox (127.0.0.1:8765) and WordPress with the plugin active (127.0.0.1:8080), then
# prints where to log in. Services keep running in the background until `make stop`; running it
# again restarts them and keeps the demo's database, users and passwords.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ASA2_ROOT/scripts/lib/mariadb.sh"
source "$ASA2_ROOT/scripts/lib/build.sh"
source "$ASA2_ROOT/scripts/lib/stack.sh"
ASA2_TAG=demo

stack_start demo

printf '\n'
printf 'asa2-creators demo is running.\n\n'
printf '  Setup page   %s/wp-admin/admin.php?page=asa2-setup\n' "$STACK_WP_URL"
printf '  Log in as    admin / %s\n' "$(stack_password admin)"
printf '  Other roles  editor, author, subscriber (passwords in %s/password-<login>)\n' "${STACK_DIR#"$ASA2_ROOT"/}"
printf '  Plugin       active (wordpress-plugin/%s, linked)\n' "$ASA2_PLUGIN_SLUG"
printf '  Extension    loaded (%s)\n' "${ASA2_EXT_SO#"$ASA2_ROOT"/}"
printf '  Sandbox      %s (stands in for Amazon; WordPress sends its calls there)\n' "$STACK_SANDBOX_URL"
config=$(sandbox_config_file)
printf '  Credentials  the sandbox accepts the demo credentials in %s:\n' "${config#"$ASA2_ROOT"/}"
sandbox_print_credentials "$config" | sed 's/^/                 /'
printf '  Logs         %s/ (%s.log, %s.log, %s)\n' "${ASA2_LOGS#"$ASA2_ROOT"/}" \
  "$(basename "$STACK_WP_LOG" .log)" "$(basename "$STACK_SANDBOX_LOG" .log)" "$(basename "$STACK_DEBUG_LOG")"
printf '\n  Stop with    make stop\n'
