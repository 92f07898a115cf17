#!/usr/bin/env bash
# Start-up benchmark: time from launch to a mapped, visible window, for
#   - a bare libadwaita window (the baseline, built here from bare-window.c),
#   - Charta on the bundled example (data/examples/mechelen-2018.charta),
#   - Charta on a generated project with 20,000 actions and 200 measures,
# measured in the same run, median of N launches each, printed as ratios to the baseline.
#
#   bench/startup/run-startup.sh BUILD_DIR [RUNS] [OTHER_BUILD_DIR]
#
# With OTHER_BUILD_DIR (another checkout's build, say before a change), its charta on the
# example takes its turns too, so a change is measured against the old code in one run.
# Also prints each program's peak resident memory (VmHWM) when its window appears, as a
# ratio to the bare window's.
#
# Needs an X server (DISPLAY; it starts Xvfb itself when there is none) and xwininfo
# (x11-utils). Not a test: `meson test` never runs it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: run-startup.sh BUILD_DIR [RUNS] [OTHER_BUILD_DIR]}" && pwd)
runs=${2:-15}
other=${3:+$(cd "$3" && pwd)}
out="$top/bench/out"
mkdir -p "$out"

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s '-screen 0 1280x1024x24' "$0" "$@"
fi
# A session bus of its own: Charta is one instance, and a Charta already running on the
# desktop's bus would take the file and leave no window here to time.
if [ -z "${CHARTA_BENCH_BUS:-}" ] && command -v dbus-run-session >/dev/null; then
  CHARTA_BENCH_BUS=1 exec dbus-run-session -- "$0" "$@"
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

# "MS KB CPU": milliseconds from launch until a window titled $1 is mapped, the program's
# peak resident memory (VmHWM) and CPU milliseconds at that moment; the program is then ended.
time_to_window() {
  local title=$1; shift
  local start end pid hwm
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
      hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      # CPU time (user + system, all threads) so far: what a busy machine does not inflate.
      cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$pid/stat" 2>/dev/null || echo 0)
      kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
      echo "$(( (end - start) / 1000000 )) ${hwm:-0} ${cpu:-0}"
      return
    fi
    sleep 0.005
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "timeout"
  return 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

bare_cmd=("$out/bare-window")
example_cmd=("$build/src/app/charta" "$top/data/examples/mechelen-2018.charta")
large_cmd=("$build/src/app/charta" "$large")

# One launch of each first, so every program starts from a warm disk cache.
time_to_window bare-window-bench "${bare_cmd[@]}" >/dev/null
time_to_window mechelen-2018.charta "${example_cmd[@]}" >/dev/null

# The programs take turns, so a load on the machine weighs on all of them alike.
samples=$(mktemp)
for _ in $(seq "$runs"); do
  echo "bare $(time_to_window bare-window-bench "${bare_cmd[@]}")"
  echo "example $(time_to_window mechelen-2018.charta "${example_cmd[@]}")"
  echo "large $(time_to_window large-20000.charta "${large_cmd[@]}")"
  if [ -n "$other" ]; then
    echo "other $(time_to_window mechelen-2018.charta "$other/src/app/charta" "$top/data/examples/mechelen-2018.charta")"
  fi
done > "$samples"
pick() { awk -v k="$1" -v c="$2" '$1 == k {print $c}' "$samples" | median; }
bare=$(pick bare 2) example=$(pick example 2) big=$(pick large 2)
bare_kb=$(pick bare 3) example_kb=$(pick example 3) big_kb=$(pick large 3)
other_ms=$(pick other 2) other_kb=$(pick other 3)
bare_cpu=$(pick bare 4) example_cpu=$(pick example 4) big_cpu=$(pick large 4) other_cpu=$(pick other 4)
rm -f "$samples"

size=$(du -h "$large" | cut -f1)
printf 'Start-up to a visible window, median of %s launches each, taking turns (%s)\n' "$runs" "$(date -u +%Y-%m-%d)"
printf '%-40s %7s %7s %9s %7s\n' "program" "ms" "ratio" "peak MB" "ratio"
printf '%-40s %7s %7s %9.1f %7s\n' "bare libadwaita window (baseline)" "$bare" "1.00" "$(echo "$bare_kb / 1024" | bc -l)" "1.00"
printf '%-40s %7s %7.2f %9.1f %7.2f\n' "charta on mechelen-2018.charta" "$example" "$(echo "$example / $bare" | bc -l)" \
  "$(echo "$example_kb / 1024" | bc -l)" "$(echo "$example_kb / $bare_kb" | bc -l)"
printf '%-40s %7s %7.2f %9.1f %7.2f\n' "charta on 20,000 actions ($size)" "$big" "$(echo "$big / $bare" | bc -l)" \
  "$(echo "$big_kb / 1024" | bc -l)" "$(echo "$big_kb / $bare_kb" | bc -l)"
printf 'CPU ms (user + system) until then, median: bare %s, example %s (%.2f), 20,000 actions %s (%.2f)\n' \
  "$bare_cpu" "$example_cpu" "$(echo "$example_cpu / $bare_cpu" | bc -l)" "$big_cpu" "$(echo "$big_cpu / $bare_cpu" | bc -l)"
if [ -n "$other" ]; then
  printf 'CPU ms of the other build on the example: %s (%.2f)\n' "$other_cpu" "$(echo "$other_cpu / $bare_cpu" | bc -l)"
  printf '%-40s %7s %7.2f %9.1f %7.2f\n' "charta of $(basename "$(dirname "$other")")/$(basename "$other") on the example" "$other_ms" \
    "$(echo "$other_ms / $bare" | bc -l)" "$(echo "$other_kb / 1024" | bc -l)" "$(echo "$other_kb / $bare_kb" | bc -l)"
fi
printf 'Aims: example <= 1.20 (goal 1.10), 20,000 actions <= 2.00 x the example.\n'
printf 'large / example: %.2f\n' "$(echo "$big / $example" | bc -l)"
