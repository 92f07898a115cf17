#!/bin/sh
# Runs one of the Python accessibility tests (a11y-names.py, keyboard-task.py, …) against
# the real app on its own session bus with the AT-SPI bus, as a screen reader would see it,
# under Debian's python3 (python3-pyatspi). Arguments: SCRIPT ARGUMENTS…
# The scripts import atspi_utils.py from this folder.
here=$(dirname "$0")
script=$1
shift
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec dbus-run-session -- sh -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  sleep 1
  exec /usr/bin/python3 "$@"' sh "$here/$script" "$@" 2>/dev/null
