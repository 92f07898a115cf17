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
keyboard-task.sh). CHARTA_KEYS_SHOTS=DIR keeps a screenshot of each step. Prints TAP."""
import json
import os
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import GLib

results = []
CONTROL, SHIFT = 37, 50          # keycodes of Control_L and Shift_L
TAB, RETURN, ESCAPE, SPACE = 0xFF09, 0xFF0D, 0xFF1B, 0x0020
UP, DOWN, HOME, END = 0xFF52, 0xFF54, 0xFF50, 0xFF57
SHOTS = os.environ.get("CHARTA_KEYS_SHOTS")
shot_count = [0]


def ok(passed, description):
    results.append((bool(passed), description))
    if SHOTS:
        shot_count[0] += 1
        subprocess.run(["import", "-window", "root", os.path.join(SHOTS, "%02d.png" % shot_count[0])])
    return passed


def pump(seconds):
    context = GLib.MainContext.default()
    end = time.time() + seconds
    while time.time() < end:
        while context.iteration(False):
            pass
        time.sleep(0.02)


def key(keysym, *modifiers, wait=0.25):
    """One key press, with modifiers held (keycodes)."""
    for m in modifiers:
        pyatspi.Registry.generateKeyboardEvent(m, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    for m in reversed(modifiers):
        pyatspi.Registry.generateKeyboardEvent(m, None, pyatspi.KEY_RELEASE)
    pump(wait)


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


def typ(text):
    for ch in text:
        code = ord(ch)
        pyatspi.Registry.generateKeyboardEvent(code if code < 0x100 else 0x1000000 + code, None, pyatspi.KEY_SYM)
        pump(0.03)
    pump(0.2)


def name_of(node):
    try:
        return (node.name or "").strip()
    except Exception:
        return ""


def role_of(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


focus_events = []


def on_focus(event):
    if event.detail1:
        focus_events.append(event.source)


def focused():
    """The last node that took the focus since the last Tab, or None (an entry row's text
    sends no event in GTK 4.8)."""
    pump(0.2)
    return focus_events[-1] if focus_events else None


def focused_name():
    node = focused()
    return (role_of(node), name_of(node)) if node is not None else None


def app_frames(app):
    return [f for f in app if f is not None and role_of(f) in ("frame", "dialog", "window", "alert")]


def wait_for(predicate, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        pump(0.2)
    return None


def frame_named(app, name):
    return wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == name), None))


def tab_to(predicate, limit=80, back=False):
    """Tab until the focus is on a node @predicate accepts; returns it or None."""
    for _ in range(limit):
        tab(back=back)
        node = focused()
        if node is not None and predicate(node):
            return node
    return None


def named(name, roles=None):
    return lambda n: name_of(n) == name and (roles is None or role_of(n) in roles)


def starts(prefix, roles=None):
    return lambda n: name_of(n).startswith(prefix) and (roles is None or role_of(n) in roles)


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


def main():
    charta = sys.argv[1]
    home = tempfile.mkdtemp(prefix="charta-keys-")
    env = dict(os.environ, GDK_BACKEND="x11", GSETTINGS_BACKEND="memory", HOME=home,
               XDG_CONFIG_HOME=home + "/config", XDG_DATA_HOME=home + "/data",
               XDG_STATE_HOME=home + "/state", XDG_CACHE_HOME=home + "/cache")
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    saved = os.path.join(home, "gent.charta")
    proc = subprocess.Popen([charta], env=env)
    pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
    try:
        def find_app():
            for a in pyatspi.Registry.getDesktop(0):
                if a is not None and name_of(a) == "charta":
                    return a
            return None
        app = wait_for(find_app, timeout=60)
        if not ok(app is not None, "Charta registers on the accessibility bus"):
            return
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
        def sidebar_to(name):
            for i in range(60):
                key(DOWN, wait=0.1)
                if focused_name() == ("panel", name): return True
            return False
        def sidebar_to_up(name):
            for i in range(60):
                key(UP, wait=0.1)
                if focused_name() == ("panel", name): return True
            return False
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
        ok(sidebar_to_up("Measures"), "the sidebar reaches Measures")
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
    finally:
        pyatspi.Registry.deregisterEventListener(on_focus, "object:state-changed:focused")
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a broken bus or tree is a failure, not a crash
        ok(False, f"the task could be driven ({e!r})")
    print(f"1..{len(results)}")
    for i, (passed, description) in enumerate(results, 1):
        print(f"{'ok' if passed else 'not ok'} {i} - {description}")
    sys.exit(0 if all(p for p, _ in results) else 1)
