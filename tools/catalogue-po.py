#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a PO compendium of the catalogue's Dutch wording, taken from the seed documents
and kept per item in tools/catalogue-nl/*.json, for `msgmerge --compendium`:

    tools/catalogue-po.py > /tmp/catalogue-nl.po
    msgmerge --compendium /tmp/catalogue-nl.po -o po/nl.po po/nl.po po/charta.pot

With --apply PO it writes the Dutch of tools/catalogue-nl/ into PO itself, over the
msgstr of every catalogue text whose wording differs there (msgmerge keeps an existing
translation, so a corrected text needs this), and re-wraps PO with msgcat.

With --check PO it writes nothing and instead checks that PO (po/nl.po) holds every
catalogue text with exactly this Dutch wording, so the catalogue's Dutch is corrected in
tools/catalogue-nl/ and nowhere else; it exits 1 and names each entry that differs.

See docs/translating.md."""
import ast
import json
import os
import subprocess
import sys

TEXT_KEYS = ("title", "description", "situation", "city", "summary", "source")
LIST_KEYS = ("criteria",)


def po_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def read_po(path):
    """(msgctxt, msgid) → (msgstr, fuzzy) for the singular entries of a PO file."""
    entries, entry, state = {}, {}, None

    def flush():
        if "msgid" in entry and "msgstr" in entry:
            key = (entry.get("msgctxt"), entry["msgid"])
            entries[key] = (entry["msgstr"], entry.get("fuzzy", False))

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                entry, state = {}, None
            elif line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgctxt ", "msgid ", "msgstr ")):
                state, _, value = line.partition(" ")
                entry[state] = ast.literal_eval(value)
            elif line.startswith('"') and state:
                entry[state] += ast.literal_eval(line)
            else:
                state = None    # msgid_plural, msgstr[n]: not catalogue texts
    flush()
    return entries


def check(pairs, po_path):
    po = read_po(po_path)
    bad = 0
    for en, nl in pairs.items():
        got = po.get((None, en))
        if got is None:
            print(f"{po_path}: missing: {en[:70]!r}")
        elif got[1] or got[0] != nl:
            print(f"{po_path}: {en[:70]!r}\n  has      {got[0][:200]!r}{' (fuzzy)' if got[1] else ''}"
                  f"\n  expected {nl[:200]!r}")
        else:
            continue
        bad += 1
    return bad


def po_lines(keyword, text):
    out = [f"{keyword} {po_string(text)}"]
    if "\n" in text[:-1]:
        out = [f'{keyword} ""'] + [po_string(p) for p in text.splitlines(keepends=True)]
    return out


def apply(pairs, po_path):
    """Replaces the msgstr of each catalogue text whose Dutch differs; returns how many."""
    with open(po_path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    changed = 0
    for n, block in enumerate(blocks):
        lines = block.split("\n")
        entry, state, first_str = {}, None, None
        for i, line in enumerate(lines):
            if line.startswith(("msgctxt ", "msgid ", "msgstr ")):
                state, _, value = line.partition(" ")
                entry[state] = ast.literal_eval(value)
                if state == "msgstr":
                    first_str = i
            elif line.startswith('"') and state:
                entry[state] += ast.literal_eval(line)
            elif not line.startswith('"'):
                state = None
        nl = pairs.get(entry.get("msgid")) if "msgctxt" not in entry else None
        if nl is None or first_str is None or (entry["msgstr"] == nl and "fuzzy" not in block):
            continue
        head = [l for l in lines[:first_str] if not l.startswith("#|")]
        head = [l.replace(", fuzzy", "").replace("#, fuzzy", "#") if l.startswith("#,") else l for l in head]
        head = [l for l in head if l != "#"]
        tail = lines[first_str + 1:]
        while tail and tail[0].startswith('"'):
            tail.pop(0)
        blocks[n] = "\n".join(head + po_lines("msgstr", nl) + tail)
        changed += 1
    with open(po_path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(blocks))
    subprocess.run(["msgcat", "-o", po_path, po_path], check=True)
    return changed


def main():
    args = sys.argv[1:]
    po_path = mode = None
    for flag in ("--check", "--apply"):
        if flag in args:
            i = args.index(flag)
            mode, po_path = flag, args[i + 1]
            del args[i:i + 2]
    top = args[0] if args else os.path.join(os.path.dirname(__file__), "..")
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
            for key in LIST_KEYS:
                for en_text, nl_text in zip(item.get(key, []), nl_item.get(key, [])):
                    pairs.setdefault(en_text, nl_text)
    if mode == "--apply":
        print(f"{apply(pairs, po_path)} catalogue texts updated in {po_path}")
        return
    if mode == "--check":
        bad = check(pairs, po_path)
        print(f"{len(pairs) - bad} of {len(pairs)} catalogue texts in {po_path} match tools/catalogue-nl/")
        sys.exit(1 if bad else 0)
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for en, nl in pairs.items():
        out += [f"msgid {po_string(en)}", f"msgstr {po_string(nl)}", ""]
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
