#!/usr/bin/env bash
# Start-up benchmark: time from launch to a mapped, visible window, for
#   - a bare libadwaita window (the baseline, built here from bare-window.c),
#   - Charta on the bundled example (data/examples/mechelen-2018.charta),
#   - Charta on a generated project with 20,000 actions and 200 measures,
# measured in the same run, median of N launches each, printed as ratios to the baseline.
#
#   bench/startup/run-startup.sh BUILD_DIR [RUNS]
#
# Needs an X server (DISPLAY; it starts Xvfb itself when there is none) and xwininfo
# (x11-utils). Not a test: `meson test` never runs it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: run-startup.sh BUILD_DIR [RUNS]}" && pwd)
runs=${2:-9}
out="$top/bench/out"
mkdir -p "$out"

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s '-screen 0 1280x1024x24' "$0" "$@"
fi

cc -O2 -o "$out/bare-window" "$here/bare-window.c" $(pkg-config --cflags --libs libadwaita-1)
large="$out/large-20000.charta"
if [ ! -f "$large" ]; then
  /usr/bin/python3 "$top/bench/gen-large-project.py" --cli "$build/src/cli/charta-cli" -o "$large" >/dev/null
fi

export GSETTINGS_BACKEND=memory GTK_A11Y=none
home=$(mktemp -d)
export HOME=$home XDG_DATA_HOME=$home/data XDG_STATE_HOME=$home/state XDG_CONFIG_HOME=$home/config
trap 'rm -rf "$home"' EXIT

# Milliseconds from launch until a window titled $1 is mapped; the program is then ended.
time_to_window() {
  local title=$1; shift
  local start end pid
  # A window of that title left from elsewhere would end the wait at once.
  if xwininfo -root -tree 2>/dev/null | grep -F "\"$title\"" >/dev/null; then
    echo "a window titled $title is already open; close it first" >&2
    exit 1
  fi
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 3000); do
    if xwininfo -root -tree 2>/dev/null | grep -F "\"$title\"" >/dev/null; then
      end=$(date +%s%N)
      kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
      echo $(( (end - start) / 1000000 ))
      return
    fi
    sleep 0.005
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "timeout"
  return 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

measure() {
  local title=$1; shift
  for _ in $(seq "$runs"); do time_to_window "$title" "$@"; done | median
}

# One launch of each first, so every program starts from a warm disk cache.
time_to_window bare-window-bench "$out/bare-window" >/dev/null
time_to_window mechelen-2018.charta "$build/src/app/charta" "$top/data/examples/mechelen-2018.charta" >/dev/null

bare=$(measure bare-window-bench "$out/bare-window")
example=$(measure mechelen-2018.charta "$build/src/app/charta" "$top/data/examples/mechelen-2018.charta")
big=$(measure large-20000.charta "$build/src/app/charta" "$large")

size=$(du -h "$large" | cut -f1)
printf 'Start-up to a visible window, median of %s launches (%s)\n' "$runs" "$(date -u +%Y-%m-%d)"
printf '%-44s %8s %8s\n' "program" "ms" "ratio"
printf '%-44s %8s %8s\n' "bare libadwaita window (baseline)" "$bare" "1.00"
printf '%-44s %8s %8.2f\n' "charta on mechelen-2018.charta" "$example" "$(echo "$example / $bare" | bc -l)"
printf '%-44s %8s %8.2f\n' "charta on 20,000 actions ($size)" "$big" "$(echo "$big / $bare" | bc -l)"
printf 'Aims: example <= 1.30, 20,000 actions <= 2.00 x the example.\n'
printf 'large / example: %.2f\n' "$(echo "$big / $example" | bc -l)"
