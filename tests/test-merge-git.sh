#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-merge-git.sh CHARTA_CLI SOURCE_DIR: charta-cli merge as git's merge driver, with
# real git. A mentor and a mentee clone one project and edit it: different actions merge
# cleanly (also two new actions at the end of the list, which conflict as text); the same
# field gives a recorded conflict, a non-zero exit and a valid file, never text markers;
# without the driver, validate recognises git's markers. Prints TAP. Needs git, python3.

set -u

CLI="${1:?usage: test-merge-git.sh PATH/TO/charta-cli SOURCE_DIR}"
SRC="${2:?usage: test-merge-git.sh PATH/TO/charta-cli SOURCE_DIR}"
case "$CLI" in
  /*) ;;
  *) CLI="$PWD/$CLI" ;;
esac
PYTHON="${PYTHON:-python3}"
T=$(mktemp -d "${TMPDIR:-/tmp}/charta-merge-git.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT INT TERM

# git reads no configuration of the user running the tests.
export HOME="$T" XDG_CONFIG_HOME="$T/.config" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Mentor GIT_AUTHOR_EMAIL=mentor@example.org
export GIT_COMMITTER_NAME=Mentor GIT_COMMITTER_EMAIL=mentor@example.org

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
  for f in "$T/out" "$T/err"; do
    if [ -s "$f" ]; then
      echo "# $(basename "$f"):"
      head -c 2000 "$f" | sed 's/^/#   /'
    fi
  done
}

check () {
  desc="$1"
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# edit FILE PYTHON-STATEMENTS: changes the project `p` (parsed JSON) and writes it back
# in canonical form, as the window would.
edit () {
  file="$1"
  "$PYTHON" - "$file" "$2" <<'EOF' || exit 99
import json, sys
path, code = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    p = json.load(f)
exec(code)
with open(path, "w", encoding="utf-8") as f:
    json.dump(p, f, ensure_ascii=False)
EOF
  "$CLI" normalize "$file" >/dev/null 2>"$T/err" || exit 99
}

commit () {
  git -C "$T/$1" commit -q -a -m "$2" || exit 99
}

# A shared repository with one project and the driver declared in .gitattributes.
git init -q -b main "$T/shared" || exit 99
cp "$SRC/data/examples/mechelen-2018.charta" "$T/shared/plan.charta"
printf '*.charta merge=charta text eol=lf\n' > "$T/shared/.gitattributes"
git -C "$T/shared" add plan.charta .gitattributes
git -C "$T/shared" commit -q -m "The plan" || exit 99

clone () {
  git clone -q "$T/shared" "$T/$1" || exit 99
  if [ "$2" = driver ]; then
    git -C "$T/$1" config merge.charta.name "Charta project merge"
    git -C "$T/$1" config merge.charta.driver "\"$CLI\" merge %O %A %B -o %A"
  fi
}

# merge_from WHO FROM: WHO fetches FROM's main and merges it; prints git's exit status.
merge_from () {
  git -C "$T/$1" fetch -q "$T/$2" main 2>"$T/err" || exit 99
  git -C "$T/$1" merge --no-edit FETCH_HEAD >"$T/out" 2>>"$T/err"
  echo $?
}

field () {
  "$PYTHON" -c 'import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$1" "$2"
}

no_markers () {
  ! grep -q -E '^(<<<<<<<|=======|>>>>>>>)' "$1"
}

new_action='p["actions"].append({"id": ID, "title": TITLE, "status": "planned"})'

# ---- 1. different actions, with the driver: a clean merge ----
clone mentor driver
clone mentee driver
edit "$T/mentor/plan.charta" 'p["actions"][0]["title"] = "Mentor: a clearer title"; p["actions"][0]["changed"] = "2026-05-02T10:00:00+02:00"'
commit mentor "Mentor's title"
edit "$T/mentee/plan.charta" 'p["actions"][3]["status"] = "postponed"; p["actions"][0]["notes"] = "Mentee: notes"; p["actions"][0]["changed"] = "2026-05-03T09:00:00+02:00"'
commit mentee "Mentee's status"
status=$(merge_from mentee mentor)
check "different fields and actions: git merge with the driver is clean" [ "$status" = 0 ]
check "the mentor's title is in the result" [ "$(field "$T/mentee/plan.charta" 'p["actions"][0]["title"]')" = "Mentor: a clearer title" ]
check "the mentee's status is in the result" [ "$(field "$T/mentee/plan.charta" 'p["actions"][3]["status"]')" = "postponed" ]
check "the mentee's notes of the same action are in the result" [ "$(field "$T/mentee/plan.charta" 'p["actions"][0]["notes"]')" = "Mentee: notes" ]
check "the later time stamp is kept, without a conflict" [ "$(field "$T/mentee/plan.charta" 'p["actions"][0]["changed"]')" = "2026-05-03T09:00:00+02:00" ]
check "the merged file validates" "$CLI" validate -q "$T/mentee/plan.charta"
check "the merged file is canonical" sh -c "\"$CLI\" normalize \"$T/mentee/plan.charta\" -o - | cmp -s - \"$T/mentee/plan.charta\""

# ---- 2. both add an action at the end: text conflict without, clean with the driver ----
for who in mentor mentee; do
  id=$("$PYTHON" -c 'import uuid; print(uuid.uuid4())')
  edit "$T/$who/plan.charta" "ID = '$id'; TITLE = 'New action of the $who'; $new_action"
  commit "$who" "An action of the $who"
done
clone plain none
git -C "$T/plain" fetch -q "$T/mentee" main && git -C "$T/plain" reset -q --hard FETCH_HEAD
status=$(merge_from plain mentor)
check "without the driver, two added actions conflict as text (the problem)" [ "$status" != 0 ]
check "without the driver, validate names git's conflict markers" sh -c \
  "\"$CLI\" validate \"$T/plain/plan.charta\" 2>&1 | grep -q 'text conflict markers'"
check "and tells how to merge with Charta" sh -c \
  "\"$CLI\" validate \"$T/plain/plan.charta\" 2>&1 | grep -q 'charta-cli merge BASE OURS THEIRS'"
"$CLI" validate "$T/plain/plan.charta" >/dev/null 2>&1
check "validate exits 1 on a file with markers" [ $? = 1 ]
status=$(merge_from mentee mentor)
check "with the driver, both added actions merge cleanly" [ "$status" = 0 ]
check "both new actions are in the result" [ "$(field "$T/mentee/plan.charta" 'len([a for a in p["actions"] if a["title"].startswith("New action of the")])')" = 2 ]
check "the merged file validates" "$CLI" validate -q "$T/mentee/plan.charta"

# ---- 3. the same field: a recorded conflict ----
git -C "$T/mentor" fetch -q "$T/mentee" main && git -C "$T/mentor" merge -q --ff-only FETCH_HEAD || exit 99
edit "$T/mentor/plan.charta" 'p["actions"][1]["progress"] = 80'
commit mentor "Mentor's progress"
edit "$T/mentee/plan.charta" 'p["actions"][1]["progress"] = 90'
commit mentee "Mentee's progress"
status=$(merge_from mentee mentor)
check "the same field changed on both sides: git merge exits non-zero" [ "$status" != 0 ]
check "git reports the conflict in plan.charta" grep -q "CONFLICT.*plan.charta" "$T/out"
check "the file is valid JSON" "$PYTHON" -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/mentee/plan.charta"
check "the file holds no text conflict markers" no_markers "$T/mentee/plan.charta"
check "the conflict is recorded with base, ours and theirs" [ "$(field "$T/mentee/plan.charta" \
  '[(c["path"].endswith("].progress"), c.get("ours"), c.get("theirs")) for c in p["conflicts"]]')" = "[(True, 90, 80)]" ]
check "the conflicted field keeps ours until resolved" [ "$(field "$T/mentee/plan.charta" 'p["actions"][1]["progress"]')" = 90 ]
"$CLI" validate "$T/mentee/plan.charta" >"$T/out" 2>"$T/err"
status=$?
check "validate says 1 unresolved conflict" grep -q "1 unresolved conflict" "$T/out"
check "validate exits 1 while conflicts remain" [ "$status" = 1 ]

# ---- 4. charta-cli merge itself: exit status, and nothing written on bad input ----
B="$T/mentee/plan.charta"
git -C "$T/mentee" show HEAD~1:plan.charta > "$T/base.charta"
git -C "$T/mentee" show HEAD:plan.charta > "$T/ours.charta"
cp "$T/ours.charta" "$T/out.charta"
"$CLI" merge "$T/base.charta" "$T/ours.charta" "$T/base.charta" -o "$T/out.charta" >"$T/out" 2>"$T/err"
check "a clean merge exits 0" [ $? = 0 ]
"$CLI" merge "$T/base.charta" "$T/ours.charta" "$T/base.charta" -o - >"$T/stdout.charta" 2>"$T/err"
check "-o - writes the result to standard output" cmp -s "$T/stdout.charta" "$T/ours.charta"
"$CLI" merge "$T/base.charta" "$T/ours.charta" "$B" -o "$T/out.charta" >"$T/out" 2>"$T/err"
check "a merge with conflicts exits 1" [ $? = 1 ]
check "and lists the conflict's path" grep -q 'conflict at actions\[".*"\]\.progress' "$T/err"
cp "$T/out.charta" "$T/before.charta"
head -c 3000 "$T/ours.charta" > "$T/truncated.charta"
sed -E 's/"version": [0-9]+,/"version": 7,/' "$T/ours.charta" > "$T/newer.charta"
"$PYTHON" -c 'import json, sys, uuid
p = json.load(open(sys.argv[1])); p["id"] = str(uuid.uuid4()); json.dump(p, open(sys.argv[2], "w"))' "$T/ours.charta" "$T/other.charta"
printf '<<<<<<< HEAD\n' | cat - "$T/ours.charta" > "$T/markers.charta"
# A value the loader refuses, in a file laid out as Charta writes it (merged as parsed,
# checked when the result does not load).
"$PYTHON" -c 'import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8")); p["actions"][0]["progress"] = 500
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(p, indent=2, ensure_ascii=False) + "\n")' "$T/ours.charta" "$T/badvalue.charta"
for bad in truncated newer other markers badvalue; do
  "$CLI" merge "$T/base.charta" "$T/ours.charta" "$T/$bad.charta" -o "$T/out.charta" >"$T/out" 2>"$T/err"
  status=$?
  check "$bad file: exit 2" [ "$status" = 2 ]
  check "$bad file: the message names it" grep -q "$bad.charta" "$T/err"
  check "$bad file: OUT is left as it was" cmp -s "$T/out.charta" "$T/before.charta"
done
"$CLI" merge "$T/base.charta" "$T/ours.charta" >"$T/out" 2>"$T/err"
check "two files are a usage error: exit 2" [ $? = 2 ]

echo "1..$n"
[ "$failed" -eq 0 ]
