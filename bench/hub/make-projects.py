#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the bench's data: CITIES projects (one city each, random levels on every Charter
commitment and DIVE indicator and area, a few actions and a measure), and REVISIONS
variants of the first project that differ only in a measured value, so each makes a
report with another revision."""
import argparse
import json
import random
import subprocess
import uuid

LEVELLED = {"commitment", "indicator", "area"}


def catalogue(cli):
    out = subprocess.run([cli, "frameworks", "--json"], check=True, capture_output=True, text=True).stdout
    items = []
    for fw in json.loads(out)["frameworks"]:
        if fw["id"] in ("charter", "dive"):
            items += [(i["id"], len(fw["scale"])) for i in fw["items"] if i["kind"] in LEVELLED]
    return items


def project(rng, items, name, actual):
    return {
        "format": "charta-project",
        "version": 1,
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "city": {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "name": name},
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "frameworks": ["charter", "dive"],
        "assessments": {item: {"level": rng.randint(1, scale)} for item, scale in items},
        "actions": [
            {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "title": f"Action {k} of {name}",
             "status": rng.choice(["planned", "in-progress", "done", "postponed"])}
            for k in range(8)
        ],
        "measures": [
            {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "title": "Staff with a migration background",
             "unit": "%", "direction": "increase",
             "baseline": {"date": "2023-01-01", "value": 10},
             "target": {"date": "2026-12-31", "value": 20},
             "actuals": [{"date": "2024-06-01", "value": actual}]}
        ],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--cities", type=int, default=30)
    parser.add_argument("--revisions", type=int, default=100)
    args = parser.parse_args()
    items = catalogue(args.cli)
    for c in range(args.cities):
        rng = random.Random(c)
        with open(f"{args.out}/city{c}.charta", "w", encoding="utf-8") as f:
            json.dump(project(rng, items, f"City {c}", 11), f, indent=2)
    for r in range(args.revisions):
        rng = random.Random(0)
        with open(f"{args.out}/revision{r}.charta", "w", encoding="utf-8") as f:
            json.dump(project(rng, items, "City 0", 12 + r / 10), f, indent=2)


if __name__ == "__main__":
    main()
