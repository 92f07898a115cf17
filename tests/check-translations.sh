#!/bin/sh
# Complete stays complete: every catalogue in po/LINGUAS passes msgfmt --check (format
# directives, plural forms, one mnemonic where the English has one) and is 100% translated
# against the template extracted from the sources as they are now, so a change that adds a
# string without translating it in every language fails here. A fuzzy entry counts as
# untranslated. Argument: the source root.
top=${1:?usage: check-translations.sh SOURCE_ROOT}
cd "$top/po" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The template as `ninja charta-pot` makes it: meson's i18n.gettext() preset 'glib'.
if ! xgettext --package-name=charta -f POTFILES -D "$top" -k_ -o "$tmp/charta.pot" \
    --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
    --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
    --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
    > "$tmp/xgettext.log" 2>&1; then
  echo "1..1"
  echo "not ok 1 - xgettext could not extract the template"
  sed 's/^/# /' "$tmp/xgettext.log"
  exit 1
fi
total=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/charta.pot" 2>&1 | sed -n 's/.* \([0-9]*\) untranslated.*/\1/p')

status=0
n=0
for lang in $(grep -v '^#' LINGUAS); do
  n=$((n + 2))
done
echo "1..$n"
i=0
for lang in $(grep -v '^#' LINGUAS); do
  i=$((i + 1))
  if out=$(LC_ALL=C msgfmt --check --check-accelerators=_ -o /dev/null "$lang.po" 2>&1); then
    echo "ok $i - msgfmt --check --check-accelerators=_ $lang.po"
  else
    echo "not ok $i - msgfmt --check --check-accelerators=_ $lang.po"
    echo "$out" | sed 's/^/# /'
    status=1
  fi
  i=$((i + 1))
  # The catalogue merged with the template, as `ninja charta-update-po` would merge it.
  if ! msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$lang.po" "$tmp/charta.pot" 2> "$tmp/msgmerge.log"; then
    echo "not ok $i - msgmerge $lang.po charta.pot"
    sed 's/^/# /' "$tmp/msgmerge.log"
    status=1
    continue
  fi
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1 | tail -n 1)
  translated=$(echo "$stats" | sed -n 's/^\([0-9]*\) translated.*/\1/p')
  translated=${translated:-0}
  if [ "$translated" -eq "${total:-0}" ] && [ "$translated" -gt 0 ]; then
    echo "ok $i - $lang is complete: $translated of $total messages"
  else
    echo "not ok $i - $lang is not complete: $stats (of $total); run ninja charta-update-po and translate"
    LC_ALL=C msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"/# fuzzy: \1/p' | head -n 10
    LC_ALL=C msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"/# untranslated: \1/p' | head -n 10
    status=1
  fi
done
exit $status
