#!/usr/bin/env bash
# bench/export/run-export-bench.sh BUILD_DIR
#
# Exports the 20,000-action project (bench/gen-large-project.py) as PDF and XLSX (and, for
# comparison, as a web page, CSV and iCalendar) and compares each with `charta-cli
# validate` on the same file, measured in the same run: median wall time and peak RSS of
# BENCH_REPEATS runs (default 3), interleaved, after one warm-up run each. Prints the
# ratios; the aim is at most 5 for PDF and XLSX.
#
# Not a test: it exits 0 whatever the ratios, non-zero only when a command fails.
# Needs GNU time (package time) and python3. The file goes to bench/out/ (ignored by git).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
cli="$build/src/cli/charta-cli"
out="$top/bench/out"
repeats=${BENCH_REPEATS:-3}
aim=5

for need in "$cli" /usr/bin/time /usr/bin/python3; do
  [ -x "$need" ] || { echo "run-export-bench.sh: $need is missing" >&2; exit 1; }
done
export LANGUAGE=C LC_ALL=C.UTF-8
mkdir -p "$out"
file="$out/large.charta"
/usr/bin/python3 "$top/bench/gen-large-project.py" --cli "$cli" -o "$file" > /dev/null

commands=(
  "charta-cli validate FILE|$cli validate -q $file"
  "charta-cli export FILE --format pdf|$cli export $file --format pdf -o $out/large.pdf"
  "charta-cli export FILE --format xlsx|$cli export $file --format xlsx -o $out/large.xlsx"
  "charta-cli export FILE --format html|$cli export $file --format html -o $out/large.html"
  "charta-cli export FILE --format csv|$cli export $file --format csv -o $out/large-csv"
  "charta-cli export FILE --format ics|$cli export $file --format ics -o $out/large.ics"
)

# run_once CMDLINE: prints "MICROSECONDS KIB CPU-MICROSECONDS" (nanosecond clock; peak RSS
# and user + system CPU time from GNU time: on a shared machine the CPU time is the steadier).
run_once() {
  local tfile t0 t1 rc=0
  tfile=$(mktemp)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  /usr/bin/time -f '%M %U %S' -o "$tfile" $1 > /dev/null 2> "$out/last-stderr.txt" || rc=$?
  t1=$(date +%s%N)
  if [ $rc -ne 0 ]; then
    echo "run-export-bench.sh: '$1' failed with status $rc:" >&2
    head -20 "$out/last-stderr.txt" >&2
    exit 1
  fi
  echo "$(( (t1 - t0) / 1000 )) $(tail -1 "$tfile" | awk '{ printf "%d %d", $1, ($2 + $3) * 1e6 }')"
  rm -f "$tfile"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "File: $file ($(stat -c %s "$file") bytes; 20,000 actions, 200 measures × 40 actuals)"
echo "Runs: median of $repeats, interleaved, after one warm-up run each"
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo

declare -A times mems cpus
for entry in "${commands[@]}"; do
  run_once "${entry#*|}" > /dev/null
done
for _ in $(seq "$repeats"); do
  for i in "${!commands[@]}"; do
    read -r us kib cpu < <(run_once "${commands[$i]#*|}")
    times[$i]="${times[$i]:-} $us"
    mems[$i]="${mems[$i]:-} $kib"
    cpus[$i]="${cpus[$i]:-} $cpu"
  done
done

pages=$(command -v pdfinfo > /dev/null && pdfinfo "$out/large.pdf" | awk '/^Pages:/ { print $2 }' || echo "?")
printf '%-40s %10s %10s %8s %9s %8s %7s\n' "command" "median s" "peak MiB" "time ×" "memory ×" "CPU s" "CPU ×"
base_t= base_m= base_c=
for i in "${!commands[@]}"; do
  # shellcheck disable=SC2086
  t=$(printf '%s\n' ${times[$i]} | median)
  # shellcheck disable=SC2086
  m=$(printf '%s\n' ${mems[$i]} | median)
  # shellcheck disable=SC2086
  c=$(printf '%s\n' ${cpus[$i]} | median)
  [ -n "$base_t" ] || { base_t=$t; base_m=$m; base_c=$c; }
  printf '%-40s %10.3f %10.1f %8.2f %9.2f %8.2f %7.2f\n' "${commands[$i]%%|*}" "$(awk -v t="$t" 'BEGIN { print t / 1e6 }')" \
    "$(awk -v m="$m" 'BEGIN { print m / 1024 }')" "$(awk -v a="$t" -v b="$base_t" 'BEGIN { print a / b }')" \
    "$(awk -v a="$m" -v b="$base_m" 'BEGIN { print a / b }')" "$(awk -v c="$c" 'BEGIN { print c / 1e6 }')" \
    "$(awk -v a="$c" -v b="$base_c" 'BEGIN { print (b > 0 ? a / b : 0) }')"
done
echo
echo "PDF: $pages pages. Aim: PDF and XLSX within ${aim}× the time and memory of validate."
