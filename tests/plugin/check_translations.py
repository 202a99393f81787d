#!/usr/bin/env python3
"""Checks plugin/i18n/htsplan_zh_CN.ts: every message translated, and the
file up to date with the sources.

  check_translations.py REPO_ROOT         the check (exit 1 on a problem)
  check_translations.py --self-test REPO_ROOT
                                          the check must fail on a copy with an
                                          unfinished entry, a lost placeholder,
                                          and a string added to the sources

Fails when a message is type="unfinished" (or vanished/obsolete) or has an
empty translation, when a translation lacks a %N placeholder of its source,
or when lupdate over the sources (scripts/update_translations.sh into a
temporary copy) would add or drop a message.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

TS = os.path.join("plugin", "i18n", "htsplan_zh_CN.ts")


def messages(path):
    """{(context, source): (translation text, type attribute)}"""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            found[(name, message.findtext("source"))] = (translation.text or "", translation.get("type", ""))
    return found


def problems(root, ts):
    out = []
    current = messages(ts)
    if not current:
        out.append("{}: no messages".format(ts))
    for (context, source), (text, kind) in sorted(current.items()):
        where = "{} {!r}".format(context, source)
        if kind:
            out.append("{}: type=\"{}\"".format(where, kind))
        elif not text.strip():
            out.append("{}: empty translation".format(where))
        elif sorted(set(re.findall(r"%\d", source))) != sorted(set(re.findall(r"%\d", text))):
            out.append("{}: placeholders differ in {!r}".format(where, text))
    # What lupdate over the sources makes of the file: nothing new, nothing gone.
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "copy.ts")
        shutil.copy(ts, copy)
        run = subprocess.run(["bash", os.path.join(root, "scripts", "update_translations.sh"), copy],
                             capture_output=True, text=True)
        if run.returncode != 0:
            return out + ["lupdate failed: " + run.stdout + run.stderr]
        updated = messages(copy)
    for key in sorted(set(updated) - set(current)):
        out.append("{} {!r}: in the sources, not in {} (run scripts/update_translations.sh and translate it)".format(key[0], key[1], TS))
    for key in sorted(set(current) - set(updated)):
        out.append("{} {!r}: in {}, no longer in the sources".format(key[0], key[1], TS))
    return out


def self_test(root):
    """Breaks a copy of the repository's .ts and sources three ways; each must be caught."""
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for part in ("plugin", "processing", "scripts"):
            shutil.copytree(os.path.join(root, part), os.path.join(tmp, part))
        ts = os.path.join(tmp, TS)
        original = open(ts, encoding="utf-8").read()
        if problems(tmp, ts):
            print("self-test: the unbroken copy already fails")
            return False
        breaks = {
            "unfinished": lambda s: s.replace("<translation>加载规划底图</translation>",
                                              "<translation type=\"unfinished\"></translation>", 1),
            "placeholder": lambda s: s.replace("<translation>已加载规划底图（%1 个图层）</translation>",
                                               "<translation>已加载规划底图</translation>", 1),
        }
        for name, change in breaks.items():
            broken = change(original)
            assert broken != original, name
            open(ts, "w", encoding="utf-8").write(broken)
            found = problems(tmp, ts)
            print("self-test {}: {}".format(name, found[:1]))
            ok &= bool(found)
        open(ts, "w", encoding="utf-8").write(original)
        # A new string in the sources that the .ts lacks.
        with open(os.path.join(tmp, "plugin", "load_map_dialog.cpp"), "a", encoding="utf-8") as f:
            f.write('\nQString htsplanSelfTest() { return QCoreApplication::translate( "htsplan::LoadMapDialog", "A new string" ); }\n')
        found = problems(tmp, ts)
        print("self-test new string: {}".format(found[:1]))
        ok &= any("A new string" in p for p in found)
    return ok


def main():
    args = sys.argv[1:]
    if args and args[0] == "--self-test":
        root = os.path.abspath(args[1] if len(args) > 1 else ".")
        ok = self_test(root)
        print("self-test", "passed" if ok else "FAILED")
        return 0 if ok else 1
    root = os.path.abspath(args[0] if args else ".")
    ts = os.path.join(root, TS)
    found = problems(root, ts)
    for p in found:
        print("FAIL:", p)
    total = len(messages(ts))
    print("{}: {} messages, {} problems".format(TS, total, len(found)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
