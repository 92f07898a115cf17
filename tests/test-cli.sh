#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-cli.sh CHARTA_CLI: charta-cli's exit codes, output and behaviour on hostile files.
# Prints TAP. Needs python3 (to check JSON and to make test files deterministically).

set -u

CLI="${1:?usage: test-cli.sh PATH/TO/charta-cli}"
case "$CLI" in
  /*) ;;
  *) CLI="$PWD/$CLI" ;;
esac
PYTHON="${PYTHON:-python3}"
T=$(mktemp -d "${TMPDIR:-/tmp}/charta-cli-test.XXXXXX") || exit 99
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
  if [ -s "$T/err" ]; then
    echo "# stderr:"
    head -c 2000 "$T/err" | sed 's/^/#   /'
  fi
}

check () {
  # check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
  desc="$1"
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

check_sh () {
  # check_sh DESCRIPTION SHELL-EXPRESSION: passes when the expression is true.
  if eval "$2"; then ok "$1"; else not_ok "$1"; fi
}

# run ARGS...: runs charta-cli with a time limit; sets $rc, output in $T/out and $T/err.
run () {
  timeout 20 "$CLI" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}

# Whether stderr has a line starting with FILE followed by :LINE (digits).
stderr_names () {
  awk -v f="$1:" 'index($0, f) == 1 && substr($0, length(f) + 1) ~ /^[0-9]+/ { found = 1 } END { exit !found }' "$T/err"
}

json_check () {
  # json_check PYTHON-CODE < JSON: the code sees the document as `d`.
  "$PYTHON" -c "import json, sys
d = json.load(sys.stdin)
$1"
}

# ---- test files ----

cat >"$T/valid.charta" <<'EOF'
{
  "format": "charta-project",
  "version": 2,
  "id": "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
  "title": "Integration plan",
  "city": {
    "id": "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
    "name": "Mechelen",
    "country": "BE"
  },
  "period": {
    "start": "2018-01-01",
    "end": "2020-12-31"
  },
  "frameworks": [
    "charter",
    "dive",
    "aii"
  ],
  "people": [
    {
      "id": "11111111-1111-4111-8111-111111111111",
      "name": "An Peeters"
    }
  ],
  "partners": [],
  "assessments": {
    "charter.commitment.policymaker.1": {
      "level": 3
    },
    "dive.area.pm.1": {
      "level": 2,
      "key-problems": [
        "dive.area.pm.1.kp1"
      ]
    }
  },
  "actions": [
    {
      "id": "22222222-2222-4222-8222-222222222222",
      "title": "Train front-desk staff",
      "workforms": [
        "aii.workform.training"
      ],
      "owner": "11111111-1111-4111-8111-111111111111",
      "due": "2019-06-30",
      "status": "planned"
    }
  ],
  "measures": [],
  "consultations": []
}
EOF

# The same project, compact and with every object's keys in reverse order.
"$PYTHON" - "$T" <<'EOF' || exit 99
import json, sys
t = sys.argv[1]
def rev(o):
    if isinstance(o, dict):
        return {k: rev(o[k]) for k in reversed(list(o))}
    if isinstance(o, list):
        return [rev(v) for v in o]
    return o
d = json.load(open(t + "/valid.charta"))
open(t + "/messy.charta", "w").write(json.dumps(rev(d), separators=(",", ":"), ensure_ascii=False))

# Three actions: one overdue on 2026-01-01, one done after its due date, one due later.
d["actions"] += [
    {"id": "66666666-6666-4666-8666-666666666666", "title": "Done late", "due": "2020-01-31", "status": "done"},
    {"id": "77777777-7777-4777-8777-777777777777", "title": "Later", "due": "2030-01-01", "status": "in-progress"},
]
open(t + "/summary.charta", "w").write(json.dumps(d, indent=2, ensure_ascii=False))

# An invalid project: a date that does not exist.
s = open(t + "/valid.charta").read()
open(t + "/invalid.charta", "w").write(s.replace('"due": "2019-06-30"', '"due": "2018-02-30"'))
EOF

# ---- exit codes ----

run validate "$T/valid.charta"
check "validate: a valid file exits 0" [ "$rc" -eq 0 ]
check "validate: says the file is valid" grep -q "valid.charta: valid" "$T/out"

run validate "$T/invalid.charta"
check "validate: an invalid file exits 1" [ "$rc" -eq 1 ]
check "validate: the problem is FILE:LINE:COLUMN: field: message" \
  grep -q "^$T/invalid.charta:46:14: actions\[0\]\.due: .*2018-02-30" "$T/err"

run validate "$T/valid.charta" "$T/invalid.charta"
check "validate: any invalid file among several exits 1" [ "$rc" -eq 1 ]

run validate -q "$T/valid.charta"
check_sh "validate -q: exits 0 and prints nothing" '[ "$rc" -eq 0 ] && [ ! -s "$T/out" ]'

run validate "$T/does-not-exist.charta"
check "validate: a missing file exits 1" [ "$rc" -eq 1 ]
check "validate: a missing file is named with :LINE" stderr_names "$T/does-not-exist.charta"

run validate
check "validate: no FILE exits 2" [ "$rc" -eq 2 ]
run validate --no-such-option "$T/valid.charta"
check "validate: an unknown option exits 2" [ "$rc" -eq 2 ]
run
check "no command exits 2" [ "$rc" -eq 2 ]
run frobnicate
check "an unknown command exits 2" [ "$rc" -eq 2 ]
run normalize
check "normalize: no FILE exits 2" [ "$rc" -eq 2 ]
run normalize --bogus "$T/valid.charta"
check "normalize: an unknown option exits 2" [ "$rc" -eq 2 ]
run summary "$T/valid.charta" --date 2026-02-30
check "summary: a date that does not exist exits 2" [ "$rc" -eq 2 ]
run frameworks extra-argument
check "frameworks: a FILE exits 2" [ "$rc" -eq 2 ]

# ---- --help ----

run --help
check "--help exits 0" [ "$rc" -eq 0 ]
check "--help lists the commands" grep -q "normalize" "$T/out"
for cmd in validate normalize frameworks summary new; do
  run "$cmd" --help
  check "$cmd --help exits 0" [ "$rc" -eq 0 ]
  check "$cmd --help shows its usage" grep -q "^Usage:" "$T/out"
  check "$cmd --help names the command" grep -q "charta-cli $cmd" "$T/out"
done

# ---- normalize ----

cp "$T/messy.charta" "$T/messy-before.charta"
run normalize "$T/messy.charta" -o "$T/normalized.charta"
check "normalize -o: exits 0" [ "$rc" -eq 0 ]
check "normalize -o: writes the canonical form" cmp -s "$T/normalized.charta" "$T/valid.charta"
check "normalize -o: leaves FILE alone" cmp -s "$T/messy.charta" "$T/messy-before.charta"

run normalize "$T/messy.charta" -o -
check "normalize -o -: canonical form on standard output" cmp -s "$T/out" "$T/valid.charta"

run normalize "$T/messy.charta"
check "normalize in place: exits 0" [ "$rc" -eq 0 ]
check "normalize in place: FILE is canonical" cmp -s "$T/messy.charta" "$T/valid.charta"

# A version 1 file is migrated, and normalize says so once.
"$PYTHON" - "$T" <<'EOF' || exit 99
import sys
t = sys.argv[1]
s = open(t + "/valid.charta").read()
s = s.replace('"version": 2', '"version": 1')
s = s.replace('"workforms": [\n        "aii.workform.training"\n      ],', '"workform": "aii.workform.training",')
open(t + "/v1.charta", "w").write(s)
EOF
run normalize "$T/v1.charta" -o "$T/v1-out.charta"
check "normalize v1: exits 0" [ "$rc" -eq 0 ]
check "normalize v1: writes version 2" cmp -s "$T/v1-out.charta" "$T/valid.charta"
check "normalize v1: says once that it is written in version 2" \
  [ "$(grep -c "format version 1; written in version 2" "$T/err")" -eq 1 ]
run normalize "$T/valid.charta" -o "$T/v2-out.charta"
check "normalize v2: says nothing" [ ! -s "$T/err" ]

cp "$T/invalid.charta" "$T/invalid-before.charta"
ino_before=$(ls -i "$T/invalid.charta" | awk '{ print $1 }')
run normalize "$T/invalid.charta"
check "normalize: an invalid file exits 1" [ "$rc" -eq 1 ]
check "normalize: an invalid file is left byte for byte" cmp -s "$T/invalid.charta" "$T/invalid-before.charta"
check "normalize: an invalid file is not rewritten" [ "$(ls -i "$T/invalid.charta" | awk '{ print $1 }')" = "$ino_before" ]
run normalize "$T/invalid.charta" -o "$T/never.charta"
check_sh "normalize -o: nothing written for an invalid file" '[ "$rc" -eq 1 ] && [ ! -e "$T/never.charta" ]'

# ---- frameworks ----

run frameworks --json
check "frameworks --json: exits 0" [ "$rc" -eq 0 ]
check "frameworks --json: valid JSON with the four frameworks and their items" json_check '
ids = [f["id"] for f in d["frameworks"]]
assert ids == ["charter", "dive", "inclucities", "aii"], ids
for f in d["frameworks"]:
    assert f["title"] and len(f["scale"]) >= 4, f["id"]
    assert len(f["items"]) > 0, f["id"]
    for i in f["items"]:
        for k in ("id", "kind", "parent", "title"):
            assert k in i, (i, k)
        assert isinstance(i["id"], str) and i["id"].startswith(f["id"] + "."), i
        assert i["parent"] is None or isinstance(i["parent"], str), i
all_ids = [i["id"] for f in d["frameworks"] for i in f["items"]]
assert len(all_ids) == len(set(all_ids))
' <"$T/out"

run frameworks
check_sh "frameworks: exits 0 and lists item ids" '[ "$rc" -eq 0 ] && grep -q "aii.workform.coaching-trajectory" "$T/out"'

# ---- summary ----

run summary "$T/summary.charta" --json --date 2026-01-01
check "summary --json: exits 0" [ "$rc" -eq 0 ]
check "summary --json: exactly one overdue action" json_check '
assert d["date"] == "2026-01-01", d["date"]
assert [o["id"] for o in d["overdue"]] == ["22222222-2222-4222-8222-222222222222"], d["overdue"]
assert d["actions"]["planned"] == 1 and d["actions"]["done"] == 1 and d["actions"]["in-progress"] == 1, d["actions"]
assert len(d["roles"]) == 4
' <"$T/out"

run summary "$T/summary.charta" --date 2026-01-01
check_sh "summary: text output counts one overdue action" '[ "$rc" -eq 0 ] && grep -q "^1 overdue action" "$T/out"'
run summary "$CHARTA_SOURCE_DIR/data/examples/mechelen-2018.charta" --date 2026-01-01
check_sh "summary: one open action is said in the singular" 'grep -q "· 1 open action\$" "$T/out" && ! grep -q " 1 open actions" "$T/out"'
check_sh "summary: a long area title stands on its own line, its figures beneath" 'grep -q "^  Consultation with citizens with a migrant background\$" "$T/out" && grep -q "^      not assessed · 0 of 1 assessed · 0 open actions\$" "$T/out"'
check_sh "summary: the agreement's consultation rules for the plan's year, all met" 'grep -q "^Meetings the agreement asks for in 2018:\$" "$T/out" && grep -q "^  4 held, 3 required  At least three meetings" "$T/out" && ! grep -q "(behind)" "$T/out"'
run summary "$CHARTA_SOURCE_DIR/data/examples/mechelen-2018.charta" --json --date 2026-01-01
check "summary --json: the consultation rules, held versus required" json_check '
r = {c["id"]: c for c in d["consultation-rules"]}
assert r["aii.consultation-rule.meetings"]["held"] == 4 and r["aii.consultation-rule.meetings"]["required"] == 3, r
assert r["aii.consultation-rule.policy-lead"]["held"] == 1 and not r["aii.consultation-rule.evaluation"]["behind"], r
assert all(c["year"] == 2018 for c in r.values()), r
' <"$T/out"

run summary "$T/invalid.charta" --json
check "summary: an invalid file exits 1" [ "$rc" -eq 1 ]

# ---- new ----

run new --city "Sint-Niklaas" -o "$T/new.charta"
check "new: exits 0" [ "$rc" -eq 0 ]
run validate "$T/new.charta"
check "new: the file is valid" [ "$rc" -eq 0 ]
check "new: the file names the city" json_check '
assert d["city"]["name"] == "Sint-Niklaas", d["city"]
assert d["format"] == "charta-project" and d["version"] == 2
' <"$T/new.charta"
cp "$T/new.charta" "$T/new-before.charta"
run new --city "Other" -o "$T/new.charta"
check "new: refuses to overwrite (exit 1)" [ "$rc" -eq 1 ]
check "new: the existing file is unchanged" cmp -s "$T/new.charta" "$T/new-before.charta"
run new -o "$T/no-city.charta"
check_sh "new: no --city exits 2" '[ "$rc" -eq 2 ] && [ ! -e "$T/no-city.charta" ]'
run new --city "X" -f nonexistent -o "$T/bad-fw.charta"
check_sh "new: an unknown framework exits 2" '[ "$rc" -eq 2 ] && [ ! -e "$T/bad-fw.charta" ]'

# The period and the frameworks (issue 12): without --period the current calendar year.
year=$(date +%Y)
check "new: without --period the period is the calendar year" json_check "
assert d['period']['start'] == '$year-01-01' and d['period']['end'] == '$year-12-31', d['period']
assert d['frameworks'] == ['charter', 'dive'], d['frameworks']
" <"$T/new.charta"
run new --city Mechelen --period 2018-01-01..2020-12-31 --framework charter,aii -f inclucities -f aii -o "$T/period.charta"
check "new --period --framework: exits 0" [ "$rc" -eq 0 ]
check "new --period --framework: period and frameworks as given, once each" json_check "
assert d['period']['start'] == '2018-01-01' and d['period']['end'] == '2020-12-31', d['period']
assert d['frameworks'] == ['charter', 'aii', 'inclucities'], d['frameworks']
" <"$T/period.charta"
run validate "$T/period.charta"
check "new --period: the file is valid" [ "$rc" -eq 0 ]
run new --city X --period 2021-01-01..2020-12-31 -o "$T/bad-period.charta"
check_sh "new: a period ending before it starts exits 2 with no file" '[ "$rc" -eq 2 ] && [ ! -e "$T/bad-period.charta" ]'
check "new: says the period ends before it starts" grep -q "ends (2020-12-31) before it starts (2021-01-01)" "$T/err"
run new --city X --period 2021-02-30..2021-12-31 -o "$T/bad-period.charta"
check_sh "new: a date that does not exist exits 2 with no file" '[ "$rc" -eq 2 ] && [ ! -e "$T/bad-period.charta" ]'
check "new: names the date that does not exist" grep -q "2021-02-30" "$T/err"
run new --city X --period 2021 -o "$T/bad-period.charta"
check_sh "new: a period without .. exits 2" '[ "$rc" -eq 2 ] && [ ! -e "$T/bad-period.charta" ]'
check "new: says how to write a period" grep -q "START..END" "$T/err"
run new --city X -f charter,nonexistent -o "$T/bad-fw.charta"
check_sh "new: an unknown framework in a comma list exits 2" '[ "$rc" -eq 2 ] && [ ! -e "$T/bad-fw.charta" ]'
check "new: names the unknown framework" grep -q "“nonexistent”" "$T/err"
run new --help
check "new --help describes --period" grep -q -- "--period=START..END" "$T/out"

# ---- hostile files ----

mkdir "$T/hostile"
H="$T/hostile"
: >"$H/empty.charta"
size=$(wc -c <"$T/valid.charta")
head -c $((size / 2)) "$T/valid.charta" >"$H/truncated.charta"
"$PYTHON" - "$H" "$T/valid.charta" <<'EOF' || exit 99
import random, sys
h, valid = sys.argv[1], sys.argv[2]
rng = random.Random(20180101)
open(h + "/random.charta", "wb").write(bytes(rng.getrandbits(8) for _ in range(4096)))
s = open(valid, "rb").read()
open(h + "/bad-utf8.charta", "wb").write(s.replace(b'"Integration plan"', b'"Integration \xff\xfe plan"'))
open(h + "/array.charta", "w").write('[{"format": "charta-project", "version": 1}]\n')
open(h + "/string.charta", "w").write('"charta-project"\n')
open(h + "/nan.charta", "wb").write(s.replace(b'"level": 3', b'"level": NaN'))
open(h + "/huge-number.charta", "wb").write(s.replace(b'"level": 3', b'"level": 1e99999'))
open(h + "/nested.charta", "w").write("[" * 200000)
open(h + "/future.charta", "wb").write(s.replace(b'"version": 2', b'"version": 3'))
with open(h + "/long-string.charta", "wb") as f:
    f.write(s.replace(b'"Integration plan"', b'"' + b"x" * (60 * 1000 * 1000) + b'"'))
with open(h + "/too-large.charta", "wb") as f:
    f.write(b"{" + b" " * (70 * 1000 * 1000) + b"}")
EOF

for name in empty truncated random bad-utf8 array string nan huge-number nested future long-string too-large; do
  f="$H/$name.charta"
  cp "$f" "$T/before.charta"
  run validate "$f"
  check "hostile $name: validate exits exactly 1 (got $rc)" [ "$rc" -eq 1 ]
  check "hostile $name: stderr names $name.charta:LINE" stderr_names "$f"
  run normalize "$f"
  check "hostile $name: normalize exits exactly 1 (got $rc)" [ "$rc" -eq 1 ]
  check "hostile $name: normalize leaves the file byte for byte" cmp -s "$f" "$T/before.charta"
  case "$name" in
    future)
      check "hostile future: says a newer Charta wrote it" grep -q "newer Charta" "$T/err" ;;
    too-large)
      check "hostile too-large: refused for its size" grep -q "^$f:1:1: .*64 MiB" "$T/err" ;;
  esac
  rm -f "$T/before.charta"
done
rm -f "$H/long-string.charta" "$H/too-large.charta"

# A file named relatively is reported with one location, not two.
cp "$H/truncated.charta" "$T/relative.charta"
"$PYTHON" -c "import sys; open(sys.argv[1], 'wb').write(b'{' + b' ' * (70 * 1000 * 1000) + b'}')" "$T/big.charta"
for name in relative big; do
  (cd "$T" && timeout 20 "$CLI" validate "$name.charta" >"$T/out" 2>"$T/err")
  rc=$?
  check "relative $name: exits 1" [ "$rc" -eq 1 ]
  check "relative $name: stderr names the file with :LINE" \
    sh -c 'grep -q "^\(.*/\)\{0,1\}$1.charta:[0-9]" "$2"' sh "$name" "$T/err"
  check "relative $name: one FILE:LINE:COLUMN per message" \
    sh -c '! grep -q ":[0-9][0-9]*:[0-9][0-9]*: .*:[0-9][0-9]*:[0-9][0-9]*: " "$1"' sh "$T/err"
done
rm -f "$T/big.charta"

# ---- the loader's and the command line's edges ----

# A FIFO is refused at once, before reading: nothing writes to it, so a read would hang.
mkfifo "$T/fifo.charta"
start=$(date +%s)
run validate "$T/fifo.charta"
elapsed=$(( $(date +%s) - start ))
check "fifo: validate exits 1 (got $rc)" [ "$rc" -eq 1 ]
check "fifo: validate does not block (${elapsed}s)" [ "$elapsed" -lt 5 ]
check "fifo: refused as not a regular file" grep -q "fifo.charta:1:1: not a regular file" "$T/err"
run normalize "$T/fifo.charta"
check "fifo: normalize exits 1 (got $rc)" [ "$rc" -eq 1 ]
rm -f "$T/fifo.charta"
mkdir "$T/folder.charta"
run validate "$T/folder.charta"
check_sh "folder: validate exits 1 and says it is a folder" '[ "$rc" -eq 1 ] && grep -q "folder.charta:1:1: a folder" "$T/err"'
rmdir "$T/folder.charta"

# A file name is a path, never a URI: "Mechelen:" is no scheme.
cp "$T/valid.charta" "$T/Mechelen:2018.charta"
(cd "$T" && timeout 20 "$CLI" validate "Mechelen:2018.charta" >"$T/out" 2>"$T/err")
rc=$?
check "colon in a name: validate Mechelen:2018.charta exits 0 (got $rc)" [ "$rc" -eq 0 ]
(cd "$T" && timeout 20 "$CLI" normalize "Mechelen:2018.charta" >"$T/out" 2>"$T/err")
rc=$?
check "colon in a name: normalize in place exits 0 (got $rc)" [ "$rc" -eq 0 ]
(cd "$T" && timeout 20 "$CLI" new --city Gent -o "Gent:2024.charta" >"$T/out" 2>"$T/err")
rc=$?
check_sh "colon in a name: new -o Gent:2024.charta creates that file" '[ "$rc" -eq 0 ] && [ -s "$T/Gent:2024.charta" ]'
rm -f "$T/Mechelen:2018.charta" "$T/Gent:2024.charta"

# Standard output that cannot be written is a failure with the reason, never exit 0.
if [ -w /dev/full ]; then
  for args in "normalize -o - $T/valid.charta" "report --period 2019 $T/valid.charta" \
              "summary $T/valid.charta" "summary --json $T/valid.charta" "frameworks" "outbox"; do
    # shellcheck disable=SC2086
    XDG_DATA_HOME="$T/xdg" timeout 20 "$CLI" $args >/dev/full 2>"$T/err"
    rc=$?
    check "stdout full: $args exits 1 (got $rc)" [ "$rc" -eq 1 ]
    check "stdout full: $args says why" grep -q "cannot write to standard output: No space left on device" "$T/err"
  done
fi

# normalize never writes a file Charta would refuse to open: compact nested arrays in an
# unknown field grow past 64 MiB when indented.
"$PYTHON" - "$T" <<'EOF' || exit 99
import json, sys
t = sys.argv[1]
d = json.load(open(t + "/valid.charta"))
v = [0] * 900000
for i in range(38):
    v = [v]
d["x-extra"] = v
open(t + "/grows.charta", "w").write(json.dumps(d, separators=(",", ":")))
EOF
cp "$T/grows.charta" "$T/grows.before"
run normalize "$T/grows.charta"
check "too large once normalized: exits 1 (got $rc)" [ "$rc" -eq 1 ]
check "too large once normalized: says Charta cannot open it" grep -q "Charta cannot open a file larger than" "$T/err"
check "too large once normalized: the file is untouched" cmp -s "$T/grows.charta" "$T/grows.before"
run normalize -o "$T/grows-out.charta" "$T/grows.charta"
check_sh "too large once normalized: -o OUT is not written" '[ "$rc" -eq 1 ] && [ ! -e "$T/grows-out.charta" ]'
run normalize -o - "$T/grows.charta"
check_sh "too large once normalized: nothing on standard output" '[ "$rc" -eq 1 ] && [ ! -s "$T/out" ]'
rm -f "$T/grows.charta" "$T/grows.before"

# ---- the outbox: corrupt entries, removal, tokens ----

OB="$T/xdg/charta/outbox"
mkdir -p "$OB"
printf '{"format": "charta-outbox-entry", "rep' >"$OB/11111111-1111-4111-8111-111111111111.json"
printf 'not json at all\n' >"$OB/22222222-2222-4222-8222-222222222222.json"
mkdir "$OB/33333333-3333-4333-8333-333333333333.json"
ln -s /dev/zero "$OB/44444444-4444-4444-8444-444444444444.json"
mkfifo "$OB/55555555-5555-4555-8555-555555555555.json"
for cmd in outbox sync; do
  start=$(date +%s)
  XDG_DATA_HOME="$T/xdg" CHARTA_TOKEN=chub_x CHARTA_ENDPOINT=http://127.0.0.1:9/ timeout 20 "$CLI" $cmd >"$T/out" 2>"$T/err"
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  check "corrupt outbox: $cmd exits 1 (got $rc)" [ "$rc" -eq 1 ]
  check "corrupt outbox: $cmd does not block (${elapsed}s)" [ "$elapsed" -lt 10 ]
  for id in 11111111-1111-4111-8111-111111111111 22222222-2222-4222-8222-222222222222 \
            33333333-3333-4333-8333-333333333333 44444444-4444-4444-8444-444444444444 \
            55555555-5555-4555-8555-555555555555; do
    check "corrupt outbox: $cmd names $id" grep -q "$OB/$id.json" "$T/err"
  done
done
check "corrupt outbox: the symlink is named as one" grep -q "44444444-4444-4444-8444-444444444444.json:1:1: a symbolic link" "$T/err"
check "corrupt outbox: the FIFO is named as not a regular file" grep -q "55555555-5555-4555-8555-555555555555.json:1:1: not a regular file" "$T/err"
XDG_DATA_HOME="$T/xdg" timeout 20 "$CLI" outbox remove 11111111-1111-4111-8111-111111111111 \
  44444444-4444-4444-8444-444444444444 55555555-5555-4555-8555-555555555555 >"$T/out" 2>"$T/err"
rc=$?
check_sh "outbox remove: removes unreadable entries by id" '[ "$rc" -eq 0 ] && [ ! -e "$OB/11111111-1111-4111-8111-111111111111.json" ] && [ ! -L "$OB/44444444-4444-4444-8444-444444444444.json" ] && [ ! -e "$OB/55555555-5555-4555-8555-555555555555.json" ]'
XDG_DATA_HOME="$T/xdg" timeout 20 "$CLI" outbox remove 11111111-1111-4111-8111-111111111111 >"$T/out" 2>"$T/err"
rc=$?
check_sh "outbox remove: an id that does not wait exits 1 and says so" '[ "$rc" -eq 1 ] && grep -q "no report 11111111-1111-4111-8111-111111111111 waits" "$T/err"'
XDG_DATA_HOME="$T/xdg" timeout 20 "$CLI" outbox remove >"$T/out" 2>"$T/err"
rc=$?
check "outbox remove: no ID exits 2 (got $rc)" [ "$rc" -eq 2 ]
rm -rf "$OB"

# Tokens: CHARTA_TOKEN only with the hub it is for; a tokens file only when private.
run push --period 2019 "$T/valid.charta"
check "push: no endpoint exits 2 (got $rc)" [ "$rc" -eq 2 ]
CHARTA_TOKEN=chub_x CHARTA_ENDPOINT=http://127.0.0.1:9/a timeout 20 "$CLI" push --endpoint http://127.0.0.1:9/b \
  --period 2019 "$T/valid.charta" >"$T/out" 2>"$T/err"
rc=$?
check_sh "push: CHARTA_TOKEN of another hub is not used (exit 2, got $rc)" '[ "$rc" -eq 2 ] && grep -q "no token for http://127.0.0.1:9/b" "$T/err"'
printf 'http://127.0.0.1:9/ chub_x\n' >"$T/tokens"
chmod 644 "$T/tokens"
run push --tokens "$T/tokens" --endpoint http://127.0.0.1:9/ --period 2019 "$T/valid.charta"
check_sh "push: a tokens file others can read is refused (exit 2, got $rc)" '[ "$rc" -eq 2 ] && grep -q "chmod 600" "$T/err"'
printf 'http://127.0.0.1:9/ chub_x extra\n' >"$T/tokens"
chmod 600 "$T/tokens"
run push --tokens "$T/tokens" --endpoint http://127.0.0.1:9/ --period 2019 "$T/valid.charta"
check_sh "push: a bad tokens line is named (exit 2, got $rc)" '[ "$rc" -eq 2 ] && grep -q "tokens:1: a line must be" "$T/err"'
XDG_DATA_HOME="$T/xdg-sync" CHARTA_TOKEN=chub_x timeout 20 "$CLI" push --endpoint http://127.0.0.1:9/ --period 2019 \
  "$T/valid.charta" >"$T/out" 2>"$T/err"
XDG_DATA_HOME="$T/xdg-sync" CHARTA_TOKEN=chub_x timeout 20 "$CLI" sync >"$T/out" 2>"$T/err"
rc=$?
check_sh "sync: CHARTA_TOKEN without CHARTA_ENDPOINT is a usage error (got $rc)" '[ "$rc" -eq 2 ] && grep -q "CHARTA_ENDPOINT" "$T/err"'
rm -rf "$T/xdg-sync" "$T/xdg"

echo "1..$n"
[ "$failed" -eq 0 ]
