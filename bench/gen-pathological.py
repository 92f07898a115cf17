#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write small project files whose shape stresses one part of the loader, for scaling checks.

    bench/gen-pathological.py KIND N -o OUT

KIND is one of:
  unknown-members  the project object with N unknown members ("x0": 0, …)
  frameworks       "frameworks" listing "charter" and N more (unknown) names
  id-list          one action whose "partners" lists N distinct, unknown ids
  references       N partners and N actions, each action naming one partner
  minified         the N-action benchmark project (gen-large-project.py) on one line

A loader that is linear in its input takes about twice as long for 2N as for N; one that
is quadratic takes four times as long. bench/run-scaling.sh runs each kind at N and 2N.
Deterministic (fixed seed); standard library only.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def base(rng):
    u = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return u, {
        "format": "charta-project",
        "version": 1,
        "id": u(),
        "city": {"id": u(), "name": "Mechelen"},
        "period": {"start": "2024-01-01", "end": "2027-12-31"},
        "frameworks": ["charter"],
        "people": [],
        "partners": [],
        "assessments": {},
        "actions": [],
        "measures": [],
        "consultations": [],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kind", choices=["unknown-members", "frameworks", "id-list", "references", "minified"])
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--cli", help="charta-cli, for 'minified'")
    args = ap.parse_args()
    rng = random.Random(7)
    u, p = base(rng)
    n = args.n

    if args.kind == "unknown-members":
        for i in range(n):
            p["x%d" % i] = i
    elif args.kind == "frameworks":
        p["frameworks"] += ["framework-%d" % i for i in range(n)]
    elif args.kind == "id-list":
        p["actions"] = [{"id": u(), "title": "One action", "status": "planned",
                         "partners": [u() for _ in range(n)]}]
    elif args.kind == "references":
        p["partners"] = [{"id": u(), "name": "Partner %d" % i} for i in range(n)]
        p["actions"] = [{"id": u(), "title": "Action %d" % i, "status": "planned",
                         "partners": [p["partners"][n - 1 - i]["id"]]} for i in range(n)]
    elif args.kind == "minified":
        if not args.cli:
            sys.exit("gen-pathological: 'minified' needs --cli")
        tmp = args.output + ".pretty"
        subprocess.run([sys.executable, os.path.join(HERE, "gen-large-project.py"), "--cli", args.cli,
                        "-o", tmp, "--actions", str(n), "--measures", "0"], check=True,
                       stdout=subprocess.DEVNULL)
        with open(tmp, encoding="utf-8") as f:
            p = json.load(f)
        os.unlink(tmp)

    with open(args.output, "w", encoding="utf-8") as f:
        f.write(json.dumps(p, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
