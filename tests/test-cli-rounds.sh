#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-cli-rounds.sh CHARTA_CLI: charta-cli round close/list/rename and charta-cli changes,
# on real files: every kind of change listed exactly, the JSON parsed, bad input named.
# Prints TAP. Needs python3.

set -u

CLI="${1:?usage: test-cli-rounds.sh PATH/TO/charta-cli}"
case "$CLI" in
  /*) ;;
  *) CLI="$PWD/$CLI" ;;
esac
PYTHON="${PYTHON:-python3}"
T=$(mktemp -d "${TMPDIR:-/tmp}/charta-cli-rounds.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT INT TERM

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  for f in out err; do
    if [ -s "$T/$f" ]; then
      echo "# $f:"
      head -c 2000 "$T/$f" | sed 's/^/#   /'
    fi
  done
}

check () {
  desc="$1"
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

run () {
  timeout 20 "$CLI" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}

# py CODE: runs Python with the project file's path as P and the output as OUT.
py () {
  "$PYTHON" - "$P" "$T/out" <<EOF
import json, sys
P, OUT = sys.argv[1], sys.argv[2]
$1
EOF
}

P="$T/city.charta"

# ---- a project as it stands when the round closes ----
run new --city Testville -o "$P"
check "new: exit 0" [ "$rc" -eq 0 ]
py '
d = json.load(open(P))
d["period"] = {"start": "2026-01-01", "end": "2026-12-31"}
d["assessments"] = {
  "charter.commitment.policymaker.1": {"level": 2},
  "charter.commitment.employer.1": {"level": 3},
  "dive.area.buyer.1": {"level": 1},
}
def action(n, title, status, due=None, item=None):
  a = {"id": "00000000-0000-4000-8000-00000000000%d" % n, "title": title, "status": status}
  if due: a["due"] = due
  if item: a["items"] = [item]
  return a
d["actions"] = [
  action(1, "Stays as it is", "planned", "2027-01-31", "charter.commitment.policymaker.1"),
  action(2, "Gets finished", "in-progress", None, "charter.commitment.employer.1"),
  action(3, "Gets postponed", "planned", "2026-12-31", "dive.area.buyer.1"),
  action(4, "Falls overdue", "planned", "2026-09-30"),
  action(5, "Overdue already", "planned", "2026-03-01"),
]
def measure(n, title, direction, value, target=None):
  m = {"id": "11111111-0000-4000-8000-00000000000%d" % n, "title": title, "unit": "%",
       "direction": direction, "actuals": [{"date": "2026-05-31", "value": value}]}
  if target is not None: m["target"] = {"date": "2026-12-31", "value": target}
  return m
d["measures"] = [
  measure(1, "Staff with a migration background", "increase", 10),
  measure(2, "Waiting time", "decrease", 20),
  measure(3, "Satisfaction", "maintain", 50, 50),
]
json.dump(d, open(P, "w"), indent=2)
'
run normalize "$P"
check "the test project is valid" [ "$rc" -eq 0 ]

# ---- no round yet ----
run changes "$P"
check "changes without a round: exit 2" [ "$rc" -eq 2 ]
check "changes without a round: says so, naming the file" grep -q "^$P: rounds: the project has no closed round" "$T/err"
run round list "$P"
check "round list without a round: exit 0" [ "$rc" -eq 0 ]
check "round list without a round: says so" grep -q "no round closed yet" "$T/out"

# ---- close ----
cp "$P" "$T/before"
run round close "$P"
check "round close without --label: exit 2" [ "$rc" -eq 2 ]
run round close "$P" --label "Mid-year" --date 2026-06-31
check "round close with a bad date: exit 2" [ "$rc" -eq 2 ]
check "round close with a bad date: names --date" grep -q -- "--date: “2026-06-31”" "$T/err"
run round close "$P" --label "   " --date 2026-06-30
check "round close with a blank label: exit 2" [ "$rc" -eq 2 ]
check "round close with a blank label: names the file and the field" grep -q "^$P: label: " "$T/err"
check "a refused close leaves the file as it was" cmp -s "$P" "$T/before"

run round close "$P" --label "Mid-year 2026" --date 2026-06-30
check "round close: exit 0" [ "$rc" -eq 0 ]
check "round close: says what it closed" grep -q "round 1 “Mid-year 2026” closed on 2026-06-30" "$T/out"
check "round close: the file is canonical (normalize changes nothing)" sh -c "cp '$P' '$T/c' && '$CLI' normalize '$T/c' && cmp -s '$P' '$T/c'"
py '
d = json.load(open(P))
r = d["rounds"][0]
assert r["label"] == "Mid-year 2026" and r["closed"] == "2026-06-30", r
assert r["period"] == {"start": "2026-01-01", "end": "2026-12-31"}, r
s = r["snapshot"]
assert s["items"]["charter.commitment.employer.1"] == {"level": 3}, s["items"]
assert [a["status"] for a in s["actions"]] == ["planned", "in-progress", "planned", "planned", "planned"]
assert [(m["date"], m["value"]) for m in s["measures"]] == [("2026-05-31", 10), ("2026-05-31", 20), ("2026-05-31", 50)]
' && ok "round close: the snapshot holds levels, statuses and latest values" || not_ok "round close: the snapshot holds levels, statuses and latest values"

run round close "$P" --label "Earlier" --date 2026-06-01
check "round close before the last round: exit 2" [ "$rc" -eq 2 ]
check "round close before the last round: names the field and the round" grep -q "^$P: closed: 2026-06-01 is before 2026-06-30, when the last round “Mid-year 2026”" "$T/err"

run changes "$P" --date 2026-06-30
check "changes right after closing: exit 0" [ "$rc" -eq 0 ]
check "changes right after closing: nothing changed" grep -q "^Nothing changed.$" "$T/out"

# ---- change every kind of thing ----
py '
d = json.load(open(P))
d["assessments"]["charter.commitment.policymaker.1"]["level"] = 3
d["assessments"]["charter.commitment.employer.1"]["level"] = 2
d["assessments"]["dive.area.buyer.1"]["level"] = 2
d["actions"][1]["status"] = "done"
d["actions"][2]["status"] = "postponed"
d["actions"].append({"id": "00000000-0000-4000-8000-000000000006", "title": "New", "status": "planned",
                     "due": "2026-12-15", "items": ["charter.commitment.buyer.2"]})
m = d["measures"]
m[0]["actuals"] += [{"date": "2026-11-30", "value": 12.1}, {"date": "2026-06-30", "value": 12.4}]
# Entered last but older: the newest date (18, toward the target) counts, not 25.
m[1]["actuals"] += [{"date": "2026-10-31", "value": 18}, {"date": "2026-06-15", "value": 25}]
m[2]["actuals"] += [{"date": "2026-10-31", "value": 44}]
json.dump(d, open(P, "w"), indent=2)
'

run changes "$P" --date 2026-11-30 --json
check "changes --json: exit 0" [ "$rc" -eq 0 ]
py '
d = json.load(open(OUT))
assert d["since"]["label"] == "Mid-year 2026" and d["today"] == "2026-11-30", d["since"]
got = [(c["kind"], c["title"] if c["kind"][0] != "l" else c["id"], c["from"], c["to"]) for c in d["changes"]]
want = [
  ("level-up", "charter.commitment.policymaker.1", 2, 3),
  ("level-down", "charter.commitment.employer.1", 3, 2),
  ("level-up", "dive.area.buyer.1", 1, 2),
  ("action-completed", "Gets finished", "in-progress", "done"),
  ("action-postponed", "Gets postponed", "planned", "postponed"),
  ("action-overdue", "Falls overdue", "planned", "planned"),
  ("action-added", "New", None, "planned"),
  ("measure-toward-target", "Staff with a migration background", {"date": "2026-05-31", "value": 10}, {"date": "2026-11-30", "value": 12.1}),
  ("measure-toward-target", "Waiting time", {"date": "2026-05-31", "value": 20}, {"date": "2026-10-31", "value": 18}),
  ("measure-away-from-target", "Satisfaction", {"date": "2026-05-31", "value": 50}, {"date": "2026-10-31", "value": 44}),
]
assert got == want, got
assert d["counts"]["level-up"] == 2 and d["counts"]["action-added"] == 1 and d["counts"]["measure-away-from-target"] == 1, d["counts"]
assert d["changes"][6]["groups"] == ["charter.role.buyer"], d["changes"][6]["groups"]
assert "charter.role.buyer" in d["changes"][2]["groups"] and "dive.area.buyer.1" in d["changes"][2]["groups"]
assert d["changes"][9]["direction"] == "maintain" and d["changes"][9]["target"]["value"] == 50
groups = [g["id"] for g in d["groups"]]
assert groups == ["charter.role.policymaker", "charter.role.employer", "charter.role.buyer", "dive.area.buyer.1", None], groups
' && ok "changes --json: every change listed exactly, grouped by role and area" || not_ok "changes --json: every change listed exactly, grouped by role and area"

run changes "$P" --date 2026-11-30
check "changes: exit 0" [ "$rc" -eq 0 ]
check "changes: names the round" grep -q "^Changes since round 1 “Mid-year 2026”, closed on 2026-06-30, as of 2026-11-30$" "$T/out"
check "changes: a role heading" grep -q "^The city as employer$" "$T/out"
check "changes: a level down" grep -q "^  Level down: .*: level 3 → 2$" "$T/out"
check "changes: an action completed" grep -q "^  Action completed: Gets finished: In progress → Done$" "$T/out"
check "changes: an action newly overdue" grep -q "^  Action newly overdue: Falls overdue: Planned, due 2026-09-30$" "$T/out"
check "changes: not an action overdue already" sh -c "! grep -q 'Overdue already' '$T/out'"
check "changes: a measure by its newest value" grep -q "^  Measure toward its target: Waiting time: 20 % (2026-05-31) → 18 % (2026-10-31)$" "$T/out"

# ---- a second round, --since, rename ----
run round close "$P" --label "Year 2026" --date 2026-12-31
check "a second round: exit 0" [ "$rc" -eq 0 ]
run changes "$P" --date 2026-12-31 --json
py '
d = json.load(open(OUT))
assert d["since"]["label"] == "Year 2026" and d["changes"] == [], d
' && ok "changes compares with the last round by default" || not_ok "changes compares with the last round by default"
run changes "$P" --since "Mid-year 2026" --date 2026-11-30 --json
py '
d = json.load(open(OUT))
assert d["since"]["label"] == "Mid-year 2026" and len(d["changes"]) == 10, d["since"]
' && ok "changes --since LABEL" || not_ok "changes --since LABEL"
run changes "$P" --since 3
check "changes --since a round that does not exist: exit 2" [ "$rc" -eq 2 ]
check "changes --since a round that does not exist: names the file, the option and the rounds" \
  grep -q "^$P: --since: no round “3”: name one by its number, label or id (1 “Mid-year 2026”, 2 “Year 2026”)$" "$T/err"

cp "$P" "$T/before"
run round rename "$P" 1 --label "First half of 2026"
check "round rename: exit 0" [ "$rc" -eq 0 ]
run round list "$P"
check "round list: the new label" grep -q "^1  2026-06-30  First half of 2026  (2026-01-01 – 2026-12-31)  " "$T/out"
run round list "$P" --json
py '
d = json.load(open(OUT))
assert [(r["number"], r["label"], r["closed"]) for r in d] == [(1, "First half of 2026", "2026-06-30"), (2, "Year 2026", "2026-12-31")], d
a = json.load(open(sys.argv[1]))["rounds"][0]
b = json.load(open(sys.argv[1].replace("city.charta", "before")))["rounds"][0]
b["label"] = "First half of 2026"
assert a == b, "rename changed more than the label"
' && ok "round rename changes the label and nothing else" || not_ok "round rename changes the label and nothing else"
run round rename "$P" "No such round" --label "X"
check "round rename of a round that does not exist: exit 2 and named" sh -c "[ $rc -eq 2 ] && grep -q '^$P: no round “No such round”' '$T/err'"

# ---- the snapshot survives a round trip and a hand edit is caught by the loader ----
cp "$P" "$T/c"
run normalize "$T/c"
check "a file with rounds normalizes unchanged" cmp -s "$P" "$T/c"
sed 's/"status": "in-progress"/"status": "begun"/' "$P" > "$T/bad.charta"
run changes "$T/bad.charta"
check "a snapshot with a bad status: exit 1" [ "$rc" -eq 1 ]
check "a snapshot with a bad status: file, line and field" grep -q "^$T/bad.charta:[0-9]*:[0-9]*: rounds\[0\].snapshot.actions\[1\].status: " "$T/err"

# ---- a round without a snapshot (the format allows one) has nothing to compare with ----
"$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
del d["rounds"][1]["snapshot"]
json.dump(d, open(sys.argv[2], "w"), indent=2)
' "$P" "$T/nosnap.charta"
run changes "$T/nosnap.charta"
check "changes since a round without a snapshot: exit 2, named" \
  sh -c "[ $rc -eq 2 ] && grep -q '^$T/nosnap.charta: rounds: round “Year 2026” has no snapshot to compare with$' '$T/err'"
run changes "$T/nosnap.charta" --since 1 --date 2026-11-30 --json
check "changes since an earlier round with a snapshot still works" [ "$rc" -eq 0 ]

# ---- a file that cannot be read is never written ----
run round close "$T/missing.charta" --label X
check "round close of a missing file: exit 1, nothing created" sh -c "[ $rc -eq 1 ] && [ ! -e '$T/missing.charta' ]"
cp "$T/bad.charta" "$T/bad-before"
run round close "$T/bad.charta" --label X
check "round close of an invalid file: exit 1, the file left as it was" sh -c "[ $rc -eq 1 ] && cmp -s '$T/bad.charta' '$T/bad-before'"

# ---- the default period of a report is the open round's, the project's period ----
"$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["period"] = {"start": "2018-01-01", "end": "2018-06-30"}
json.dump(d, open(sys.argv[2], "w"), indent=2)
' "$P" "$T/h1.charta"
run report "$T/h1.charta" --made 2026-11-30T12:00:00Z
check "report: exit 0" [ "$rc" -eq 0 ]
py '
d = json.load(open(OUT))
assert d["period"] == {"id": "2018-H1", "start": "2018-01-01", "end": "2018-06-30"}, d["period"]
' && ok "report without --period: the project's period (2018-H1), not the calendar year" || not_ok "report without --period: the project's period (2018-H1), not the calendar year"

# ---- help ----
for c in "round close" "round list" "round rename" "changes"; do
  run $c --help
  check "$c --help: exit 0 and a usage line" sh -c "[ $rc -eq 0 ] && grep -q 'charta-cli $c' '$T/out'"
done
run round
check "round without a subcommand: exit 2" [ "$rc" -eq 2 ]
run --help
check "--help lists round and changes" sh -c "grep -q '^  round ' '$T/out' && grep -q '^  changes ' '$T/out'"

echo "1..$n"
[ "$failed" -eq 0 ]
