#!/usr/bin/env bash
# bench/run-bench.sh BUILD_DIR
#
# Loads a large project (20,000 actions, 200 measures × 40 actuals) with charta-cli and
# compares it with json-glib-validate on the same file, measured in the same run:
# median wall time and peak RSS of BENCH_REPEATS runs (default 5) each. Prints ratios
# against json-glib-validate; the target is a time ratio of at most 1.5.
#
# With valgrind installed (and BENCH_CALLGRIND not 0) it also counts instructions with
# callgrind on a 2,000-action file, which is steadier than wall time on a busy machine.
#
# Not a test: it exits 0 whatever the ratios, and non-zero only when a command fails.
# Needs: json-glib-validate (Debian package json-glib-tools), GNU time (package time).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
cli="$build/src/cli/charta-cli"
out="$top/bench/out"
repeats=${BENCH_REPEATS:-5}
target=1.5

for need in "$cli" /usr/bin/time /usr/bin/python3; do
  if [ ! -x "$need" ]; then
    echo "run-bench.sh: $need is missing" >&2
    exit 1
  fi
done
if ! command -v json-glib-validate >/dev/null 2>&1; then
  echo "run-bench.sh: json-glib-validate is missing (Debian package json-glib-tools)" >&2
  exit 1
fi

export LANGUAGE=C LC_ALL=C.UTF-8
mkdir -p "$out"
file="$out/large.charta"
/usr/bin/python3 "$top/bench/gen-large-project.py" --cli "$cli" -o "$file"
size=$(stat -c %s "$file")

# The commands, as "label|command line"; FILE and OUT are filled in below.
commands=(
  "json-glib-validate FILE|json-glib-validate FILE"
  "charta-cli validate FILE|$cli validate -q FILE"
  "charta-cli normalize FILE -o OUT|$cli normalize FILE -o OUT"
  "charta-cli normalize FILE -o - (no fsync)|$cli normalize FILE -o -"
)

# run_once CMDLINE: prints "SECONDS KIB" for one run (wall time from a nanosecond clock,
# since GNU time's %e has only 10 ms resolution; peak RSS from GNU time's %M).
run_once() {
  local cmd=$1 tfile t0 t1 rc=0
  tfile=$(mktemp)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M' -o "$tfile" $cmd > /dev/null 2> "$out/last-stderr.txt" || rc=$?
  t1=$(date +%s%N)
  if [ $rc -ne 0 ]; then
    echo "run-bench.sh: '$cmd' failed with status $rc:" >&2
    head -20 "$out/last-stderr.txt" >&2
    rm -f "$tfile"
    exit 1
  fi
  echo "$(( (t1 - t0) / 1000 )) $(awk 'END { print $2 }' "$tfile")"
  rm -f "$tfile"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
echo "File: $file"
echo "Size: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB)"
echo "Runs: median of $repeats, interleaved, after one warm-up run each (page cache warm)"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
     "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
buildtype=$(/usr/bin/python3 -c 'import json, sys
print(next(o["value"] for o in json.load(open(sys.argv[1])) if o["name"] == "buildtype"))' \
  "$build/meson-info/intro-buildoptions.json" 2>/dev/null || echo "unknown")
echo "Build: $build (buildtype $buildtype, $(cc --version 2>/dev/null | head -1))"
echo

# Runs are interleaved (every command once, then again, …) so that a machine that gets
# busier or quieter during the run shifts every command alike, not only the last.
labels=() cmdlines=()
for entry in "${commands[@]}"; do
  cmd=${entry#*|}
  cmd=${cmd//FILE/$file}
  labels+=("${entry%%|*}")
  cmdlines+=("${cmd//OUT/$out/normalized.charta}")
done
declare -A times mems
for i in "${!cmdlines[@]}"; do
  run_once "${cmdlines[$i]}" > /dev/null   # warm-up: page cache, dynamic loader
done
for _ in $(seq "$repeats"); do
  for i in "${!cmdlines[@]}"; do
    read -r us kib < <(run_once "${cmdlines[$i]}")
    times[$i]="${times[$i]:-} $us"
    mems[$i]="${mems[$i]:-} $kib"
  done
done
results=()
for i in "${!cmdlines[@]}"; do
  # shellcheck disable=SC2086
  t=$(printf '%s\n' ${times[$i]} | median)
  # shellcheck disable=SC2086
  m=$(printf '%s\n' ${mems[$i]} | median)
  results+=("${labels[$i]}|$t|$m")
done

if ! cmp -s "$file" "$out/normalized.charta"; then
  echo "run-bench.sh: warning: normalize changed the (canonical) generated file" >&2
fi

base_t=$(echo "${results[0]}" | cut -d'|' -f2)
base_m=$(echo "${results[0]}" | cut -d'|' -f3)
printf '%-42s %10s %10s %10s %10s\n' "command" "median s" "peak MiB" "time ×" "memory ×"
verdict=pass
for r in "${results[@]}"; do
  IFS='|' read -r label t m <<< "$r"
  ratio=$(awk -v a="$t" -v b="$base_t" 'BEGIN { printf "%.2f", a / b }')
  printf '%-42s %10.3f %10.1f %10s %10s\n' "$label" \
    "$(awk -v t="$t" 'BEGIN { print t / 1e6 }')" "$(awk -v m="$m" 'BEGIN { print m / 1024 }')" \
    "$ratio" "$(awk -v a="$m" -v b="$base_m" 'BEGIN { printf "%.2f", a / b }')"
  if awk -v r="$ratio" -v t="$target" 'BEGIN { exit !(r > t) }'; then verdict=fail; fi
done
echo
echo "Target: time ratio <= $target for every charta-cli command: $verdict"

if [ "${BENCH_CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null 2>&1; then
  small="$out/small.charta"
  /usr/bin/python3 "$top/bench/gen-large-project.py" --cli "$cli" -o "$small" --actions 2000 --measures 20 > /dev/null
  echo
  echo "Instructions (callgrind, $(stat -c %s "$small") bytes, 2,000 actions, 20 measures):"
  printf '%-42s %16s %10s\n' "command" "instructions" "×"
  base_ir=
  for entry in "${commands[@]}"; do
    label=${entry%%|*}
    cmd=${entry#*|}
    cmd=${cmd//FILE/$small}
    cmd=${cmd//OUT/$out/small-normalized.charta}
    cg="$out/callgrind.out.tmp"
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$cg" $cmd > /dev/null 2> "$out/last-stderr.txt" || {
      echo "run-bench.sh: callgrind run of '$cmd' failed" >&2
      head -20 "$out/last-stderr.txt" >&2
      exit 1
    }
    ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$cg")
    rm -f "$cg"
    [ -n "$base_ir" ] || base_ir=$ir
    printf '%-42s %16s %10s\n' "$label" "$ir" "$(awk -v a="$ir" -v b="$base_ir" 'BEGIN { printf "%.2f", a / b }')"
  done
fi
