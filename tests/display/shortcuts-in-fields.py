#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window's shortcuts work while a text field has the focus: Ctrl+Shift+A (Add an
Action, as the shortcuts window lists it) is also GtkText's "select none", and the field
would take it before the window did. Real key presses through the X server (XTEST), the
focus put in a field by a click, the editor seen on the AT-SPI bus.

Usage: shortcuts-in-fields.py CHARTA PROJECT   (run by run-atspi.sh). Prints TAP."""
import subprocess
import sys

from atspi_utils import (CONTROL, ESCAPE, SHIFT, app_env, app_frames, find, find_app, frame_named,
                         key, name_of, ok, project_frame, role_of, run_tap, stop, text_of, typ, wait_for)


def main():
    charta, project = sys.argv[1], sys.argv[2]
    env, home = app_env("charta-shortcuts-")
    proc = subprocess.Popen([charta, project], env=env)
    try:
        app = find_app(timeout=60)
        if not ok(app is not None, "Charta registers on the accessibility bus"):
            return
        main_frame = project_frame(app)
        if not ok(main_frame is not None, "the project window is there"):
            return
        # The search field (Ctrl+F), then a letter typed: the focus is in a text field.
        key(ord("f"), CONTROL, wait=0.8)
        typ("zz")
        field = wait_for(lambda: find(main_frame, lambda n: role_of(n) in ("text", "entry") and
                                      text_of(n) == "zz"), 5)
        if not ok(field is not None, "Ctrl+F puts the focus in the search field, which takes the letters typed"):
            return
        key(ord("A"), CONTROL, SHIFT, wait=0.5)
        editor = frame_named(app, "New Action", timeout=8)
        ok(editor is not None, "Ctrl+Shift+A in the search field opens a new action's editor")
        if editor is not None:
            key(ESCAPE, wait=0.5)
            ok(wait_for(lambda: all(name_of(f) != "New Action" for f in app_frames(app)), 8),
               "Escape closes the empty editor")
    finally:
        stop(proc)


if __name__ == "__main__":
    run_tap(main)
