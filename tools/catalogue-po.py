#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a PO compendium of the catalogue's Dutch wording, taken from the seed documents
and kept per item in tools/catalogue-nl/*.json, for `msgmerge --compendium`:

    tools/catalogue-po.py > /tmp/catalogue-nl.po
    msgmerge --compendium /tmp/catalogue-nl.po -o po/nl.po po/nl.po po/charta.pot

See docs/translating.md."""
import json
import os
import sys

TEXT_KEYS = ("title", "description", "situation", "city", "summary")


def po_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    cat = os.path.join(top, "resources", "catalogue")
    nl_dir = os.path.join(top, "tools", "catalogue-nl")
    with open(os.path.join(cat, "index.json"), encoding="utf-8") as f:
        files = json.load(f)
    pairs = {}
    for name in files:
        with open(os.path.join(cat, name), encoding="utf-8") as f:
            en = json.load(f)
        with open(os.path.join(nl_dir, name), encoding="utf-8") as f:
            nl = json.load(f)
        if "title" in en and "framework" in nl:
            for key in ("title", "description"):
                if en.get(key) and nl["framework"].get(key):
                    pairs.setdefault(en[key], nl["framework"][key])
            for level in en.get("scale", []):
                nl_level = nl.get("scale", {}).get(str(level["value"]), {})
                for key in ("title", "description"):
                    if level.get(key) and nl_level.get(key):
                        pairs.setdefault(level[key], nl_level[key])
        for item in en["items"]:
            nl_item = nl.get("items", {}).get(item["id"], {})
            for key in TEXT_KEYS:
                if item.get(key) and nl_item.get(key):
                    pairs.setdefault(item[key], nl_item[key])
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for en, nl in pairs.items():
        out += [f"msgid {po_string(en)}", f"msgstr {po_string(nl)}", ""]
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
