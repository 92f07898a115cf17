#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command line in every language of po/LINGUAS: under LANGUAGE=xx, `charta-cli
frameworks` and `frameworks --json` show that language's framework texts, and `--help` and
every command's `--help` are translated. A text equal to its English source fails unless
it is a proper name or a word spelled the same in that language (ALLOWED below).

Arguments: CHARTA_CLI SOURCE_ROOT. The environment gives CHARTA_LOCALEDIR, the build's po/.
"""

import json
import os
import re
import subprocess
import sys

# Texts that stay as they are in every language: proper names.
ALLOWED_EVERYWHERE = {
    # A British standard, named after Stephen Lawrence; its abbreviation is its name.
    "Stephen Lawrence Education Standard (SLES)",
    # A named method, known by its English name and abbreviation in the integration field.
    "Social Return On Investment (SROI)",
    # The name of Mechelen's welcome programme.
    "Welcome in Mechelen",
    # Two terms' sources: lists of organisations, by their own names.
    "Minority Supplier Development UK; Supplier Diversity Europe; Greater London Authority; "
    "Transport for London",
    "Centraal Bureau voor de Statistiek; Statistisches Bundesamt Deutschland; "
    "UK Office for National Statistics; Istituto Nazionale di Statistica",
}
# Texts a language spells as English does: a translation, not an oversight.
ALLOWED_IN = {
    # The Dutch seed (the charter as the Flemish cities signed it) keeps the English name.
    "nl": {"Integrating Cities Charter",
           # An English loanword in Dutch evaluation practice (kept by the translator).
           "Desk review"},
    # The DIVE scale's levels and the agency's work form: French words too.
    "fr": {"Absent", "Initial", "Information"},
    "de": {"Information"},
    "sv": {"Information"},
}
# The fields of `frameworks --json` that hold translated text. Not checked: ids, kinds,
# the publisher (an organisation's name, not translated) and "city" (city names, which a
# language may or may not spell its own way: Berlin, Antwerpen).
TEXT_FIELDS = ("title", "description", "summary", "situation", "source")

cli = sys.argv[1]
top = sys.argv[2]
tests = []  # (ok, description, details)


def run(lang, *args):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)
    env.pop("LC_MESSAGES", None)
    env.pop("LANG", None)
    if lang is not None:
        env["LANGUAGE"] = lang
    result = subprocess.run([cli, *args], env=env, capture_output=True, text=True)
    return result.stdout + result.stderr


def allowed(lang, text):
    text = re.sub(r" \(\d{4}\)$", "", text)  # `frameworks` adds a framework's year
    return text in ALLOWED_EVERYWHERE or text in ALLOWED_IN.get(lang, set())


def texts(node, where="", out=None):
    """Every translated text of the JSON catalogue, keyed by the item it belongs to."""
    if out is None:
        out = {}
    if isinstance(node, dict):
        key = "%s/%s" % (where, node.get("id", node.get("value", "")))
        for field, value in node.items():
            if isinstance(value, (dict, list)):
                texts(value, "%s.%s" % (key, field), out)
            elif field in TEXT_FIELDS and isinstance(value, str):
                out["%s.%s" % (key, field)] = value
    elif isinstance(node, list):
        for child in node:
            texts(child, where, out)
    return out


def lines_by_id(output):
    """`frameworks` prints "ID  TITLE" per line, indented by depth."""
    titles = {}
    for line in output.splitlines():
        parts = line.strip().split("  ", 1)
        if len(parts) == 2:
            titles[parts[0]] = parts[1].strip()
    return titles


def compare(lang, english, translated, what):
    if set(english) != set(translated):
        return False, "%s: the %s lists other items than in English" % (lang, what), []
    same = [k for k, v in english.items() if translated[k] == v and not allowed(lang, v)]
    details = ["%s: %r" % (k, english[k][:70]) for k in same]
    ok = not same
    return ok, "%s: %s, %d texts, %d left in English" % (lang, what, len(english), len(same)), details


# A line of --help is text to translate when, without the program and command names,
# options, placeholders, environment variables and quoted JSON fields, a word is left.
def words_left(line, commands):
    line = re.sub(r"\bcharta-cli\b", " ", line)
    line = re.sub(r'"[^"]*"', " ", line)
    line = re.sub(r"--?[a-z][a-z-]*(=[A-Z_]+…?)?", " ", line)
    line = re.sub(r"\$[A-Z_]+|\b[A-Z][A-Z_]+\b…?", " ", line)
    words = re.findall(r"[^\W\d_]{3,}", line)
    return [w for w in words if w not in commands]


with open(os.path.join(top, "po", "LINGUAS")) as f:
    languages = [w for line in f if not line.startswith("#") for w in line.split()]

english_json = texts(json.loads(run(None, "frameworks", "--json")))
english_lines = lines_by_id(run(None, "frameworks"))
english_help = run(None, "--help")
commands = [line.split()[0] for line in
            english_help.split("\n\n")[1].splitlines()[1:] if line.strip()]
english_helps = {c: run(None, *([c] if c else []), "--help") for c in [None] + commands}
subcommands = set(commands) | {"close", "list", "rename", "remove"}

# The reference is English (else every comparison below would be vacuous).
assert english_lines.get("charter.role.policymaker") == "The city as policymaker", english_lines
assert len(english_json) > 400 and len(commands) > 10, (len(english_json), commands)

for lang in languages:
    tests.append(compare(lang, english_lines, lines_by_id(run(lang, "frameworks")), "frameworks"))
    try:
        translated = texts(json.loads(run(lang, "frameworks", "--json")))
        tests.append(compare(lang, english_json, translated, "frameworks --json"))
    except json.JSONDecodeError as e:
        tests.append((False, "%s: frameworks --json is not JSON: %s" % (lang, e), []))
    left = []
    n = 0
    for command, english in english_helps.items():
        args = ["--help"] if command is None else [command, "--help"]
        english_set = set(english.splitlines())
        for line in run(lang, *args).splitlines():
            if words_left(line, subcommands):
                n += 1
                if line in english_set:
                    left.append("%s: %s" % (" ".join(args), line.strip()))
    tests.append((not left and n > 0,
                  "%s: --help and every command's --help, %d lines, %d left in English" % (lang, n, len(left)),
                  left))

print("1..%d" % len(tests))
failed = False
for i, (ok, description, details) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, description))
    for line in details[:20]:
        print("#   " + line)
    if len(details) > 20:
        print("#   … and %d more" % (len(details) - 20))
    failed = failed or not ok
sys.exit(1 if failed else 0)
