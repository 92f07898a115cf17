#!/bin/sh
# Runs keyboard-task.py against the real app on its own session bus with the AT-SPI bus:
# task 1 of issue 12 done by key presses alone. Argument: CHARTA
here=$(dirname "$0")
exec dbus-run-session -- sh -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  sleep 1
  exec /usr/bin/python3 "$0" "$1"' "$here/keyboard-task.py" "$1" 2>/dev/null
