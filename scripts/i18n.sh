#!/usr/bin/env bash
# The plugin's translations, regenerated in one command with Debian's gettext tools:
#   languages/asa2-creators.pot      every string of the PHP and JavaScript files, the plugin
#                                    header and block.json (no dates, file-only locations, so it
#                                    changes only when a string does)
#   languages/asa2-creators-LL.po    merged with the .pot (msgmerge); the script then names every
#                                    msgid that still needs a translation or is fuzzy, and for
#                                    German every one in the wrong form of address: de_DE is
#                                    WordPress's informal German (du), de_DE_formal its formal
#                                    one (Sie), each a full catalogue of its own
#   languages/asa2-creators-LL.mo    compiled with msgfmt --check
#   languages/asa2-creators-LL-<md5 of the script's path>.json
#                                    the strings of each script in WordPress's Jed format, for
#                                    wp_set_script_translations
#
#   scripts/i18n.sh                  regenerate in languages/
#   scripts/i18n.sh --check          regenerate into a temporary folder and fail when a committed
#                                    file differs, or when a .po has an untranslated or fuzzy entry
#                                    or one in the wrong form of address
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ASA2_TAG=i18n

PLUGIN="$ASA2_ROOT/wordpress-plugin/asa2-creators"
LANGS="$PLUGIN/languages"
DOMAIN=asa2-creators
check=0
[ "${1:-}" = --check ] && check=1

for tool in xgettext msgmerge msgfmt msgcat msgattrib php; do
  command -v "$tool" >/dev/null || die "$tool is missing: run 'scripts/install.sh wordpress' (Debian's gettext and php-cli)"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/languages"
mkdir -p "$out"

cd "$PLUGIN"
# WordPress's translation functions, as WP-CLI's make-pot knows them.
php_keywords=(-k__ -k_e -kesc_html__ -kesc_html_e -kesc_attr__ -kesc_attr_e -k_x:1,2c -k_ex:1,2c
  -kesc_html_x:1,2c -kesc_attr_x:1,2c -k_n:1,2 -k_nx:1,2,4c -k_n_noop:1,2 -k_nx_noop:1,2,3c)
js_keywords=(-k__ -k_x:1,2c -k_n:1,2 -k_nx:1,2,4c)
common=(--from-code=UTF-8 --add-comments=translators: --add-location=file --no-wrap --sort-by-file
  --package-name=asa2-creators --msgid-bugs-address=none)

git -C "$ASA2_ROOT" ls-files --cached --others --exclude-standard -- 'wordpress-plugin/asa2-creators/*.php' |
  sed 's|^wordpress-plugin/asa2-creators/||' | LC_ALL=C sort >"$tmp/php-files"
git -C "$ASA2_ROOT" ls-files --cached --others --exclude-standard -- 'wordpress-plugin/asa2-creators/*.js' |
  sed 's|^wordpress-plugin/asa2-creators/||' | grep -v '^assets/wasm/' | LC_ALL=C sort >"$tmp/js-files"

xgettext "${common[@]}" -L PHP "${php_keywords[@]}" -f "$tmp/php-files" -o "$tmp/php.pot"
xgettext "${common[@]}" -L JavaScript "${js_keywords[@]}" -f "$tmp/js-files" -o "$tmp/js.pot"
php "$ASA2_ROOT/scripts/i18n/meta-pot.php" asa2-creators.php blocks/*/block.json >"$tmp/meta.pot"
# One entry per msgid with the references of every file that uses it (a string both PHP and a
# script use must reach the script's JSON too); msgcat marks differing comments by source file,
# which a template does not need.
msgcat --no-wrap --sort-by-file --add-location=file "$tmp/meta.pot" "$tmp/php.pot" "$tmp/js.pot" |
  sed '/^#\. #-#-#-#-#  .*  #-#-#-#-#$/d' >"$tmp/all.pot"
# The header without dates, so the file changes only when a string does.
{
  php "$ASA2_ROOT/scripts/i18n/header.php" pot
  msgattrib --no-wrap --sort-by-file --add-location=file "$tmp/all.pot" | sed '1,/^$/d'
} >"$out/$DOMAIN.pot"
if ! lost=$(php "$ASA2_ROOT/scripts/i18n/script-refs.php" "$tmp/js.pot" "$out/$DOMAIN.pot"); then
  say "the template lost script references (these strings would miss the scripts' translations):"
  sed 's/^/  /' <<<"$lost" >&2
  exit 1
fi

# The form of address of WordPress's German locales (scripts/i18n/address.php checks it).
address_form() {
  case $1 in
    de_DE) echo 'de_DE is informal: du, dein, "Gib ... ein"; the Sie form belongs in de_DE_formal' ;;
    de_DE_formal) echo 'de_DE_formal is formal: Sie, Ihr, "Geben Sie ... ein"; the du form belongs in de_DE' ;;
  esac
}

status=0
for po in "$LANGS"/"$DOMAIN"-*.po; do
  [ -e "$po" ] || continue
  locale=$(basename "$po" .po)
  locale=${locale#"$DOMAIN"-}
  msgmerge --quiet --no-wrap --add-location=file --sort-by-file --previous "$po" "$out/$DOMAIN.pot" -o "$tmp/merged.po"
  {
    php "$ASA2_ROOT/scripts/i18n/header.php" po "$locale"
    sed '1,/^$/d' "$tmp/merged.po"
  } | msgattrib --no-wrap --add-location=file --sort-by-file --no-obsolete -o "$out/$DOMAIN-$locale.po"
  msgfmt --check -o "$out/$DOMAIN-$locale.mo" "$out/$DOMAIN-$locale.po"
  while read -r js; do
    php "$ASA2_ROOT/scripts/i18n/script-json.php" "$out/$DOMAIN-$locale.po" "$js" "$locale" "$out"
  done <"$tmp/js-files"
  missing=$(msgattrib --untranslated --no-wrap --no-location --no-obsolete "$out/$DOMAIN-$locale.po" | grep '^msgid "' | tail -n +2 || true)
  fuzzy=$(msgattrib --only-fuzzy --no-wrap --no-location --no-obsolete "$out/$DOMAIN-$locale.po" | grep '^msgid "' | tail -n +2 || true)
  address=$(php "$ASA2_ROOT/scripts/i18n/address.php" "$out/$DOMAIN-$locale.po" "$locale")
  if [ -n "$address" ]; then
    status=1
    say "$locale: $(grep -c . <<<"$address") msgid(s) in languages/$DOMAIN-$locale.po address the reader in the other form ($(address_form "$locale")):"
    sed 's/^/  /' <<<"$address" >&2
  fi
  if [ -n "$missing$fuzzy" ]; then
    status=1
    if [ -n "$missing" ]; then
      say "$locale: $(grep -c . <<<"$missing") msgid(s) without a translation in languages/$DOMAIN-$locale.po:"
      sed 's/^/  /' <<<"$missing" >&2
    fi
    if [ -n "$fuzzy" ]; then
      say "$locale: $(grep -c . <<<"$fuzzy") fuzzy msgid(s) in languages/$DOMAIN-$locale.po (check the translation, then remove the fuzzy flag):"
      sed 's/^/  /' <<<"$fuzzy" >&2
    fi
  fi
done

if [ $check = 1 ]; then
  # The catalogues the plugin ships: WordPress's informal and formal German.
  for locale in de_DE de_DE_formal; do
    [ -e "$LANGS/$DOMAIN-$locale.po" ] || { say "languages/$DOMAIN-$locale.po is missing: the plugin ships German in both forms (copy the other catalogue, change its form of address)"; status=1; }
  done
  if ! diff -r -u "$LANGS" "$out" >"$tmp/diff"; then
    say "languages/ is stale: run scripts/i18n.sh (make pot) and commit the result"
    head -n 60 "$tmp/diff" >&2
    status=1
  fi
  [ $status = 0 ] && say "languages/ is up to date and every msgid is translated"
  exit $status
fi
mkdir -p "$LANGS"
rm -f "$LANGS"/*.json
cp "$out"/* "$LANGS"/
say "wrote $(grep -c '^msgid "' "$LANGS/$DOMAIN.pot") msgids to languages/$DOMAIN.pot"
[ $status = 0 ] || say "translate the msgids listed above in languages/*.po, then run this script again"
exit 0
