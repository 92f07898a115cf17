#!/bin/sh
# The command line in Dutch: LANGUAGE=nl with the catalogues built in the tree.
# Arguments: CHARTA_CLI SOURCE_ROOT
cli=${1:?}; top=${2:?}
export LC_ALL=C.UTF-8 LANGUAGE=nl
n=0; fails=0
check() {  # description, expected substring, command...
  desc=$1; want=$2; shift 2
  n=$((n + 1))
  out=$("$@" 2>&1)
  if printf '%s' "$out" | grep -qF -- "$want"; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc: no “$want” in:"
    printf '%s\n' "$out" | head -n 5 | sed 's/^/# /'
    fails=$((fails + 1))
  fi
}
echo "1..5"
check "framework titles in Dutch" "De stad als beleidsmaker" "$cli" frameworks
check "JSON catalogue in Dutch" '"title": "De stad als werkgever"' "$cli" frameworks --json
check "usage in Dutch" "Opdrachten:" "$cli" --help
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '{"format": "charta-project", "version": 1}\n' > "$tmp/bad.charta"
check "validation messages in Dutch" "ontbreekt" "$cli" validate "$tmp/bad.charta"
check "summary in Dutch" "Acties per status" "$cli" summary "$top/data/examples/mechelen-2018.charta" --date 2018-12-31
[ $fails -eq 0 ]
