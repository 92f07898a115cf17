#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Task 1 of issue 12 by keyboard alone, on the real app: a new project (city and period
typed), two people and a partner, three DIVE areas assessed, two actions with an owner and
a partner, a measure with two actuals, a meeting, saved with Ctrl+S to a path typed in the
file chooser; then the saved file's JSON must hold all of it.

Only synthesized key presses drive the window (pyatspi.Registry.generateKeyboardEvent, as
through the X server's XTEST); the accessibility tree is only read, to follow the focus and
see which window is up. No AT-SPI actions, no pointer.

Usage: keyboard-task.py CHARTA   (inside dbus-run-session with the AT-SPI bus up; see
run-atspi.sh). CHARTA_KEYS_SHOTS=DIR keeps a screenshot of each step. Prints TAP."""
import json
import os
import subprocess
import sys

from atspi_utils import (CONTROL, DOWN, RETURN, SHIFT, SPACE, TAB, UP, Listening, after_result, app_env,
                         find_app, focus_events, frame_named, key, name_of, named, ok, pump,
                         role_of, run_tap, stop, typ, wait_for)

SHOTS = os.environ.get("CHARTA_KEYS_SHOTS")
shot_count = [0]


def shoot():
    shot_count[0] += 1
    subprocess.run(["import", "-window", "root", os.path.join(SHOTS, "%02d.png" % shot_count[0])])


if SHOTS:
    after_result.append(shoot)


def ctrl(letter, *more):
    key(ord(letter), CONTROL, *more)


def tab(times=1, back=False):
    del focus_events[:]
    for _ in range(times):
        if back:
            key(TAB, SHIFT, wait=0.15)
        else:
            key(TAB, wait=0.15)
    pump(0.2)


def focused():
    """The last node that took the focus since the last Tab, or None (an entry row's text
    sends no event in GTK 4.8)."""
    pump(0.2)
    return focus_events[-1] if focus_events else None


def focused_name():
    node = focused()
    return (role_of(node), name_of(node)) if node is not None else None


def tab_to(predicate, limit=80, back=False):
    """Tab until the focus is on a node @predicate accepts; returns it or None."""
    for _ in range(limit):
        tab(back=back)
        node = focused()
        if node is not None and predicate(node):
            return node
    return None


def sidebar_to(name, direction=DOWN):
    """Arrow keys in the sidebar until its row @name has the focus."""
    for _ in range(60):
        key(direction, wait=0.1)
        if focused_name() == ("panel", name):
            return True
    return False


def new_project(app):
    ctrl("n")
    dialog = frame_named(app, "New Project")
    if not ok(dialog is not None, "Ctrl+N opens the new project dialog"):
        return False
    # The focus starts in City; then Start's text and calendar, End's text and calendar.
    typ("Gent")
    tab()
    typ("2026-03-01")
    tab(2)
    typ("2027-12-31")
    create = tab_to(named("Create", ("push button",)), limit=12)
    ok(create is not None, "Tab reaches Create")
    key(SPACE)
    return True


def check_saved(p):
    """The file holds all that was typed and picked."""
    ok((p.get("city") or {}).get("name") == "Gent", "the file has the city typed: %r" % p.get("city"))
    period = p.get("period") or {}
    ok((period.get("start"), period.get("end")) == ("2026-03-01", "2027-12-31"),
       "the file has the period typed: %r" % (period,))
    people = {x.get("name"): x for x in p.get("people", [])}
    ok(set(people) == {"An Peeters", "Bram Janssens"} and people["An Peeters"].get("role") == "Diversity officer",
       "the file has the two people with their roles: %r" % (list(people),))
    partners = {x.get("name"): x for x in p.get("partners", [])}
    ok(set(partners) == {"Orbit vzw"}, "the file has the partner: %r" % (list(partners),))
    assessed = sorted(k for k, a in (p.get("assessments") or {}).items()
                      if k.startswith("dive.area.") and a.get("level") is not None)
    ok(len(assessed) == 3, "the file has three DIVE areas assessed: %r" % (assessed,))
    ids = {x.get("id"): name for name, x in list(people.items()) + list(partners.items())}
    actions = {a.get("title"): a for a in p.get("actions", [])}
    ok(set(actions) == {"Diversity charter for HR", "Citizens' panel on services"},
       "the file has the two actions: %r" % (list(actions),))
    owners = sorted(ids.get(a.get("owner"), a.get("owner")) for a in actions.values())
    ok(owners == ["An Peeters", "Bram Janssens"], "each action has its owner: %r" % (owners,))
    ok(all([ids.get(x, x) for x in a.get("partners", [])] == ["Orbit vzw"] for a in actions.values()),
       "each action has the partner: %r" % ([a.get("partners") for a in actions.values()],))
    measures = p.get("measures", [])
    actuals = measures[0].get("actuals", []) if len(measures) == 1 else []
    ok(len(measures) == 1 and measures[0].get("title") == "Staff with a migrant background" and
       measures[0].get("unit") == "%", "the file has the measure with its unit")
    ok(sorted((v.get("date"), v.get("value")) for v in actuals) == [("2026-06-30", 12.4), ("2026-11-30", 13.1)],
       "the measure has its two actuals: %r" % (actuals,))
    meetings = p.get("consultations", [])
    ok(len(meetings) == 1 and meetings[0].get("title") == "Round table with migrant organisations" and
       meetings[0].get("date") == "2026-04-15", "the file has the meeting: %r" % (meetings,))


def task(app, saved):
    if not ok(frame_named(app, "Charta") is not None, "the window is there"):
        return
    pump(1)
    if not new_project(app):
        return
    pump(1)
    tab_to(named("Overview"))
    key(DOWN); key(DOWN); pump(0.5)
    for person, role in (("An Peeters", "Diversity officer"), ("Bram Janssens", "HR manager")):
        tab_to(named("Add Person")); key(SPACE); pump(1)
        typ(person); tab(); typ(role); ctrl("s"); pump(1)
    tab_to(named("People")); key(DOWN); pump(0.5)
    tab_to(named("Add Partner")); key(SPACE); pump(1)
    typ("Orbit vzw"); tab(); typ("NGO"); ctrl("s"); pump(1)
    tab_to(named("Partners"))
    current = "Partners"
    for area, downs in (("Commitment to diversity and equality", 2), ("Cooperation with other levels of government", 3), ("Recording migrants' experiences as service users", 2)):
        tab_to(lambda n: role_of(n) == "panel" and name_of(n) in (current, "Partners"), limit=60)
        ok(sidebar_to(area), "the sidebar reaches " + area)
        current = area
        pump(0.5)
        ok(tab_to(named("Level", ("combo box",)), limit=20), "Tab reaches the level of " + area)
        key(SPACE); pump(0.5)
        for _ in range(downs): key(DOWN)
        key(RETURN); pump(0.5)
    for title, down in (("Diversity charter for HR", 1), ("Citizens' panel on services", 2)):
        ok(tab_to(named("Add an Action for This Item", ("push button",)), limit=60), "Tab reaches Add an Action")
        key(SPACE); pump(1)
        typ(title)
        ok(tab_to(named("Owner", ("combo box",)), limit=20), "Tab reaches the action's Owner")
        key(SPACE); pump(0.5)
        for _ in range(down): key(DOWN)
        key(RETURN); pump(0.5)
        ok(tab_to(named("Partners", ("list item",)), limit=5), "Tab reaches the action's Partners")
        key(SPACE); pump(0.5)
        tab(); ok(focused_name() == ("list item", "Orbit vzw"), "Tab reaches the partner Orbit vzw")
        key(SPACE)
        ctrl("s"); pump(1)
    # the measure
    tab_to(lambda n: role_of(n) == "panel" and name_of(n) == current, limit=60)
    ok(sidebar_to("Measures", UP), "the sidebar reaches Measures")
    current = "Measures"
    ok(tab_to(named("Add Measure", ("push button",)), limit=20), "Tab reaches Add Measure")
    key(SPACE); pump(1)
    typ("Staff with a migrant background")
    tab(); typ("%")
    for date, value in (("2026-06-30", "12.4"), ("2026-11-30", "13.1")):
        ok(tab_to(named("Add Actual", ("push button",)), limit=30), "Tab reaches Add Actual")
        key(SPACE); pump(0.7)
        typ(date); tab(2); typ(value)
    ctrl("s"); pump(1)
    # the meeting
    tab_to(lambda n: role_of(n) == "panel" and name_of(n) == current, limit=60)
    ok(sidebar_to("Consultations"), "the sidebar reaches Consultations")
    current = "Consultations"
    ok(tab_to(named("Add Meeting", ("push button",)), limit=20), "Tab reaches Add Meeting")
    key(SPACE); pump(1)
    typ("Round table with migrant organisations")
    tab(); typ("2026-04-15")
    ctrl("s"); pump(1)
    # Save: Ctrl+S asks where, the path is typed in the file chooser's name field.
    ctrl("s"); pump(2)
    ctrl("a"); typ(saved); key(RETURN)
    ok(wait_for(lambda: os.path.exists(saved), timeout=20), "Ctrl+S saves to the path typed in the file chooser")
    pump(1)
    with open(saved, encoding="utf-8") as f:
        project = json.load(f)
    check_saved(project)


def main():
    charta = sys.argv[1]
    env, home = app_env("charta-keys-")
    saved = os.path.join(home, "gent.charta")
    proc = subprocess.Popen([charta], env=env)
    try:
        with Listening():
            app = find_app(timeout=60)
            if ok(app is not None, "Charta registers on the accessibility bus"):
                task(app, saved)
    finally:
        stop(proc)


if __name__ == "__main__":
    run_tap(main)
