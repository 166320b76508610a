#!/usr/bin/env python3
"""Update the English translation (lupdate over ui/, then lrelease), check it, or fill it.

    .venv/bin/python packaging/translations.py           # update the .ts, compile the .qm
    .venv/bin/python packaging/translations.py --check   # list texts without English; exit 1
    .venv/bin/python packaging/translations.py --fill new.json  # add translations, then update

The `.ts` file is the one place the English lives: lupdate merges the texts found in
`ui/` into it and keeps every translation already there. A `--fill` file is a JSON
object from Chinese source text to English (a list of the singular and plural forms
for a `%n` text), to add translations without Qt Linguist. Standard library only:
this file runs before anything is imported from the project.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "ui"
I18N = ROOT / "resources" / "i18n"
LANGUAGE = "en"
TS_FILE = I18N / f"fieldvisit_{LANGUAGE}.ts"
QM_FILE = I18N / f"fieldvisit_{LANGUAGE}.qm"
#: lupdate and lrelease keep the translation state in this attribute of <translation>
GONE = frozenset({"obsolete", "vanished"})


@dataclass(frozen=True)
class Message:
    """One text of the .ts file: where it is looked up, and whether it has English."""

    context: str
    source: str
    translated: bool


def qt_tool(name: str) -> Path | None:
    """The PySide6 tool `name` beside this Python or in the checkout's .venv, else on PATH."""
    for folder in (Path(sys.executable).parent, ROOT / ".venv" / "bin", ROOT / ".venv" / "Scripts"):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.exists():
                return candidate
    found = shutil.which(name)
    return Path(found) if found else None


def require_tool(name: str) -> Path:
    tool = qt_tool(name)
    if tool is None:
        sys.exit(f"{name} not found: install PySide6 (packaging/bootstrap.py install)")
    return tool


def source_files() -> list[Path]:
    """Every Python file under ui/, relative to the checkout, in a stable order."""
    return sorted(p.relative_to(ROOT) for p in SOURCES.rglob("*.py"))


def lupdate(ts_file: Path) -> None:
    """Merge the texts of ui/ into `ts_file` (created if missing), keeping its translations."""
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "sources.lst"
        listing.write_text("\n".join(str(p) for p in source_files()) + "\n", encoding="utf-8")
        command = [str(require_tool("pyside6-lupdate")), "-silent", "-locations", "absolute"]
        command += [f"@{listing}", "-target-language", LANGUAGE, "-ts", str(ts_file)]
        subprocess.run(command, cwd=ROOT, check=True)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile `ts_file` into `qm_file`."""
    command = [str(require_tool("pyside6-lrelease")), "-silent", str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, cwd=ROOT, check=True)


def messages(ts_file: Path) -> list[Message]:
    """The current (not obsolete) messages of a .ts file."""
    found: list[Message] = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            state = "" if translation is None else translation.get("type", "")
            if state in GONE:
                continue
            texts = [] if translation is None else translation_texts(translation)
            done = state != "unfinished" and bool(texts) and all(t.strip() for t in texts)
            found.append(Message(name, message.findtext("source") or "", done))
    return found


def translation_texts(translation: ET.Element) -> list[str]:
    """The text of a <translation>, or of each of its plural forms."""
    forms = translation.findall("numerusform")
    if forms:
        return [f.text or "" for f in forms]
    return [translation.text or ""]


def untranslated(ts_file: Path) -> list[Message]:
    """The texts of ui/ that `ts_file` has no English for, found without changing it."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / ts_file.name
        if ts_file.exists():
            shutil.copyfile(ts_file, copy)
        lupdate(copy)
        return [m for m in messages(copy) if not m.translated]


def fill(ts_file: Path, english: dict[str, str | list[str]]) -> int:
    """Write the English of `english` into the messages of `ts_file` that have none."""
    tree = ET.parse(ts_file)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        text = english.get(source)
        if text is None:
            continue
        forms = translation.findall("numerusform")
        if forms:
            plural = [text] if isinstance(text, str) else text
            for n, form in enumerate(forms):
                form.text = plural[min(n, len(plural) - 1)]
        elif isinstance(text, str):
            translation.text = text
        else:
            continue  # plural forms given for a text that has none
        del translation.attrib["type"]
        filled += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
    ts_file.write_text(header + body + "\n", encoding="utf-8")
    return filled


def update() -> None:
    """Bring the .ts up to date with ui/ and compile the .qm."""
    lupdate(TS_FILE)
    lrelease(TS_FILE, QM_FILE)
    found = messages(TS_FILE)
    missing = sum(not m.translated for m in found)
    print(f"{TS_FILE.relative_to(ROOT)}: {len(found)} text(s), {missing} without English")


def qm_is_current() -> bool:
    """Whether the committed .qm is what lrelease makes of the committed .ts."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / QM_FILE.name
        lrelease(TS_FILE, fresh)
        return QM_FILE.exists() and fresh.read_bytes() == QM_FILE.read_bytes()


def check() -> int:
    """Report the texts of ui/ with no English, and a .qm older than its .ts; 1 if any."""
    missing = untranslated(TS_FILE)
    stale = not qm_is_current()
    ts_name, qm_name = TS_FILE.relative_to(ROOT), QM_FILE.relative_to(ROOT)
    if missing:
        print(f"{len(missing)} text(s) of ui/ have no English in {ts_name}:")
        for m in missing:
            print(f"  [{m.context}] {m.source!r}")
        print("translate them (Qt Linguist, or --fill FILE.json), then run this script")
    if stale:
        print(f"{qm_name} is not compiled from the current {ts_name}: run this script")
    if not (missing or stale):
        print(f"{ts_name}: every text of ui/ has an English translation; {qm_name} is current")
    return 1 if missing or stale else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Update, check or fill the English translation.")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="list texts with no English, exit 1")
    mode.add_argument("--fill", type=Path, metavar="JSON", help="add translations from a file")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if args.fill is not None:
        english = json.loads(args.fill.read_text(encoding="utf-8"))
        if not isinstance(english, dict):
            sys.exit(f"{args.fill}: expected a JSON object of source text to English")
        lupdate(TS_FILE)
        print(f"filled {fill(TS_FILE, english)} text(s)")
    update()  # lupdate also writes the filled file back in its own layout
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
