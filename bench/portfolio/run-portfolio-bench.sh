#!/usr/bin/env bash
# bench/portfolio/run-portfolio-bench.sh BUILD_DIR
#
# Opens a folder of 200 generated projects (bench/portfolio/make-projects.py: copies of
# the three examples with their own ids, levels, statuses and dates; one broken) with
# `charta-cli portfolio DIR --json`, and compares it with `charta-cli validate -q` of the
# same 200 files, measured in the same run: median wall time, CPU time and peak RSS of
# BENCH_REPEATS runs (default 5), interleaved, after a warm-up run each. Aim: 200 projects
# in under 2 s (the issue's target on this machine); both figures and their ratio are
# printed.
#
# Not a test: it exits 0 whatever it measures, non-zero only when a command fails (both
# commands exit 1 because of the broken file: that counts as success here).
# Needs: GNU time (package time), python3.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
cli="$build/src/cli/charta-cli"
out="$top/bench/out/portfolio"
repeats=${BENCH_REPEATS:-5}
count=${BENCH_PROJECTS:-200}

export LANGUAGE=C LC_ALL=C.UTF-8
rm -rf "$out/projects"
mkdir -p "$out/projects"
/usr/bin/python3 "$top/bench/portfolio/make-projects.py" "$out/projects" --count "$count" --broken 1 --top "$top"
files=("$out"/projects/*.charta)

# run_once CMD...: prints "MICROSECONDS KIB CPU-SECONDS" (exit status 0 or 1 accepted).
run_once() {
  local tfile t0 t1 rc=0
  tfile=$(mktemp)
  t0=$(date +%s%N)
  /usr/bin/time -f '%e %M %U %S' -o "$tfile" "$@" > /dev/null 2> "$out/last-stderr.txt" || rc=$?
  t1=$(date +%s%N)
  if [ $rc -gt 1 ]; then
    echo "run-portfolio-bench.sh: '$*' failed with status $rc:" >&2
    head -20 "$out/last-stderr.txt" >&2
    exit 1
  fi
  echo "$(( (t1 - t0) / 1000 )) $(awk 'END { print $2, $3 + $4 }' "$tfile")"
  rm -f "$tfile"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

labels=("charta-cli validate -q FILES (baseline)" "charta-cli portfolio DIR --json")
run() {
  case $1 in
    0) run_once "$cli" validate -q "${files[@]}" ;;
    1) run_once "$cli" portfolio "$out/projects" --json ;;
  esac
}
declare -A times mems cpus
for i in 0 1; do run $i > /dev/null; done
for _ in $(seq "$repeats"); do
  for i in 0 1; do
    read -r us kib cpu < <(run $i)
    times[$i]="${times[$i]:-} $us"
    mems[$i]="${mems[$i]:-} $kib"
    cpus[$i]="${cpus[$i]:-} $cpu"
  done
done

echo
echo "Files: ${#files[@]} projects in $out/projects ($(du -sk "$out/projects" | cut -f1) KiB), one broken"
echo "Runs: median of $repeats, interleaved, after one warm-up run each"
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
buildtype=$(/usr/bin/python3 -c 'import json, sys
print(next(o["value"] for o in json.load(open(sys.argv[1])) if o["name"] == "buildtype"))' \
  "$build/meson-info/intro-buildoptions.json" 2>/dev/null || echo "unknown")
echo "Build: $build (buildtype $buildtype)"
echo
printf '%-42s %9s %9s %9s %7s %6s %9s\n' "command" "median s" "CPU s" "peak MiB" "time ×" "CPU ×" "memory ×"
bt="" bm="" bc=""
for i in 0 1; do
  # shellcheck disable=SC2086
  t=$(printf '%s\n' ${times[$i]} | median)
  # shellcheck disable=SC2086
  m=$(printf '%s\n' ${mems[$i]} | median)
  # shellcheck disable=SC2086
  c=$(printf '%s\n' ${cpus[$i]} | median)
  bt=${bt:-$t} bm=${bm:-$m} bc=${bc:-$c}
  awk -v l="${labels[$i]}" -v t="$t" -v m="$m" -v c="$c" -v bt="$bt" -v bm="$bm" -v bc="$bc" \
    'BEGIN { printf "%-42s %9.3f %9.2f %9.1f %7.2f %6.2f %9.2f\n", l, t / 1e6, c, m / 1024, t / bt, c / bc, m / bm }'
done
echo
echo "Aim: the portfolio of $count projects in under 2 s on this machine; the ratio to validate"
echo "shows what the portfolio adds to loading (summaries, the table, the JSON)."
