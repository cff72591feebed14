#!/usr/bin/env bash
# Translations: languages/asa2-creators.pot is what scripts/i18n.sh writes from the plugin's
# current strings (regenerated into a temporary folder and compared), every .po has a
# translation for each msgid and none fuzzy, and the .mo and script JSON files match their .po.
# Fix a failure with `make pot`, translate what it lists, and commit languages/.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
ASA2_TAG=i18n

"$ASA2_ROOT/scripts/i18n.sh" --check
