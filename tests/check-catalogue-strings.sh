#!/bin/sh
# po/catalogue-strings.c must be what tools/catalogue-strings.py makes of the catalogue now,
# or the translation template misses catalogue texts. Argument: the source root.
top=${1:?usage: check-catalogue-strings.sh SOURCE_ROOT}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
echo "1..1"
/usr/bin/env python3 "$top/tools/catalogue-strings.py" "$top" -o "$tmp"
if cmp -s "$tmp" "$top/po/catalogue-strings.c"; then
  echo "ok 1 - po/catalogue-strings.c is up to date with resources/catalogue"
else
  echo "not ok 1 - po/catalogue-strings.c is stale: run tools/catalogue-strings.py"
  diff "$top/po/catalogue-strings.c" "$tmp" | head -n 10 | sed 's/^/# /'
  exit 1
fi
