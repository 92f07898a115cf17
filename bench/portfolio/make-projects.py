#!/usr/bin/env python3
# bench/portfolio/make-projects.py OUT_DIR [--count 200] [--broken 1] [--seed 15] [--top SRC]
#
# Writes COUNT project files into OUT_DIR for the portfolio: copies of the three examples
# (Mechelen, Antwerp, the Ghent peer review) with their own ids and city names, levels,
# action statuses and due dates drawn at random (deterministic for a seed), a reporting
# round on some and the review in progress on every third. --broken N of them (the first
# N in name order, after the valid ones' numbers) have a date that does not exist, so they
# do not load. Used by tests/test-cli-review.sh and bench/portfolio/run-portfolio-bench.sh.
import argparse
import json
import os
import random
import uuid

SCALE = {"charter": 5, "dive": 5, "aii": 4, "inclucities": 4}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--broken", type=int, default=1)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--top", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    bases = [json.load(open(os.path.join(a.top, "data", "examples", n), encoding="utf-8"))
             for n in ("mechelen-2018.charta", "antwerp-2022.charta", "ghent-peer-review-2025.charta")]
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.count):
        doc = json.loads(json.dumps(bases[i % 3]))
        doc["id"] = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
        doc["city"]["id"] = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
        doc["city"]["name"] = "City %03d" % (i + 1)
        for item, assessment in doc["assessments"].items():
            if "level" in assessment:
                assessment["level"] = rnd.randint(1, SCALE[item.split(".")[0]])
        for action in doc["actions"]:
            action["status"] = rnd.choice(["planned", "in-progress", "done", "postponed", "cancelled"])
            action.pop("start", None)
            action["due"] = "%d-%02d-%02d" % (rnd.randint(2018, 2026), rnd.randint(1, 12), rnd.randint(1, 28))
        if rnd.random() < 0.5:
            doc["rounds"] = [{"id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)), "label": "Round %d" % k,
                              "closed": "%d-%02d-28" % (2019 + k, rnd.randint(1, 12))} for k in range(rnd.randint(1, 3))]
        if i % 3 == 2 and rnd.random() < 0.5:
            doc["reviews"][0]["presentation"] = {"date": "2025-06-20", "outcome": "Presented (generated)."}
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        name = "city-%03d.charta" % (i + 1)
        if i >= a.count - a.broken:
            text = text.replace('"period": {\n    "start": "', '"period": {\n    "start": "2023-02-30", "x-was": "', 1)
            name = "broken-%03d.charta" % (i + 1)
        with open(os.path.join(a.out, name), "w", encoding="utf-8") as f:
            f.write(text)

if __name__ == "__main__":
    main()
