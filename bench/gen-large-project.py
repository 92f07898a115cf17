#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a large, valid, canonical Charta project file for benchmarks.

    bench/gen-large-project.py --cli BUILD/src/cli/charta-cli -o OUT [--actions 20000]
                               [--measures 200] [--actuals 40] [--seed 2024]

The catalogue ids come from `charta-cli frameworks --json`, so every link is to a real
item. The output is deterministic for a given seed and catalogue: random choices come
from random.Random(seed), ids are UUIDs drawn from it, and no clock is read.

The file is written in canonical form directly (the key order of the field tables in
src/core/charta-project-format.c, `json.dumps(indent=2)`), then checked with the CLI: if
`charta-cli normalize` would change it, the CLI's form is kept and a note printed; the
result must pass `charta-cli validate`. Standard library only.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import uuid

PERIOD_START = (2024, 1, 1)
PERIOD_END = (2027, 12, 31)
STATUSES = ["planned", "in-progress", "done", "postponed", "cancelled"]
STATUS_WEIGHTS = [30, 35, 25, 6, 4]
DIRECTIONS = ["increase", "decrease", "maintain"]
MEETING_KINDS = ["consultation", "evaluation", "peer-review", "steering", "other"]

VERBS = ["Train", "Map", "Review", "Publish", "Set up", "Extend", "Evaluate", "Translate",
         "Coordinate", "Pilot", "Fund", "Monitor", "Redesign", "Promote", "Support",
         "Recruit", "Consult", "Simplify", "Document", "Open up"]
OBJECTS = ["front-desk staff", "the welcome guide", "the housing waiting list",
           "language classes", "the procurement rules", "a mentoring scheme",
           "the youth centres", "the diversity charter", "recruitment procedures",
           "the complaints procedure", "school enrolment", "the neighbourhood councils",
           "the city's web pages", "interpreting services", "the sports clubs",
           "job-seeker coaching", "the library network", "community health workers",
           "the entrepreneurship desk", "the annual residents' survey"]
TOPICS = ["intercultural communication", "plain language", "anti-discrimination",
          "newcomers' first year", "equal access to housing", "diverse recruitment",
          "parents' involvement", "social procurement", "digital inclusion",
          "participation of migrant organisations", "language support", "data collection"]
PLACES = ["in the city centre", "in Nekkerspoel", "in all districts", "at the town hall",
          "in the north of the city", "with the social services", "in primary schools",
          "at the employment office", "city-wide", "in two pilot neighbourhoods"]
SENTENCES = [
    "The {team} team leads the work together with {partner}.",
    "A first round of {n} sessions is planned for the spring, followed by an evaluation.",
    "Residents told us that {topic} is the main obstacle they meet.",
    "The budget for this year is {money} euros, shared between two departments.",
    "We follow the recommendation of the peer review on {topic}.",
    "Progress is reported to the steering group every quarter.",
    "The approach builds on what worked in {city}.",
    "Staff asked for practical tools rather than more policy documents.",
    "The target group is reached through {partner} and the neighbourhood workers.",
    "This action continues the work started in the previous legislature.",
    "An external evaluation will look at the effect on {topic}.",
    "Materials are available in Dutch, French, English, Arabic and Turkish.",
]
TEAMS = ["diversity", "welfare", "education", "housing", "human resources", "procurement",
         "communication", "youth", "culture", "economy"]
CITIES = ["Amsterdam", "Berlin", "Leeds", "Rome", "London", "Ghent", "Malmö", "Zürich",
          "Nantes", "Turin"]
NOTES = [
    "Waiting for the council decision.",
    "Meeting with the partners on {date}.",
    "Delayed: the external trainer cancelled.",
    "Budget approved; recruitment of a coordinator started.",
    "First results look good.\nAsk the evaluation team for the figures.",
    "See the minutes of the steering group.",
    "Two sessions done, {n} to go.",
    "Needs a decision on the venue.",
]
FIRST = ["Anna", "Bram", "Chloé", "Dries", "Emine", "Fatima", "Geert", "Hanne", "Ivo",
         "Jamal", "Katrien", "Lotte", "Mohamed", "Nora", "Omar", "Pieter", "Rania",
         "Sofie", "Tom", "Zoë", "Youssef", "Lena", "Ahmed", "Ines"]
LAST = ["Peeters", "Janssens", "Maes", "El Idrissi", "Claes", "Yilmaz", "Wouters",
        "De Smet", "Mertens", "Dubois", "Bakkali", "Jacobs", "Vermeulen", "Özdemir"]
ROLES = ["Diversity consultant", "Policy officer", "Department head", "Coordinator",
         "Neighbourhood worker", "HR adviser", "Alderman's adviser"]
PARTNER_KINDS = ["migrant organisation", "school", "agency", "employer", "NGO",
                 "public service", "university"]
PARTNER_NAMES = ["Welcome Centre", "Integration Agency", "Youth Work Network",
                 "Chamber of Commerce", "Public Employment Service", "Tenants' Union",
                 "Parents' Association", "Intercultural Library", "Mosque Committee",
                 "Refugee Council", "Women's Network", "Sports Federation", "University College",
                 "Housing Company", "Health Centre", "Adult Education Centre"]
UNITS = ["%", "people", "sessions", "days", "euros", "applications", "staff members"]
MEASURE_SUBJECTS = ["staff with a migration background", "newcomers who finish language classes",
                    "complaints about discrimination", "participants in mentoring",
                    "waiting time for a first appointment", "job placements after coaching",
                    "schools with a parents' contact point", "contracts with social clauses"]


def days_in_month(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if m in (4, 6, 9, 11) else 31


def date_ordinal(y, m, d):
    n = 0
    for yy in range(PERIOD_START[0], y):
        n += 366 if days_in_month(yy, 2) == 29 else 365
    for mm in range(1, m):
        n += days_in_month(y, mm)
    return n + d - 1


def date_from_ordinal(n):
    y = PERIOD_START[0]
    while True:
        ylen = 366 if days_in_month(y, 2) == 29 else 365
        if n < ylen:
            break
        n -= ylen
        y += 1
    m = 1
    while n >= days_in_month(y, m):
        n -= days_in_month(y, m)
        m += 1
    return "%04d-%02d-%02d" % (y, m, n + 1)


PERIOD_DAYS = date_ordinal(*PERIOD_END) + 1


class Gen:
    def __init__(self, seed, catalogue):
        self.rng = random.Random(seed)
        self.cat = catalogue

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def pick(self, seq):
        return self.rng.choice(seq)

    def date(self, lo=0, hi=PERIOD_DAYS - 1):
        return date_from_ordinal(self.rng.randint(lo, hi))

    def timestamp(self):
        d = self.date()
        return "%sT%02d:%02d:%02d%s" % (d, self.rng.randint(7, 19), self.rng.randint(0, 59),
                                       self.rng.randint(0, 59), self.pick(["Z", "+01:00", "+02:00"]))

    def fill(self, template, partners):
        return template.format(team=self.pick(TEAMS), partner=self.pick(partners)["name"],
                               n=self.rng.randint(2, 12), topic=self.pick(TOPICS),
                               money=self.rng.randint(2, 250) * 1000, city=self.pick(CITIES),
                               date=self.date())

    def paragraph(self, partners, lo, hi):
        return " ".join(self.fill(self.pick(SENTENCES), partners)
                        for _ in range(self.rng.randint(lo, hi)))


def load_catalogue(cli):
    out = subprocess.run([cli, "frameworks", "--json"], check=True, capture_output=True,
                         env=dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8")).stdout
    data = json.loads(out)
    frameworks = data["frameworks"]
    items, position = {}, 0
    for fw in frameworks:
        for item in fw["items"]:
            item = dict(item, framework=fw["id"], levels=len(fw["scale"]), position=position)
            position += 1
            items[item["id"]] = item
    for item in items.values():
        item["children"] = [c["id"] for c in items.values() if c.get("parent") == item["id"]]
    return [fw["id"] for fw in frameworks], items


def generate(args, fw_ids, items):
    g = Gen(args.seed, items)
    rng = g.rng
    by_kind = {}
    for item in items.values():
        by_kind.setdefault(item["kind"], []).append(item["id"])
    linkable = [i for k in ("commitment", "delivery-commitment", "indicator", "area",
                            "policy-area", "key-factor", "guiding-question", "good-practice")
                for i in by_kind.get(k, [])]
    workforms = sorted(by_kind.get("workform", []))
    if not workforms or not linkable:
        sys.exit("gen-large-project: the catalogue has no workforms or no linkable items")

    people = []
    for _ in range(args.people):
        first, last = g.pick(FIRST), g.pick(LAST)
        person = {"id": g.uuid(), "name": "%s %s" % (first, last), "role": g.pick(ROLES),
                  "organisation": "City of Mechelen"}
        if rng.random() < 0.8:
            person["email"] = "%s.%s@example.org" % (first.lower(), last.lower().replace(" ", ""))
        if rng.random() < 0.5:
            person["phone"] = "+32 15 %02d %02d %02d" % (rng.randint(0, 99), rng.randint(0, 99),
                                                        rng.randint(0, 99))
        people.append(person)

    partners = []
    for i in range(args.partners):
        partner = {"id": g.uuid(), "name": "%s %d" % (g.pick(PARTNER_NAMES), i + 1),
                   "kind": g.pick(PARTNER_KINDS)}
        if rng.random() < 0.7:
            partner["description"] = g.paragraph(partners or [partner], 1, 2)
        partners.append(partner)

    assessments = {}
    assessable = [i for k in ("commitment", "indicator", "area", "key-factor", "guiding-question")
                  for i in by_kind.get(k, [])]
    for item_id in sorted(assessable, key=lambda i: items[i]["position"]):
        item = items[item_id]
        a = {}
        if item["kind"] != "guiding-question":
            a["level"] = rng.randint(1, item["levels"])
        if rng.random() < 0.7:
            a["evidence"] = g.paragraph(partners, 1, 3)
        if rng.random() < 0.2:
            a["evidence-private"] = True
        if rng.random() < 0.5:
            a["sources"] = [{"title": "%s report %d" % (g.pick(TEAMS).capitalize(), rng.randint(2019, 2024))}
                            for _ in range(rng.randint(1, 3))]
        kps = [c for c in item["children"] if items[c]["kind"] == "key-problem"]
        if kps:
            chosen = sorted(rng.sample(kps, rng.randint(1, len(kps))), key=lambda i: items[i]["position"])
            a["key-problems"] = chosen
            recs = [r for kp in chosen for r in items[kp]["children"] if items[r]["kind"] == "recommendation"]
            if recs:
                a["recommendations"] = rng.sample(recs, rng.randint(1, len(recs)))
        if item["kind"] == "guiding-question":
            a["answer"] = g.paragraph(partners, 1, 2)
        a["changed"] = g.timestamp()
        assessments[item_id] = a

    actions = []
    for n in range(args.actions):
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        start = rng.randint(0, PERIOD_DAYS - 30)
        action = {"id": g.uuid(),
                  "title": "%s %s on %s %s" % (g.pick(VERBS), g.pick(OBJECTS), g.pick(TOPICS), g.pick(PLACES))}
        if rng.random() < 0.9:
            action["description"] = g.paragraph(partners, 1, 5)
        action["items"] = rng.sample(linkable, rng.randint(1, 4))
        if rng.random() < 0.8:
            action["workforms"] = [g.pick(workforms)]
        if rng.random() < 0.9:
            action["owner"] = g.pick(people)["id"]
        if rng.random() < 0.7:
            action["partners"] = [p["id"] for p in rng.sample(partners, rng.randint(1, 3))]
        if rng.random() < 0.95:
            action["start"] = date_from_ordinal(start)
        if rng.random() < 0.9:
            action["due"] = date_from_ordinal(rng.randint(start, min(start + 400, PERIOD_DAYS - 1)))
        action["status"] = status
        if status == "done":
            action["progress"] = 100
        elif status == "in-progress":
            action["progress"] = rng.randint(1, 19) * 5
        elif status == "planned" and rng.random() < 0.5:
            action["progress"] = 0
        if rng.random() < 0.6:
            action["notes"] = g.fill(g.pick(NOTES), partners)
        action["changed"] = g.timestamp()
        if not action["items"]:
            del action["items"]
        actions.append(action)

    measures = []
    for _ in range(args.measures):
        direction = g.pick(DIRECTIONS)
        base = rng.randint(10, 400)
        measure = {"id": g.uuid(),
                   "title": "Number of %s %s" % (g.pick(MEASURE_SUBJECTS), g.pick(PLACES)),
                   "description": g.paragraph(partners, 1, 2),
                   "items": rng.sample(linkable, rng.randint(1, 3)),
                   "unit": g.pick(UNITS),
                   "direction": direction,
                   "baseline": {"date": "2023-12-31", "value": base},
                   "target": {"date": "2027-12-31", "value": base + (50 if direction != "decrease" else -5)}}
        actuals, day, value = [], 0, float(base)
        for k in range(args.actuals):
            day += max(1, PERIOD_DAYS // (args.actuals + 1))
            value = round(value + rng.uniform(-3, 5), 2)
            v = int(value) if value == int(value) else value
            actual = {"date": date_from_ordinal(min(day, PERIOD_DAYS - 1)), "value": v}
            if k % 7 == 0:
                actual["note"] = g.pick(["survey", "register", "estimate", "HR figures", "quarterly report"])
            actuals.append(actual)
        if actuals:
            measure["actuals"] = actuals
        measures.append(measure)

    consultations = []
    for _ in range(args.consultations):
        c = {"id": g.uuid(), "date": g.date(), "kind": g.pick(MEETING_KINDS),
             "title": "%s on %s" % (g.pick(["Round table", "Steering group", "Workshop", "Peer review"]),
                                     g.pick(TOPICS)),
             "participants": sorted({g.pick(people)["name"] for _ in range(rng.randint(2, 6))}),
             "conclusions": g.paragraph(partners, 1, 3)}
        if rng.random() < 0.5:
            c["notes"] = g.fill(g.pick(NOTES), partners)
        consultations.append(c)

    return {
        "format": "charta-project",
        "version": 2,
        "id": g.uuid(),
        "title": "Benchmark action plan (%d actions)" % args.actions,
        "city": {"id": g.uuid(), "name": "Mechelen", "country": "BE"},
        "period": {"start": date_from_ordinal(0), "end": date_from_ordinal(PERIOD_DAYS - 1),
                   "label": "Legislature 2024–2027"},
        "frameworks": [f for f in fw_ids],
        "people": people,
        "partners": partners,
        "assessments": assessments,
        "actions": actions,
        "measures": measures,
        "consultations": consultations,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cli", required=True, help="path to charta-cli")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--actions", type=int, default=20000)
    ap.add_argument("--measures", type=int, default=200)
    ap.add_argument("--actuals", type=int, default=40)
    ap.add_argument("--people", type=int, default=60)
    ap.add_argument("--partners", type=int, default=40)
    ap.add_argument("--consultations", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()

    fw_ids, items = load_catalogue(args.cli)
    project = generate(args, fw_ids, items)
    text = json.dumps(project, indent=2, ensure_ascii=False) + "\n"

    out_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(out_dir, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".gen-", suffix=".charta")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        env = dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8")
        norm = subprocess.run([args.cli, "normalize", tmp, "-o", "-"], capture_output=True, env=env)
        if norm.returncode != 0:
            sys.stderr.write(norm.stderr.decode("utf-8", "replace"))
            sys.exit("gen-large-project: the generated file does not load")
        if norm.stdout != text.encode("utf-8"):
            print("gen-large-project: note: the generator's output was not canonical; "
                  "keeping charta-cli normalize's form", file=sys.stderr)
            with open(tmp, "wb") as f:
                f.write(norm.stdout)
        check = subprocess.run([args.cli, "validate", "-q", tmp], capture_output=True, env=env)
        if check.returncode != 0:
            sys.stderr.write(check.stderr.decode("utf-8", "replace"))
            sys.exit("gen-large-project: the generated file is not valid")
        os.replace(tmp, args.output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    print("%s: %d actions, %d measures × %d actuals, %d assessments, %d bytes" % (
        args.output, len(project["actions"]), len(project["measures"]), args.actuals,
        len(project["assessments"]), os.path.getsize(args.output)))


if __name__ == "__main__":
    main()
