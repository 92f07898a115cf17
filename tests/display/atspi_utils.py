# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Python accessibility tests (a11y-names.py, keyboard-task.py) share: starting
Charta on the AT-SPI bus and finding it there, reading the tree (names, roles, states,
text), synthesized key presses and clicks, the focus events, bounded waits, and the TAP
lines they print.

The tests run under /usr/bin/python3 inside dbus-run-session with the AT-SPI bus up:
run-atspi.sh starts them so and puts this folder on PYTHONPATH (so does meson)."""
import os
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import GLib

CONTROL, SHIFT = 37, 50          # keycodes of Control_L and Shift_L, held as modifiers
TAB, RETURN, ESCAPE, SPACE = 0xFF09, 0xFF0D, 0xFF1B, 0x0020
UP, DOWN, HOME, END = 0xFF52, 0xFF54, 0xFF50, 0xFF57

# ---- TAP ----

results = []
after_result = []   # callables run after each result (keyboard-task takes a screenshot)


def ok(passed, description):
    results.append((bool(passed), description))
    for hook in after_result:
        hook()
    return passed


def run_tap(main):
    """Runs @main, then prints the results as TAP and exits 0 if all passed."""
    try:
        main()
    except Exception as e:  # a broken bus or tree is a failure, not a crash
        ok(False, f"the test could read the accessibility tree and drive the window ({e!r})")
    print(f"1..{len(results)}")
    for i, (passed, description) in enumerate(results, 1):
        print(f"{'ok' if passed else 'not ok'} {i} - {description}")
    sys.exit(0 if all(p for p, _ in results) else 1)


# ---- reading the tree ----

def name_of(node):
    """The name as spoken."""
    try:
        return (node.name or "").strip()
    except Exception:
        return ""


def role_of(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


def text_of(node):
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return None


def states_of(node):
    try:
        return node.getState()
    except Exception:
        return None


def shown(node):
    """Whether @node is laid out on screen (perhaps scrolled away). GTK 4.8 gives the state
    SHOWING to the window alone, never to the widgets in it; a widget not mapped (a page of
    a stack not shown, the rows of a closed expander) has no size. A GtkStackPage is no
    widget and never has one: its child says whether the page is shown."""
    if name_of(node) == "GtkStackPage":
        return True
    try:
        ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except Exception:
        return False
    return ext.width > 0 and ext.height > 0


def find(node, predicate, depth=0):
    """The first node under @node (itself included, depth first) @predicate accepts."""
    if node is None or depth > 60:
        return None
    if predicate(node):
        return node
    for child in node:
        found = find(child, predicate, depth + 1)
        if found is not None:
            return found
    return None


def inside(node, root):
    for _ in range(80):
        if node is None:
            return False
        if node == root:
            return True
        try:
            node = node.parent
        except Exception:
            return False
    return False


def named(name, roles=None):
    return lambda n: name_of(n) == name and (roles is None or role_of(n) in roles)


def app_frames(app):
    return [f for f in app if f is not None and role_of(f) in ("frame", "dialog", "window", "alert")]


# ---- waiting and the focus ----

def pump(seconds):
    """Lets the events come in (the focus events, and those that keep the bus's cache of
    the tree up to date)."""
    context = GLib.MainContext.default()
    end = time.time() + seconds
    while time.time() < end:
        while context.iteration(False):
            pass
        time.sleep(0.02)


def wait_for(predicate, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        pump(0.2)
    return None


def frame_named(app, name, timeout=15):
    return wait_for(lambda: next((f for f in app_frames(app) if name_of(f) == name), None), timeout)


def project_frame(app, timeout=15):
    """The window showing a project (its title is the file's name), once it is there."""
    return wait_for(lambda: next((f for f in app_frames(app) if name_of(f).endswith(".charta")), None), timeout)


focus_events = []


def on_focus(event):
    if event.detail1:
        focus_events.append(event.source)


class Listening:
    """Focus events come in while inside: listening turns on the bus's cache of the tree,
    which GTK 4.8 does not keep up to date (a dialog opened), so only while needed."""
    def __enter__(self):
        del focus_events[:]
        pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")

    def __exit__(self, *exc):
        pump(0.3)
        pyatspi.Registry.deregisterEventListener(on_focus, "object:state-changed:focused")


# ---- input, as through the X server's XTEST ----

def key(keysym, *modifiers, wait=0.25):
    """One key press, with @modifiers (keycodes: CONTROL, SHIFT) held."""
    for m in modifiers:
        pyatspi.Registry.generateKeyboardEvent(m, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    for m in reversed(modifiers):
        pyatspi.Registry.generateKeyboardEvent(m, None, pyatspi.KEY_RELEASE)
    pump(wait)


def typ(text):
    for ch in text:
        code = ord(ch)
        pyatspi.Registry.generateKeyboardEvent(code if code < 0x100 else 0x1000000 + code, None, pyatspi.KEY_SYM)
        pump(0.03)
    pump(0.2)


def click(node):
    ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    x, y = ext.x + ext.width // 2, ext.y + ext.height // 2
    pyatspi.Registry.generateMouseEvent(x, y, pyatspi.MOUSE_B1C)
    pump(0.8)


def press(node):
    """Does the node's click, press or activate action, as a screen reader does."""
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            pump(0.8)
            return True
    return False


# ---- the app ----

def app_env(prefix):
    """The environment for Charta: its own home, memory settings, the bridge to AT-SPI on."""
    home = tempfile.mkdtemp(prefix=prefix)
    env = dict(os.environ, GDK_BACKEND="x11", GSETTINGS_BACKEND="memory", HOME=home,
               XDG_CONFIG_HOME=home + "/config", XDG_DATA_HOME=home + "/data",
               XDG_STATE_HOME=home + "/state", XDG_CACHE_HOME=home + "/cache")
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    return env, home


def find_app(timeout=15):
    """Charta's application node on the bus, once it is there, or None."""
    def look():
        for a in pyatspi.Registry.getDesktop(0):
            if a is not None and name_of(a) == "charta":
                return a
        return None
    return wait_for(look, timeout)


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
