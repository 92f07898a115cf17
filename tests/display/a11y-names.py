#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads Charta's real accessibility tree over AT-SPI, as a screen reader does, and fails
when an interactive control has no name a person could understand.

Usage: a11y-names.py CHARTA PROJECT   (run inside dbus-run-session with the AT-SPI bus up)

It opens the project, checks the window, then visits pages the way a user does (clicking
sidebar rows, pressing buttons through AT-SPI actions) and checks each dialog that opens.
Prints TAP."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import pyatspi

INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "entry",
    "text", "spin button", "slider", "link", "page tab", "menu item", "switch",
}
TYPE_NAME = re.compile(r"^(Gtk|Adw|Charta)[A-Z]\w*$")
results = []


def ok(passed, description):
    results.append((passed, description))


def name_of(node):
    """The name as spoken. GTK 4.8 names a labelled button by its name and its text, so
    "Save" comes out as "Save Save"; a screen reader user hears the word twice, which is
    noise, not a missing name: fold it back to one."""
    try:
        name = (node.name or "").strip()
    except Exception:
        return ""
    half = len(name) // 2
    if len(name) % 2 == 1 and name[half] == " " and name[:half] == name[half + 1:]:
        return name[:half]
    return name


def role_of(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


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
    """Yields interactive descendants that lack a real name."""
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


def check(root, what):
    bad = list(unnamed(root))
    for node in bad[:20]:
        print(f"# unnamed in {what}: {path_of(node)}")
    ok(not bad, f"every control in {what} has a name ({len(bad)} without)")


def find(node, predicate, depth=0):
    if node is None or depth > 60:
        return None
    if predicate(node):
        return node
    for child in node:
        found = find(child, predicate, depth + 1)
        if found is not None:
            return found
    return None


def app_frames(app):
    return [f for f in app if f is not None and role_of(f) in ("frame", "dialog", "window")]


def wait_for(predicate, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return None


def click(node):
    ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    x, y = ext.x + ext.width // 2, ext.y + ext.height // 2
    pyatspi.Registry.generateMouseEvent(x, y, pyatspi.MOUSE_B1C)
    time.sleep(0.8)


def press(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            time.sleep(0.8)
            return True
    return False


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
    home = tempfile.mkdtemp(prefix="charta-a11y-")
    env = dict(os.environ, GDK_BACKEND="x11", GSETTINGS_BACKEND="memory", HOME=home,
               XDG_CONFIG_HOME=home + "/config", XDG_DATA_HOME=home + "/data",
               XDG_STATE_HOME=home + "/state", XDG_CACHE_HOME=home + "/cache")
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    proc = subprocess.Popen([charta, project], env=env)
    try:
        def find_app():
            for a in pyatspi.Registry.getDesktop(0):
                if a is not None and name_of(a) == "charta":
                    return a
            return None
        app = wait_for(find_app)
        ok(app is not None, "Charta registers on the accessibility bus")
        if app is None:
            return
        main_frame = wait_for(lambda: next((f for f in app_frames(app) if name_of(f).endswith(".charta")), None))
        ok(main_frame is not None, "the project window is there")
        if main_frame is None:
            return
        check(main_frame, "the window (overview, action plan, measures, consultations)")

        # An area page, opened from the sidebar as a user would.
        sidebar = find(main_frame, lambda n: role_of(n) == "list" and name_of(n) == "Roles, areas and pages")
        row = sidebar and find(sidebar, lambda n: role_of(n) == "list item" and
                               find(n, lambda m: role_of(m) == "label" and
                                    name_of(m) == "Commitment to diversity and equality") is not None)
        ok(row is not None, "the sidebar lists the DIVE area")
        if row is not None:
            click(row)
            level = wait_for(lambda: find(main_frame, lambda n: role_of(n) == "label" and
                                          name_of(n) == "Key Problems and Recommendations"))
            ok(level is not None, "clicking the sidebar row opens the area page")
            check(main_frame, "the area page")

            add = find(main_frame, lambda n: role_of(n) == "push button" and name_of(n) == "Add an Action for This Item")
            ok(add is not None and press(add), "the area page's Add Action button can be pressed")
            editor = wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == "New Action"), None))
            ok(editor is not None, "the action editor opens")
            if editor is not None:
                check(editor, "the action editor")
                cancel = find(editor, lambda n: role_of(n) == "push button" and name_of(n) == "Cancel")
                ok(cancel is not None and press(cancel), "the action editor's Cancel button can be pressed")
                ok(wait_for(lambda: all(name_of(f) != "New Action" for f in app_frames(app))) is not None,
                   "Cancel closes the action editor")

        # The last rows are below the fold: go there by keyboard, as a screen reader user
        # would. End: the last row, Network Comparison (no hub is set here).
        first = sidebar and find(sidebar, lambda n: role_of(n) == "list item")
        if first is not None:
            click(first)
            pyatspi.Registry.generateKeyboardEvent(0xFF57, None, pyatspi.KEY_SYM)   # End
            time.sleep(0.8)
            no_hub = wait_for(lambda: find(main_frame, lambda n: role_of(n) == "label" and name_of(n) == "No Hub Set"))
            ok(no_hub is not None, "the last sidebar row opens the network comparison")
            check(main_frame, "the network comparison page")
            # Home, then down to Measures, the sixth of the project's rows at the top
            # (Overview, Project, People, Partners, Action Plan, Measures).
            for keysym in (0xFF50, 0xFF54, 0xFF54, 0xFF54, 0xFF54, 0xFF54):   # Home, Down ×5
                pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
                time.sleep(0.5)
            if os.environ.get("CHARTA_A11Y_SHOT"):
                subprocess.run(["import", "-window", "root", os.environ["CHARTA_A11Y_SHOT"]])
        # People, partners and programmes have Edit buttons too: a measure's names it.
        with open(project, encoding="utf-8") as f:
            measures = {"Edit “%s”" % m["title"] for m in json.load(f)["measures"]}
        edit = find(main_frame, lambda n: role_of(n) == "push button" and name_of(n) in measures)
        ok(edit is not None and press(edit), "a measure's Edit button can be pressed")
        dialog = wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == "Edit Measure"), None))
        if dialog is None:
            print("# windows: " + ", ".join(repr(name_of(f)) for f in app_frames(app)))
        ok(dialog is not None, "the measure editor opens")
        if dialog is not None:
            check(dialog, "the measure editor")
            cancel = find(dialog, lambda n: role_of(n) == "push button" and name_of(n) == "Cancel")
            if cancel is not None:
                press(cancel)

        # The header bar's sync status opens the report to send, with its JSON text.
        send = find(main_frame, lambda n: role_of(n) == "push button" and name_of(n) == "Send Progress Report")
        ok(send is not None and press(send), "the sync status button can be pressed")
        preview = wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == "Send Progress Report"), None))
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
        pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_PRESS)         # Control_L (keycode)
        pyatspi.Registry.generateKeyboardEvent(0x002C, None, pyatspi.KEY_SYM)       # comma
        pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_RELEASE)
        prefs = wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == "Preferences"), None))
        if prefs is None:
            print("# windows: " + ", ".join(repr(name_of(f)) for f in app_frames(app)))
        ok(prefs is not None, "Ctrl+comma opens the preferences")
        if prefs is not None:
            check(prefs, "the preferences")

        # Export…, by its shortcut (Shift+Ctrl+E).
        if prefs is not None:
            pyatspi.Registry.generateKeyboardEvent(0xff1b, None, pyatspi.KEY_SYM)   # Escape
            wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == "Preferences"), None) is None)
        if first is not None:
            click(first)
        pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_PRESS)         # Control_L
        pyatspi.Registry.generateKeyboardEvent(50, None, pyatspi.KEY_PRESS)         # Shift_L
        pyatspi.Registry.generateKeyboardEvent(0x0045, None, pyatspi.KEY_SYM)       # E
        pyatspi.Registry.generateKeyboardEvent(50, None, pyatspi.KEY_RELEASE)
        pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_RELEASE)
        export = wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == "Export Report"), None))
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
        resolve = wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == "Resolve Conflicts"), None))
        if resolve is None:
            print("# windows: " + ", ".join(repr(name_of(f)) for f in app_frames(app)))
        ok(resolve is not None, "a file with a recorded conflict opens the conflicts dialog")
        if resolve is not None:
            check(resolve, "the conflicts dialog")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a broken bus or tree is a failure, not a crash
        ok(False, f"the accessibility tree could be read ({e!r})")
    print(f"1..{len(results)}")
    for i, (passed, description) in enumerate(results, 1):
        print(f"{'ok' if passed else 'not ok'} {i} - {description}")
    sys.exit(0 if all(p for p, _ in results) else 1)
