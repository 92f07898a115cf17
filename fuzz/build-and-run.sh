#!/usr/bin/env bash
# fuzz/build-and-run.sh SRC_DIR BUILD_DIR SECONDS [TARGET]
#
# Builds fuzz/TARGET.c (default fuzz-project-load; also fuzz-report-parse, fuzz-merge and
# fuzz-outbox-entry) with clang (libFuzzer + ASan + UBSan) against the core sources and
# the generated catalogue resource, then fuzzes for SECONDS seconds on a copy of its
# corpus (fuzz/corpus/ for fuzz-project-load, fuzz/corpus-NAME/ for fuzz-NAME) in a
# temporary directory. Exit status 0 when nothing was found,
# non-zero on any crash, failed check, leak, timeout or out-of-memory; the reproducer is
# left in BUILD_DIR/fuzz-artifacts/ and its path printed.
#
# BUILD_DIR is a configured and built meson build directory: the core's source list,
# include paths and libraries come from its introspection data (meson-info/), and the
# generated catalogue resource C file from its resources/. Environment:
#   CC            the clang to use (default: clang, else clang-14)
#   FUZZ_CFLAGS   extra compiler flags, e.g. "-O2"
#   FUZZ_ARGS     extra libFuzzer flags, e.g. "-jobs=2 -workers=2" or "-seed=1"
#   FUZZ_CORPUS   a corpus directory to use (and grow) instead of a temporary copy
#
# To reproduce a finding:  BUILD_DIR/fuzz/TARGET BUILD_DIR/fuzz-artifacts/crash-…
set -euo pipefail

if [ $# -ne 3 ] && [ $# -ne 4 ]; then
  echo "usage: $0 SRC_DIR BUILD_DIR SECONDS [TARGET]" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
seconds=$3
target=${4:-fuzz-project-load}
if [ ! -f "$src/fuzz/$target.c" ]; then
  echo "build-and-run.sh: no fuzz target $src/fuzz/$target.c" >&2
  exit 2
fi
if [ "$target" = fuzz-project-load ]; then
  seeds="$src/fuzz/corpus"
else
  seeds="$src/fuzz/corpus-${target#fuzz-}"
fi

cc=${CC:-}
if [ -z "$cc" ]; then
  for c in clang clang-14; do
    if command -v "$c" >/dev/null 2>&1; then cc=$c; break; fi
  done
fi
if [ -z "$cc" ] || ! "$cc" --version 2>/dev/null | grep -q clang; then
  echo "build-and-run.sh: clang is needed (with libclang-rt-*-dev for libFuzzer)" >&2
  exit 1
fi

if [ ! -f "$build/config.h" ]; then
  echo "build-and-run.sh: $build/config.h is missing: configure $build with meson first" >&2
  exit 1
fi

out="$build/fuzz"
bin="$out/$target"
artifacts="$build/fuzz-artifacts"
mkdir -p "$out" "$artifacts"

# The core's sources (generated catalogue resource included), include paths, definitions
# and libraries, as meson configured the charta-core target: the core gains files and
# dependencies over time, and this stays in step without editing. Only -I/-D/-U/-pthread
# are taken from gcc's command line; every dependency's libraries are linked with
# --as-needed, so the ones the core does not use drop out.
intro="$build/meson-info/intro-targets.json"
sources=() cppflags=() libs=()
if [ -f "$intro" ]; then
  while IFS=$'\t' read -r kind value; do
    case $kind in
      src) sources+=("$value") ;;
      cpp) cppflags+=("$value") ;;
      lib) libs+=("$value") ;;
    esac
  done < <(/usr/bin/env python3 - "$build/meson-info" <<'PY'
import json, os, sys
info = sys.argv[1]
targets = json.load(open(os.path.join(info, "intro-targets.json")))
core = next(t for t in targets if t["name"] == "charta-core")
seen = set()
for ts in core["target_sources"]:
    if ts["language"] != "c":
        continue
    for f in ts["sources"] + ts.get("generated_sources", []):
        if f.endswith(".c"):
            print("src\t" + f)
    for a in ts["parameters"]:
        if a.startswith(("-I", "-D", "-U")) or a == "-pthread":
            if a not in seen:
                seen.add(a)
                print("cpp\t" + a)
for dep in json.load(open(os.path.join(info, "intro-dependencies.json"))):
    for a in dep.get("link_args", []):
        print("lib\t" + a)
PY
  )
fi
if [ ${#sources[@]} -eq 0 ]; then
  # No introspection data: fall back to the core's files and its usual dependencies.
  resource_c="$build/resources/charta-catalogue-resources.c"
  if [ ! -f "$resource_c" ]; then
    echo "build-and-run.sh: $resource_c is missing: build $build first (ninja -C $build)" >&2
    exit 1
  fi
  modules=(glib-2.0 gio-2.0 gobject-2.0)
  pkg-config --exists libsoup-3.0 2>/dev/null && modules+=(libsoup-3.0)
  sources=("$src"/src/core/*.c "$resource_c")
  # shellcheck disable=SC2207
  cppflags=(-I"$build" -I"$build/resources" -I"$src/src/core" -D_GNU_SOURCE -DG_LOG_USE_STRUCTURED
            -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
            $(pkg-config --cflags "${modules[@]}"))
  # shellcheck disable=SC2207
  libs=($(pkg-config --libs "${modules[@]}"))
fi
for f in "${sources[@]}"; do
  if [ ! -f "$f" ]; then
    echo "build-and-run.sh: $f is missing: build $build first (ninja -C $build)" >&2
    exit 1
  fi
done
sources+=("$src/fuzz/$target.c")

# shellcheck disable=SC2054,SC2206
cflags=(-std=c11 -g -O1 -fno-omit-frame-pointer
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
        ${FUZZ_CFLAGS:-})

# Rebuild only when a source, a header, this script or the flags changed.
stamp="$out/$target.flags"
flags_now="$cc ${cflags[*]} ${cppflags[*]} ${sources[*]}"
rebuild=0
if [ ! -x "$bin" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$flags_now" ]; then
  rebuild=1
else
  for f in "${sources[@]}" "$src"/src/core/*.h "$build/config.h" "$0"; do
    if [ "$f" -nt "$bin" ]; then rebuild=1; break; fi
  done
fi
if [ $rebuild -eq 1 ]; then
  echo "Building $bin with $cc"
  if ! "$cc" "${cflags[@]}" "${cppflags[@]}" "${sources[@]}" -o "$bin" \
      -Wl,--as-needed "${libs[@]}" -lm; then
    echo "build-and-run.sh: building the fuzz target failed (libFuzzer needs libclang-rt-*-dev)" >&2
    rm -f "$bin"
    exit 1
  fi
  echo "$flags_now" > "$stamp"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/charta-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -n "${FUZZ_CORPUS:-}" ]; then
  corpus=$FUZZ_CORPUS
  mkdir -p "$corpus"
  cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
else
  corpus="$work/corpus"
  mkdir -p "$corpus"
  cp "$seeds"/* "$corpus"/
fi

# GLib 2.74 still has its slice allocator: send it to malloc so ASan sees every block.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
# No locale: messages stay in English and the run does not depend on the machine's.
export LANGUAGE=C LC_ALL=C.UTF-8
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$src/fuzz/lsan.supp:print_suppressions=0"

before=()
for f in "$artifacts"/*; do [ -e "$f" ] && before+=("$f"); done

echo "Fuzzing $target for ${seconds}s in $work (artifacts: $artifacts/)"
status=0
(
  cd "$work"
  # shellcheck disable=SC2086
  "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict="$src/fuzz/charta.dict" -artifact_prefix="$artifacts/$target-" \
    -print_final_stats=1 ${FUZZ_ARGS:-} "$corpus"
) || status=$?

new=()
for f in "$artifacts"/*; do
  [ -e "$f" ] || continue
  old=0
  for b in "${before[@]}"; do [ "$b" = "$f" ] && old=1 && break; done
  [ $old -eq 1 ] || new+=("$f")
done
if [ $status -ne 0 ] || [ ${#new[@]} -gt 0 ]; then
  echo "FUZZING FOUND A PROBLEM (libFuzzer exit status $status)"
  for f in "${new[@]}"; do
    echo "  artifact: $f"
  done
  echo "  reproduce: $bin $artifacts/<artifact>"
  [ $status -ne 0 ] || status=1
  exit $status
fi
echo "Fuzzing $target for ${seconds}s found nothing."
