#!/bin/sh
# Fails when a source or UI file with translatable strings is missing from po/POTFILES,
# or when POTFILES lists a file that does not exist. Argument: the source root.
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top" || exit 2
status=0
echo "1..2"
missing=$( (find src resources po -name '*.c' -o -name '*.h' -o -name '*.ui'; ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml) |
  sort | while read -r f; do
  case "$f" in
    data/*) listed_needed=yes ;;   # desktop, metainfo and schema texts are always user-visible
    *) grep -qE '(^|[^A-Za-z0-9_])(N?_|C_|g_dngettext|ngettext)[[:space:]]*\(|translatable="yes"' "$f" &&
         listed_needed=yes || listed_needed=no ;;
  esac
  if [ "$listed_needed" = yes ] && ! grep -qxF "$f" po/POTFILES; then
    echo "$f"
  fi
done)
if [ -z "$missing" ]; then
  echo "ok 1 - every file with translatable strings is in po/POTFILES"
else
  echo "not ok 1 - files with translatable strings missing from po/POTFILES:"
  echo "$missing" | sed 's/^/# /'
  status=1
fi
absent=$(grep -v '^#' po/POTFILES | grep -v '^$' | while read -r f; do [ -f "$f" ] || echo "$f"; done)
if [ -z "$absent" ]; then
  echo "ok 2 - every file in po/POTFILES exists"
else
  echo "not ok 2 - po/POTFILES lists files that do not exist:"
  echo "$absent" | sed 's/^/# /'
  status=1
fi
exit $status
