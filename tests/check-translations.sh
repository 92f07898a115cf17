#!/bin/sh
# Checks every catalogue in po/ with msgfmt --check, and its completeness: Dutch complete,
# every other language at 90% or more of all messages. Argument: the source root.
top=${1:?usage: check-translations.sh SOURCE_ROOT}
cd "$top/po" || exit 2
status=0
n=0
for lang in $(grep -v '^#' LINGUAS); do
  n=$((n + 2))
done
echo "1..$n"
i=0
for lang in $(grep -v '^#' LINGUAS); do
  i=$((i + 1))
  if stats=$(LC_ALL=C msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$lang.po" 2>&1); then
    echo "ok $i - msgfmt --check $lang.po"
  else
    echo "not ok $i - msgfmt --check $lang.po"
    echo "$stats" | sed 's/^/# /'
    status=1
  fi
  i=$((i + 1))
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$lang.po" 2>&1 | tail -n 1)
  translated=$(echo "$stats" | sed -n 's/^\([0-9]*\) translated.*/\1/p')
  fuzzy=$(echo "$stats" | sed -n 's/.* \([0-9]*\) fuzzy.*/\1/p')
  untranslated=$(echo "$stats" | sed -n 's/.* \([0-9]*\) untranslated.*/\1/p')
  total=$(( ${translated:-0} + ${fuzzy:-0} + ${untranslated:-0} ))
  percent=$(( total > 0 ? ${translated:-0} * 100 / total : 0 ))
  need=90
  [ "$lang" = nl ] && need=100
  if [ "$percent" -ge "$need" ]; then
    echo "ok $i - $lang is $percent% translated (needs $need%): $stats"
  else
    echo "not ok $i - $lang is $percent% translated (needs $need%): $stats"
    status=1
  fi
done
exit $status
