#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-cli-review.sh CHARTA_CLI SOURCE_ROOT: charta-cli review on the peer review example,
# and charta-cli portfolio over a generated folder of 200 projects (one broken), whose
# figures must match each file's own charta-cli summary --json. Prints TAP. Needs python3.

set -u

CLI="${1:?usage: test-cli-review.sh PATH/TO/charta-cli SOURCE_ROOT}"
SRC="${2:?usage: test-cli-review.sh PATH/TO/charta-cli SOURCE_ROOT}"
PYTHON="${PYTHON:-python3}"
T=$(mktemp -d "${TMPDIR:-/tmp}/charta-cli-review.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT INT TERM
EXAMPLE="$SRC/data/examples/ghent-peer-review-2025.charta"
export LANGUAGE=C LC_ALL=C.UTF-8

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  for f in "$T/out" "$T/err"; do
    [ -s "$f" ] && head -c 1500 "$f" | sed 's/^/#   /'
  done
}
check_sh () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
run () { timeout 60 "$CLI" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
has () { grep -qF -- "$1" "$T/out"; }

# ---- review ----
run review "$EXAMPLE"
check_sh "review: exit 0 on the example" '[ $rc -eq 0 ] && [ ! -s "$T/err" ]'
check_sh "review: the stage, third of five" 'has "Stage: Four-day visit (3 of 5)"'
check_sh "review: the team of five" 'has "Team: 5 members" && has "Peer from Amsterdam (illustrative)"'
check_sh "review: coverage of the ten items by the ten sessions" \
  'has "Items under review: 10, covered by the visit'"'"'s 10 sessions: 9"'
check_sh "review: the gap is indicator employer.6" \
  'grep -A1 "Not covered by any session:" "$T/out" | grep -q "dive.indicator.employer.6"'
check_sh "review: four visit days within their hours" \
  '[ "$(grep -c " / 8:00" "$T/out")" -eq 4 ] && ! has "longer than the day"'
check_sh "review: the team differs from the city on employer.1" 'has "dive.area.employer.1         3 → 2"'
check_sh "review: documents awaited" 'has "Documents requested: 4, arrived: 2"'

# An over-long day and a covered gap, in a copy.
"$PYTHON" - "$EXAMPLE" "$T/long.charta" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
r = d["reviews"][0]
r["sessions"].append({"id": "0f0f0f0f-0000-4000-8000-000000000001", "date": "2025-03-19", "start": "18:00",
                      "end": "21:00", "items": ["dive.indicator.employer.6"]})
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
PY
run review "$T/long.charta"
check_sh "review: a day over its hours is flagged, on standard error too" \
  '[ $rc -eq 0 ] && grep "2025-03-19" "$T/out" | grep -q "longer than the day" && grep -q "1 visit day is planned over its hours" "$T/err"'
check_sh "review: every item covered once the evening session names employer.6" \
  'has "Every item under review is covered by a session."'

run review "$SRC/data/examples/mechelen-2018.charta"
check_sh "review: a project without reviews says so" '[ $rc -eq 0 ] && has "No reviews in this project."'
printf '{"format": "charta-project", "version": 2, "id": 3}' > "$T/bad.charta"
run review "$T/bad.charta"
check_sh "review: an invalid file: exit 1, FILE:LINE:COLUMN: field" \
  '[ $rc -eq 1 ] && grep -q "^$T/bad.charta:1:[0-9]*: id: " "$T/err"'
run review
check_sh "review: no FILE is a usage error" '[ $rc -eq 2 ]'

# ---- portfolio ----
"$PYTHON" "$SRC/bench/portfolio/make-projects.py" "$T/pf" --count 200 --broken 1 --top "$SRC" || exit 99
run portfolio "$T/pf" --json --date 2025-06-30
check_sh "portfolio: exit 1 when a file does not load" '[ $rc -eq 1 ]'
check_sh "portfolio: the broken file's error on standard error" \
  'grep -q "^$T/pf/broken-200.charta:[0-9]*:[0-9]*: period.start: " "$T/err"'
cp "$T/out" "$T/portfolio.json"
: > "$T/summaries"
for f in "$T"/pf/*.charta; do
  printf '%s\t' "$f" >> "$T/summaries"
  if "$CLI" summary --json --date 2025-06-30 "$f" > "$T/one.json" 2>/dev/null; then
    tr -d '\n' < "$T/one.json" >> "$T/summaries"
  else
    printf 'FAILED' >> "$T/summaries"
  fi
  echo >> "$T/summaries"
done
"$PYTHON" - "$T/portfolio.json" "$T/summaries" > "$T/out" 2>&1 <<'PY'
import json, statistics, sys
portfolio = json.load(open(sys.argv[1], encoding="utf-8"))
summaries = {}
for line in open(sys.argv[2], encoding="utf-8"):
    path, text = line.rstrip("\n").split("\t", 1)
    summaries[path] = None if text == "FAILED" else json.loads(text)
files = portfolio["files"]
problems = []
if [f["file"] for f in files] != sorted(summaries):
    problems.append("files: not every file, in name order")
for k, f in enumerate(files):
    s = summaries.get(f["file"])
    if s is None:
        if "error" not in f or not f["error"].startswith(f["file"] + ":"):
            problems.append("%s: did not load, but its error is not listed" % f["file"])
        continue
    if f.get("city") != s["city"]:
        problems.append("%s: city %r, summary %r" % (f["file"], f.get("city"), s["city"]))
    if f.get("actions") != s["actions"]:
        problems.append("%s: actions %r, summary %r" % (f["file"], f.get("actions"), s["actions"]))
    if f.get("overdue") != len(s["overdue"]):
        problems.append("%s: overdue %r, summary %d" % (f["file"], f.get("overdue"), len(s["overdue"])))
    # Levels straight from the file.
    doc = json.load(open(f["file"], encoding="utf-8"))
    for item in portfolio["items"]:
        want = doc["assessments"].get(item["id"], {}).get("level")
        if item["levels"][k] != want:
            problems.append("%s: %s level %r, file %r" % (f["file"], item["id"], item["levels"][k], want))
    rounds = doc.get("rounds", [])
    want_round = max((r["closed"] for r in rounds), default=None)
    got_round = f["last-round"]["closed"] if f["last-round"] else None
    if got_round != want_round:
        problems.append("%s: last round %r, file %r" % (f["file"], got_round, want_round))
    want_reviews = sum(1 for r in doc.get("reviews", []) if "outcome" not in r.get("presentation", {}))
    if f["reviews-in-progress"] != want_reviews:
        problems.append("%s: reviews in progress %r, file %r" % (f["file"], f["reviews-in-progress"], want_reviews))
for item in portfolio["items"]:
    levels = [v for v in item["levels"] if v is not None]
    if not levels or item["median"] != statistics.median(levels):
        problems.append("%s: median %r of %r" % (item["id"], item["median"], levels))
loaded = sum(1 for s in summaries.values() if s is not None)
print("%d files, %d loaded, %d items, %d problems" % (len(files), loaded, len(portfolio["items"]), len(problems)))
for p in problems[:20]:
    print(p)
sys.exit(1 if problems or len(files) != 200 or loaded != 199 else 0)
PY
check_sh "portfolio: 200 files; each one's figures match its charta-cli summary --json, levels and medians the files'" \
  '[ $? -eq 0 ]'

run portfolio "$T/pf" --csv --date 2025-06-30
check_sh "portfolio --csv: a column per file, the broken one with its error" \
  '[ $rc -eq 1 ] && head -1 "$T/out" | tr -d "\r" | grep -q "^row,title,[^,]*/broken-200.charta,.*/city-199.charta,median$" &&
   grep "^error," "$T/out" | grep -q "period.start"'
run portfolio "$T/pf" --date 2025-06-30
check_sh "portfolio: the text lists the file that did not load" \
  '[ $rc -eq 1 ] && has "[1] did not load: $T/pf/broken-200.charta:" && has "[2] City 001"'
run portfolio "$SRC/data/examples/mechelen-2018.charta" "$EXAMPLE" --json
check_sh "portfolio: single files, all loaded: exit 0" '[ $rc -eq 0 ] && grep -q "\"reviews-in-progress\": 1" "$T/out"'
run portfolio "$T/no-such-folder" --json
check_sh "portfolio: a path that does not exist is listed with its error" \
  '[ $rc -eq 1 ] && grep -q "\"error\": \"$T/no-such-folder" "$T/out"'
run portfolio --json --csv "$T/pf"
check_sh "portfolio: --json with --csv is a usage error" '[ $rc -eq 2 ]'

echo "1..$n"
[ $failed -eq 0 ]
