#!/usr/bin/env bash
# bench/merge/run-merge-bench.sh BUILD_DIR
#
# Merges two edited copies of the 20,000-action project (bench/gen-large-project.py),
# 1,000 edits on each side, and compares it with `charta-cli validate` of one copy,
# measured in the same run: median wall time and peak RSS of BENCH_REPEATS runs
# (default 5), interleaved, after a warm-up run each. Aim: at most 3 times validate's
# time and memory.
#
# Not a test: it exits 0 whatever the ratios, non-zero only when a command fails
# (`charta-cli merge` exits 1 when conflicts remain: that counts as success here).
# Needs: GNU time (package time), python3.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
cli="$build/src/cli/charta-cli"
out="$top/bench/out/merge"
repeats=${BENCH_REPEATS:-5}
edits=${BENCH_EDITS:-1000}

export LANGUAGE=C LC_ALL=C.UTF-8
mkdir -p "$out"
base="$out/base.charta"
/usr/bin/python3 "$top/bench/gen-large-project.py" --cli "$cli" -o "$base" > /dev/null
/usr/bin/python3 "$top/bench/merge/make-edits.py" "$base" "$out/ours.charta" --edits "$edits" --seed 1 --cli "$cli"
/usr/bin/python3 "$top/bench/merge/make-edits.py" "$base" "$out/theirs.charta" --edits "$edits" --seed 2 --cli "$cli"

# run_once CMD...: prints "MICROSECONDS KIB CPU-SECONDS" (exit status 0 or 1 accepted).
run_once() {
  local tfile t0 t1 rc=0
  tfile=$(mktemp)
  t0=$(date +%s%N)
  /usr/bin/time -f '%e %M %U %S' -o "$tfile" "$@" > /dev/null 2> "$out/last-stderr.txt" || rc=$?
  t1=$(date +%s%N)
  if [ $rc -gt 1 ]; then
    echo "run-merge-bench.sh: '$*' failed with status $rc:" >&2
    head -20 "$out/last-stderr.txt" >&2
    exit 1
  fi
  echo "$(( (t1 - t0) / 1000 )) $(awk 'END { print $2, $3 + $4 }' "$tfile")"
  rm -f "$tfile"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

labels=("charta-cli validate BASE" "charta-cli merge BASE OURS THEIRS -o OUT")
run() {
  case $1 in
    0) run_once "$cli" validate -q "$base" ;;
    1) run_once "$cli" merge "$base" "$out/ours.charta" "$out/theirs.charta" -o "$out/merged.charta" ;;
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

conflicts=$(/usr/bin/python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1])).get("conflicts", [])))' "$out/merged.charta")
echo
echo "Files: $base ($(stat -c %s "$base") bytes), ours and theirs with $edits edits each"
echo "Merged: $out/merged.charta, $conflicts conflicts recorded"
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
echo "Aim: merge at most 3.00 × validate in time and in memory. CPU s is user + system time,"
echo "steadier than wall time when other programs share the machine."
