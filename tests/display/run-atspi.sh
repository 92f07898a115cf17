#!/bin/sh
# Runs one of the Python accessibility tests (a11y-names.py, keyboard-task.py, …) against
# the real app on its own session bus with the AT-SPI bus, as a screen reader would see it,
# under Debian's python3 (python3-pyatspi). Arguments: SCRIPT ARGUMENTS…
# The scripts import atspi_utils.py from this folder.
here=$(dirname "$0")
script=$1
shift
# The app looks for the AT-SPI bus once, at start: wait (up to 20 s, on a loaded machine)
# until the launcher answers, or the app would never show up on it.
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec dbus-run-session -- sh -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  for i in $(seq 40); do
    dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null 2>&1 && break
    sleep 0.5
  done
  exec /usr/bin/python3 "$@"' sh "$here/$script" "$@" 2>/dev/null
