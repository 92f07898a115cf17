#!/usr/bin/env bash
# bench/run-scaling.sh BUILD_DIR [N]
#
# How the loader's time grows with the size of odd but possible inputs (see
# gen-pathological.py): each kind is generated at N and 2N (default N = 20000) and loaded
# with `charta-cli validate` and, for comparison, json-glib-validate. The growth column is
# time(2N) / time(N): about 2 is linear, about 4 quadratic. A run that takes longer than
# BENCH_LIMIT seconds (default 60) is stopped and shown as ">LIMIT".
#
# Not a test: exits 0 whatever it measures. Needs json-glib-validate (json-glib-tools).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BUILD_DIR [N]" >&2
  exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
n=${2:-20000}
cli="$build/src/cli/charta-cli"
out="$top/bench/out"
limit=${BENCH_LIMIT:-60}
export LANGUAGE=C LC_ALL=C.UTF-8
mkdir -p "$out"
command -v json-glib-validate >/dev/null 2>&1 || { echo "run-scaling.sh: json-glib-validate is missing (json-glib-tools)" >&2; exit 1; }

# seconds CMD...: wall time of one run (a non-zero exit is fine: odd inputs may be invalid).
seconds() {
  local t0 t1 rc=0
  t0=$(date +%s%N)
  timeout "$limit" "$@" > /dev/null 2>&1 || rc=$?
  t1=$(date +%s%N)
  if [ $rc -eq 124 ]; then echo ">$limit"; else awk -v d=$((t1 - t0)) 'BEGIN { printf "%.3f", d / 1e9 }'; fi
}
growth() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ />/ || b ~ />/ || a + 0 == 0) print "-"; else printf "%.1f", b / a }'; }

printf '%-16s %7s %10s %10s %10s %13s %7s\n' kind N "bytes 2N" "charta N" "charta 2N" "json-glib 2N" growth
for kind in unknown-members frameworks id-list references minified; do
  a="$out/scaling-$kind-1.charta" b="$out/scaling-$kind-2.charta"
  /usr/bin/python3 "$top/bench/gen-pathological.py" "$kind" "$n" -o "$a" --cli "$cli"
  /usr/bin/python3 "$top/bench/gen-pathological.py" "$kind" $((2 * n)) -o "$b" --cli "$cli"
  ta=$(seconds "$cli" validate -q "$a")
  tb=$(seconds "$cli" validate -q "$b")
  jb=$(seconds json-glib-validate "$b")
  printf '%-16s %7s %10s %10s %10s %13s %7s\n' "$kind" "$n" "$(stat -c %s "$b")" "$ta" "$tb" "$jb" "$(growth "$ta" "$tb")"
done
