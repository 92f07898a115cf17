#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks what Flathub's stricter metainfo linter demands and Debian's appstream 0.16
does not: releases (none dated in the future), an OARS 1.1 content rating, a homepage, one
developer with an id and a name, the desktop launchable, screenshots, the gettext
translation. Prints TAP; exit 1 on any failure."""
import datetime
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
checks = []


def check(ok, what):
    checks.append((bool(ok), what))


releases = root.findall("releases/release")
check(releases, "has <releases>")
today = datetime.date.today()
for r in releases:
    date = r.get("date")
    check(date and datetime.date.fromisoformat(date) <= today, f"release {r.get('version')} is not in the future")
rating = root.find("content_rating")
check(rating is not None and rating.get("type") == "oars-1.1", "content_rating type oars-1.1")
check(root.find("url[@type='homepage']") is not None, "url type homepage")
devs = root.findall("developer")
check(len(devs) == 1 and devs[0].get("id") and devs[0].findtext("name"), "one developer with an id and a name")
launch = root.find("launchable")
check(launch is not None and launch.get("type") == "desktop-id" and launch.text == root.findtext("id") + ".desktop",
      "launchable desktop-id names the desktop file")
check(root.findall("screenshots/screenshot/image"), "screenshots")
check(root.find("screenshots/screenshot[@type='default']") is not None, "a default screenshot")
tr = root.find("translation")
check(tr is not None and tr.get("type") == "gettext" and tr.text == "charta", "translation type gettext, domain charta")

print(f"1..{len(checks)}")
for i, (ok, what) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {what}")
sys.exit(0 if all(ok for ok, _ in checks) else 1)
