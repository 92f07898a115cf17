#!/bin/sh
# po/catalogue-strings.c must be what tools/catalogue-strings.py makes of the catalogue now,
# or the translation template misses catalogue texts; and po/nl.po must hold the catalogue's
# Dutch exactly as tools/catalogue-nl/ words it, so the Dutch is corrected there and nowhere
# else. Argument: the source root.
top=${1:?usage: check-catalogue-strings.sh SOURCE_ROOT}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
status=0
echo "1..2"
/usr/bin/env python3 "$top/tools/catalogue-strings.py" "$top" -o "$tmp"
if cmp -s "$tmp" "$top/po/catalogue-strings.c"; then
  echo "ok 1 - po/catalogue-strings.c is up to date with resources/catalogue"
else
  echo "not ok 1 - po/catalogue-strings.c is stale: run tools/catalogue-strings.py"
  diff "$top/po/catalogue-strings.c" "$tmp" | head -n 10 | sed 's/^/# /'
  status=1
fi
if out=$(/usr/bin/env python3 "$top/tools/catalogue-po.py" "$top" --check "$top/po/nl.po" 2>&1); then
  echo "ok 2 - po/nl.po has the Dutch of tools/catalogue-nl/ for every catalogue text"
else
  echo "not ok 2 - po/nl.po differs from tools/catalogue-nl/ (see docs/translating.md)"
  echo "$out" | head -n 20 | sed 's/^/# /'
  status=1
fi
exit $status
