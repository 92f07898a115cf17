#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads Charta's real accessibility tree over AT-SPI, as a screen reader does, and fails
when an interactive control has no name a person could understand, when a name is said
twice ("Save Save") or holds a mnemonic's underline ("Add _Actual"), when Tab lands on
something without a name, or when a control cannot be reached by Tab.

Usage: a11y-names.py CHARTA PROJECT   (run by run-atspi.sh: inside dbus-run-session with the AT-SPI bus up)

It opens the project, checks the window, then visits pages the way a user does (clicking
sidebar rows, pressing buttons through AT-SPI actions) and checks each dialog that opens.
On the window and each editor it walks the Tab chain with synthesized key presses, as a
keyboard user does, following the focus events, and compares what got the focus with what
can take it. Prints TAP."""
import json
import os
import re
import subprocess
import sys

import pyatspi

from atspi_utils import (CONTROL, DOWN, END, ESCAPE, HOME, RETURN, SHIFT, TAB, Listening, app_env,
                         app_frames, click, find, find_app, focus_events, frame_named, inside, key,
                         name_of, named, ok, press, project_frame, pump, role_of, run_tap, shown,
                         states_of, stop, text_of, wait_for)

INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "entry",
    "text", "spin button", "slider", "link", "page tab", "menu item", "switch",
}
TYPE_NAME = re.compile(r"^(Gtk|Adw|Charta)[A-Z]\w*$")
MNEMONIC = re.compile(r"(^|[\s(])_[^\W_]")


def name_fault(name):
    """What is wrong with a name as a screen reader speaks it, or None: said twice
    ("Save Save", GTK 4.8's name and text both), or with a mnemonic's underline."""
    half = len(name) // 2
    if len(name) % 2 == 1 and name[half] == " " and name[:half] == name[half + 1:]:
        return "said twice"
    if MNEMONIC.search(name):
        return "a mnemonic's underline"
    return None


def path_of(node):
    parts = []
    while node is not None and role_of(node) not in ("application", ""):
        parts.append(f"{role_of(node)}:{name_of(node)!r}")
        try:
            node = node.parent
        except Exception:
            break
    return " < ".join(parts[:4])


def has_text_below(node, depth=0):
    if depth > 6:
        return False
    for child in node:
        if child is None:
            continue
        if role_of(child) == "label" and name_of(child) and not TYPE_NAME.match(name_of(child)):
            return True
        if has_text_below(child, depth + 1):
            return True
    return False


def unnamed(node, inside_named_control=False):
    """Yields interactive descendants that lack a real name (hidden ones are not spoken)."""
    if not shown(node):
        return
    role = role_of(node)
    name = name_of(node)
    bad_name = not name or TYPE_NAME.match(name) or name.startswith("_")
    if role in INTERACTIVE and not inside_named_control and bad_name:
        yield node
    if role in ("list item", "table row") and not name and not has_text_below(node):
        yield node
    # The parts inside a named control (a drop-down's button, a menu button's toggle)
    # are spoken as that control.
    inside = inside_named_control or (role in ("combo box", "push button", "toggle button") and not bad_name)
    for child in node:
        if child is not None:
            yield from unnamed(child, inside)


def named_nodes(node, depth=0):
    """Every node shown under @node that has a name and can be focused or is a control."""
    if node is None or depth > 60 or not shown(node):
        return
    state = states_of(node)
    if state is not None and name_of(node) and \
            (state.contains(pyatspi.STATE_FOCUSABLE) or role_of(node) in INTERACTIVE):
        yield node
    for child in node:
        yield from named_nodes(child, depth + 1)


def check(root, what):
    bad = list(unnamed(root))
    for node in bad[:20]:
        print(f"# unnamed in {what}: {path_of(node)}")
    ok(not bad, f"every control in {what} has a name ({len(bad)} without)")
    faulty = [(n, name_fault(name_of(n))) for n in named_nodes(root) if name_fault(name_of(n))]
    for node, fault in faulty[:20]:
        print(f"# name with {fault} in {what}: {path_of(node)}")
    ok(not faulty, f"no name in {what} is said twice or shows a mnemonic ({len(faulty)} are)")


# ---- the Tab chain ----

def tab_walk(root, limit=120):
    """Presses Tab until the focus comes round again; returns the nodes it landed on
    inside @root, in order (a stop per press)."""
    with Listening():
        return tab_walk_listening(root, limit)


def tab_walk_listening(root, limit):
    stops = []
    for _ in range(limit):
        del focus_events[:]
        key(TAB, wait=0)
        pump(0.3)
        landed = [n for n in focus_events if inside(n, root)]
        if not landed:
            continue
        node = landed[-1]
        if stops and node == stops[0] and len(stops) > 1:
            break
        stops.append(node)
    return stops


GROUPS = {"list", "table", "tree table", "tree", "menu", "menu bar", "page tab list", "tool bar"}


def group_of(node, root):
    """The list or table around @node, whose items arrow keys reach, or None."""
    for _ in range(80):
        try:
            node = node.parent
        except Exception:
            return None
        if node is None or node == root:
            return None
        if role_of(node) in GROUPS:
            return node
    return None


def focusable_controls(node, depth=0):
    if node is None or depth > 60:
        return
    state = states_of(node)
    if state is None or not shown(node):
        return
    if role_of(node) in INTERACTIVE and state.contains(pyatspi.STATE_FOCUSABLE) and \
            state.contains(pyatspi.STATE_SENSITIVE):
        yield node
    for child in node:
        yield from focusable_controls(child, depth + 1)


def is_window_button(node):
    """Minimize, Maximize and Close in the title bar, which GTK keeps out of the Tab chain
    (the window manager's keys do their work)."""
    return role_of(node) == "push button" and name_of(node) in ("Minimize", "Maximize", "Close") and \
        "AdwGizmo" in path_of(node)


def check_keyboard(root, what, max_stops=None):
    """Walks the Tab chain of @root: every stop has a clean name, and every focusable control
    is a stop or in a list or table one of whose items is (arrow keys reach the rest)."""
    stops = tab_walk(root)
    print(f"# {len(stops)} Tab stops in {what}")
    ok(len(stops) > 0, f"Tab moves the focus in {what}")
    unnamed_stops = [n for n in stops if not name_of(n) or TYPE_NAME.match(name_of(n)) or name_fault(name_of(n))]
    for node in unnamed_stops[:20]:
        print(f"# Tab lands on a badly named {path_of(node)} in {what}")
    ok(not unnamed_stops, f"every Tab stop in {what} has a clean name ({len(unnamed_stops)} have none)")
    if max_stops is not None:
        ok(len(stops) <= max_stops, f"{what} has at most {max_stops} Tab stops ({len(stops)})")
    reached_groups = [g for g in (group_of(n, root) for n in stops) if g is not None]
    unreached = []
    for control in focusable_controls(root):
        if control in stops or is_window_button(control):
            continue
        group = group_of(control, root)
        if group is not None and (group in stops or group in reached_groups):
            continue
        unreached.append(control)
    for node in unreached[:20]:
        print(f"# Tab cannot reach {path_of(node)} in {what}")
    ok(not unreached, f"Tab reaches every control in {what} ({len(unreached)} it cannot)")
    return stops


def sidebar_row(main_frame, title):
    """The sidebar's row showing @title, or None."""
    sidebar = find(main_frame, lambda n: role_of(n) == "list" and name_of(n) == "Roles, areas and pages")
    return sidebar and find(sidebar, lambda n: role_of(n) == "list item" and
                            find(n, lambda m: role_of(m) == "label" and name_of(m) == title) is not None)


def check_level_list(app, main_frame):
    """The Level drop-down's open list: each level is named with its meaning, as the
    catalogue's scale has them ("3 · Developing: Measures are in place…")."""
    with open(os.path.join(os.environ["CHARTA_SOURCE_DIR"], "resources", "catalogue", "dive.json"),
              encoding="utf-8") as f:
        scale = json.load(f)["scale"]
    want = ["Not assessed"] + ["%d · %s: %s" % (s["value"], s["title"], s["description"]) for s in scale]
    level = find(main_frame, named("Level", ("combo box",)))
    ok(level is not None, "the area page has a Level drop-down")
    if level is None:
        return
    click(level)
    popup = wait_for(lambda: next((lst for f in [main_frame] + app_frames(app)
                                   for lst in [find(f, lambda n: role_of(n) == "list" and shown(n) and
                                                    n.childCount == len(want))] if lst is not None), None), 5)
    names = [name_of(n) for n in popup] if popup is not None else []
    for got, expected in zip(names, want):
        if got != expected:
            print(f"# a level is named {got!r}, not {expected!r}")
    ok(names == want, f"each level in the Level list is named with its meaning ({len(names)} items)")
    key(ESCAPE, wait=0.5)


def check_new_review(app, main_frame):
    """New Review…, from the Project page: what is under review is a list of checks, each
    named and reached by Tab; with none checked, Create is off and the dialog says why."""
    row = sidebar_row(main_frame, "Project")
    if row is not None:
        click(row)
    button = wait_for(lambda: find(main_frame, named("New Review…", ("push button",))))
    check(main_frame, "the project page")
    ok(button is not None and press(button), "the project page's New Review… button can be pressed")
    dialog = wait_for(lambda: next((f for f in app_frames(app) if find(f, named("Under review"))), None))
    ok(dialog is not None, "the new review dialog opens")
    if dialog is None:
        return
    click(find(dialog, named("Under review", ("list item",))))
    areas = wait_for(lambda: [n for n in named_nodes(dialog) if role_of(n) == "check box"])
    names = [name_of(n) for n in areas or []]
    ok("All of the DIVE benchmark" in names and "Area: Commitment to diversity and equality" in names,
       "the parts a review may cover are checks named for the screen reader (%d)" % len(names))
    check(dialog, "the new review dialog")
    check_keyboard(dialog, "the new review dialog")
    every = find(dialog, named("All of the DIVE benchmark", ("check box",)))
    if every is not None:
        click(every)   # GTK 4.8 gives a check box no AT-SPI action
    ok(every is not None and wait_for(lambda: not states_of(every).contains(pyatspi.STATE_CHECKED), 5),
       "a click unchecks all of the benchmark")
    create = find(dialog, named("Create", ("push button",)))
    ok(create is not None and wait_for(lambda: not states_of(create).contains(pyatspi.STATE_SENSITIVE), 5),
       "with nothing checked, Create is off")
    ok(find(dialog, lambda n: role_of(n) == "label" and name_of(n).startswith("Choose at least one part")),
       "with nothing checked, the dialog says why Create is off")
    key(ESCAPE, wait=0)
    ok(wait_for(lambda: all(f != dialog for f in app_frames(app))), "Escape closes the new review dialog")

def conflicted_copy(project, folder):
    """A copy of PROJECT with one recorded conflict on its first action's title, as
    charta-cli merge writes it."""
    with open(project, encoding="utf-8") as f:
        p = json.load(f)
    action = p["actions"][0]
    p["conflicts"] = [{"path": 'actions["%s"].title' % action["id"], "base": action["title"],
                       "ours": action["title"], "theirs": action["title"] + " (theirs)"}]
    path = os.path.join(folder, "conflicted.charta")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False, indent=2)
    return path


def main():
    charta, project = sys.argv[1], sys.argv[2]
    env, home = app_env("charta-a11y-")
    proc = subprocess.Popen([charta, project], env=env)
    try:
        app = find_app()
        ok(app is not None, "Charta registers on the accessibility bus")
        if app is None:
            return
        main_frame = project_frame(app)
        ok(main_frame is not None, "the project window is there")
        if main_frame is None:
            return
        check(main_frame, "the window (overview, action plan, measures, consultations)")
        sidebar = find(main_frame, lambda n: role_of(n) == "list" and name_of(n) == "Roles, areas and pages")
        stops = check_keyboard(main_frame, "the window's overview")
        in_sidebar = [n for n in stops if sidebar is not None and inside(n, sidebar)]
        ok(len(in_sidebar) == 1, f"the sidebar is one Tab stop ({len(in_sidebar)})")
        if in_sidebar:
            # Inside, arrow keys go from row to row, each said by its title.
            with Listening():
                click(in_sidebar[0])
                for _ in range(3):
                    key(DOWN, wait=0.3)
            rows = [n for n in focus_events if inside(n, sidebar)]
            ok(len(rows) >= 3 and all(name_of(n) and not name_fault(name_of(n)) for n in rows),
               "Down moves through the sidebar's rows, each named: " + ", ".join(repr(name_of(n)) for n in rows[:3]))

        # An area page, opened from the sidebar as a user would.
        sidebar = find(main_frame, lambda n: role_of(n) == "list" and name_of(n) == "Roles, areas and pages")
        row = sidebar_row(main_frame, "Commitment to diversity and equality")
        ok(row is not None, "the sidebar lists the DIVE area")
        if row is not None:
            click(row)
            level = wait_for(lambda: find(main_frame, lambda n: role_of(n) == "label" and
                                          name_of(n) == "Key Problems and Recommendations"))
            ok(level is not None, "clicking the sidebar row opens the area page")
            check(main_frame, "the area page")
            check_level_list(app, main_frame)

            add = find(main_frame, lambda n: role_of(n) == "push button" and name_of(n) == "Add an Action for This Item")
            ok(add is not None and press(add), "the area page's Add Action button can be pressed")
            editor = frame_named(app, "New Action")
            ok(editor is not None, "the action editor opens")
            if editor is not None:
                check(editor, "the action editor")
                # Typed at once, the words land in the title, not on Cancel.
                for ch in "Kb":
                    key(ord(ch), wait=0)
                pump(0.5)
                title = find(editor, lambda n: role_of(n) in ("text", "entry") and text_of(n) == "Kb")
                ok(title is not None, "the action editor opens with the focus in its first field")
                check_keyboard(editor, "the action editor")
                # Escape with a title typed asks before dropping it; Discard closes.
                key(ESCAPE, wait=0)
                ask = wait_for(lambda: next((f for f in app_frames(app) if f != editor and
                                             find(f, lambda n: name_of(n) == "Discard")), None))
                ok(ask is not None, "Escape on a half-typed new action asks before dropping it")
                if ask is not None:
                    check(ask, "the question before dropping an edit")
                    discard = find(ask, lambda n: role_of(n) == "push button" and name_of(n) == "Discard")
                    ok(discard is not None and press(discard), "the question's Discard button can be pressed")
                else:
                    cancel = find(editor, lambda n: role_of(n) == "push button" and name_of(n) == "Cancel")
                    press(cancel)
                ok(wait_for(lambda: all(name_of(f) != "New Action" for f in app_frames(app))) is not None,
                   "Discard closes the action editor")

        check_new_review(app, main_frame)

        # The last rows are below the fold: go there by keyboard, as a screen reader user
        # would. End: the last row, Network Comparison (no hub is set here).
        first = sidebar and find(sidebar, lambda n: role_of(n) == "list item")
        if first is not None:
            click(first)
            key(END, wait=0.8)
            no_hub = wait_for(lambda: find(main_frame, lambda n: role_of(n) == "label" and name_of(n) == "No Hub Set"))
            ok(no_hub is not None, "the last sidebar row opens the network comparison")
            check(main_frame, "the network comparison page")
            # Home, then down to Measures, the sixth of the project's rows at the top
            # (Overview, Project, People, Partners, Action Plan, Measures).
            for keysym in (HOME, DOWN, DOWN, DOWN, DOWN, DOWN):
                key(keysym, wait=0.5)
            if os.environ.get("CHARTA_A11Y_SHOT"):
                subprocess.run(["import", "-window", "root", os.environ["CHARTA_A11Y_SHOT"]])
        # People, partners and programmes have Edit buttons too: a measure's names it.
        with open(project, encoding="utf-8") as f:
            measures = {"Edit “%s”" % m["title"] for m in json.load(f)["measures"]}
        edit = find(main_frame, lambda n: role_of(n) == "push button" and name_of(n) in measures)
        ok(edit is not None and press(edit), "a measure's Edit button can be pressed")
        dialog = frame_named(app, "Edit Measure")
        if dialog is None:
            print("# windows: " + ", ".join(repr(name_of(f)) for f in app_frames(app)))
        ok(dialog is not None, "the measure editor opens")
        if dialog is not None:
            check(dialog, "the measure editor")
            check_keyboard(dialog, "the measure editor")
            # Ctrl+Enter saves from wherever the focus is (here, after the Tab walk).
            key(RETURN, CONTROL, wait=0)
            ok(wait_for(lambda: all(name_of(f) != "Edit Measure" for f in app_frames(app))) is not None,
               "Ctrl+Enter saves and closes the measure editor")

        # The header bar's sync status opens the report to send, with its JSON text.
        send = find(main_frame, lambda n: role_of(n) == "push button" and name_of(n) == "Send Progress Report")
        ok(send is not None and press(send), "the sync status button can be pressed")
        preview = frame_named(app, "Send Progress Report")
        ok(preview is not None, "the progress report dialog opens")
        if preview is not None:
            expander = find(preview, lambda n: name_of(n) == "Report Text (JSON)")
            if expander is not None:
                press(expander)
            check(preview, "the progress report dialog")
            text = find(preview, lambda n: role_of(n) == "text" and name_of(n).startswith("Report text (JSON)"))
            ok(text is not None, "the report's JSON text has a name")
            cancel = find(preview, lambda n: role_of(n) == "push button" and name_of(n) == "Cancel")
            ok(cancel is not None and press(cancel), "the progress report dialog's Cancel button can be pressed")

        # Preferences, by its shortcut (Ctrl+comma) in the window (a click gives it the focus).
        if first is not None:
            click(first)
        key(ord(","), CONTROL, wait=0)
        prefs = frame_named(app, "Preferences")
        if prefs is None:
            print("# windows: " + ", ".join(repr(name_of(f)) for f in app_frames(app)))
        ok(prefs is not None, "Ctrl+comma opens the preferences")
        if prefs is not None:
            check(prefs, "the preferences")

        # Export…, by its shortcut (Shift+Ctrl+E).
        if prefs is not None:
            key(ESCAPE, wait=0)
            wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == "Preferences"), None) is None)
        if first is not None:
            click(first)
        key(ord("E"), CONTROL, SHIFT, wait=0)
        export = frame_named(app, "Export Report")
        if export is None:
            print("# windows: " + ", ".join(repr(name_of(f)) for f in app_frames(app)))
        ok(export is not None, "Shift+Ctrl+E opens the export dialog")
        if export is not None:
            check(export, "the export dialog")
            cancel = find(export, lambda n: role_of(n) == "push button" and name_of(n) == "Cancel")
            ok(cancel is not None and press(cancel), "the export dialog's Cancel button can be pressed")

        # A file with a recorded merge conflict opens straight into Resolve Conflicts.
        conflicted = conflicted_copy(project, home)
        subprocess.Popen([charta, conflicted], env=env).wait(30)
        resolve = frame_named(app, "Resolve Conflicts")
        if resolve is None:
            print("# windows: " + ", ".join(repr(name_of(f)) for f in app_frames(app)))
        ok(resolve is not None, "a file with a recorded conflict opens the conflicts dialog")
        if resolve is not None:
            check(resolve, "the conflicts dialog")
    finally:
        stop(proc)


if __name__ == "__main__":
    run_tap(main)
