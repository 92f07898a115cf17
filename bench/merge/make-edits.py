#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make-edits.py IN OUT --edits N --seed S --cli CHARTA-CLI

Writes OUT: the project IN with N random edits, as one side of a shared project would
make them — mostly changes of an action's title, status, progress or notes (with a new
`changed` time stamp), and some added and deleted actions and new measured values —
then normalised by charta-cli. Deterministic for a seed."""

import argparse
import json
import random
import subprocess
import sys
import uuid

STATUSES = ["planned", "in-progress", "done", "postponed", "cancelled"]


def stamp(rng):
    return "2026-%02d-%02dT%02d:%02d:00+01:00" % (rng.randint(1, 12), rng.randint(1, 28),
                                                   rng.randint(0, 23), rng.randint(0, 59))


def edit_action(rng, a, side):
    what = rng.choice(["title", "status", "progress", "notes"])
    if what == "title":
        a["title"] = "%s (revised by %s %d)" % (a["title"][:900], side, rng.randint(0, 9))
    elif what == "status":
        a["status"] = rng.choice(STATUSES)
    elif what == "progress":
        a["progress"] = rng.randint(0, 20) * 5
    else:
        a["notes"] = "Note of the %s: %d" % (side, rng.randint(0, 99))
    a["changed"] = stamp(rng)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--edits", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cli", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    side = "side %d" % args.seed
    with open(args.input, encoding="utf-8") as f:
        p = json.load(f)
    actions = p["actions"]
    for _ in range(args.edits):
        r = rng.random()
        if r < 0.85:
            edit_action(rng, rng.choice(actions), side)
        elif r < 0.92:
            actions.insert(rng.randrange(len(actions) + 1),
                           {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                            "title": "New action of the %s" % side, "status": "planned",
                            "changed": stamp(rng)})
        elif r < 0.96:
            del actions[rng.randrange(len(actions))]
        else:
            m = rng.choice(p["measures"])
            m.setdefault("actuals", []).append({"date": "2030-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
                                                "value": rng.randint(0, 100)})
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)
    subprocess.run([args.cli, "normalize", args.output], check=True)


if __name__ == "__main__":
    sys.exit(main())
