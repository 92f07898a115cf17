#!/bin/sh
# Screenshots of the real window in every language of po/LINGUAS, for a person to look at
# for truncated or overflowing labels. Each run is its own X server (Xvfb, the window's
# size) and its own session bus (Charta is one instance per bus), the settings in a key
# file that gives the window's size. Run from a built tree:
#   tools/shoot-languages.sh [BUILD_DIR [OUTDIR [WIDTHxHEIGHT [LANG…]]]]
# writes OUTDIR/LANG.png (the window only, as wide as GTK made it: a window whose content
# needs more than WIDTH is wider). Default: _build, docs/screenshots/lang, 1280x800.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/_build}" && pwd)
out=${2:-$top/docs/screenshots/lang}
size=${3:-1280x800}
shift $(( $# < 3 ? $# : 3 ))
langs=${*:-$(grep -v '^#' "$top/po/LINGUAS")}
width=${size%x*}; height=${size#*x}
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/config/glib-2.0/settings"
printf '[io/github/charta/Charta]\nwindow-width=%s\nwindow-height=%s\n' "$width" "$height" \
  > "$tmp/config/glib-2.0/settings/keyfile"

cat > "$tmp/shoot" <<'SHOOT'
#!/bin/sh
# Inside Xvfb and the session bus: start Charta, wait for its window, take it, quit.
"$CHARTA" "$PROJECT" &
pid=$!
for i in $(seq 1 100); do
  id=$(xwininfo -root -tree 2>/dev/null | awk '/\("charta" "charta"\)/ && !/ 1x1\+/ {print $1; exit}')
  [ -n "$id" ] && break
  sleep 0.2
done
sleep "${SETTLE:-3}"
xwininfo -id "$id" | awk '/-geometry/ {print "window: " $2}' >&2
if [ -n "$id" ]; then import -window root -crop "$(xwininfo -id "$id" | awk '/-geometry/ {print $2}' | sed "s/[+-].*//")+0+0" +repage "$SHOT"; else echo "no window" >&2; fi
kill "$pid"; wait "$pid" 2>/dev/null || true
SHOOT
chmod +x "$tmp/shoot"

for lang in $langs; do
  env -i PATH="$PATH" HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache" GSETTINGS_BACKEND=keyfile \
    GSETTINGS_SCHEMA_DIR="$build/data" CHARTA_LOCALEDIR="$build/po" \
    LANGUAGE="$lang" LC_ALL=C.UTF-8 TZ=UTC GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo \
    CHARTA="$build/src/app/charta" PROJECT="$top/data/examples/mechelen-2018.charta" \
    SHOT="$out/$lang.png" SETTLE="${SETTLE:-3}" \
    xvfb-run -a -s "-screen 0 $(( width > 1280 ? width : 1280 ))x$(( height > 800 ? height : 800 ))x24" dbus-run-session -- "$tmp/shoot"
  echo "$out/$lang.png"
done
