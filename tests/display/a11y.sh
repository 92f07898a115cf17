#!/bin/sh
# Runs a11y-names.py against the real app on its own session bus with the AT-SPI bus,
# as a screen reader would see it. Arguments: CHARTA PROJECT
here=$(dirname "$0")
exec dbus-run-session -- sh -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  sleep 1
  exec /usr/bin/python3 "$0" "$1" "$2"' "$here/a11y-names.py" "$1" "$2" 2>/dev/null
