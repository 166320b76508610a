#!/usr/bin/env python3
"""Write packaging/requirements-bundle.lock: every distribution of the bundle pinned, hashed.

    python packaging/lock_bundle.py

Resolves requirements-bundle.in plus the program's `[desktop]` dependencies twice with
pip's resolver (`pip install --dry-run --report`): for this machine and for Windows
(win_amd64, CPython 3.11). A pin needed on one side only gets an environment marker.
Each pin carries the sha256 of the wheel pip picks on Linux (this machine) and on
Windows, so build_bundle.py can install with --require-hashes on either.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wheels import LOCK, PACKAGING, PYTHON_VERSION, ROOT, WINDOWS, Pin, download

SOURCE = PACKAGING / "requirements-bundle.in"


def resolve(platform: str | None, work: Path) -> dict[str, Pin]:
    """What pip would install for the bundle on `platform` (None: this machine)."""
    report = work / f"report-{platform or 'here'}.json"
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
               "--disable-pip-version-check", "-q", "--report", str(report),
               "-r", str(SOURCE), f"{ROOT}[desktop]"]  # fmt: skip
    if platform is not None:
        command += ["--only-binary=:all:", "--platform", platform]
        command += ["--python-version", PYTHON_VERSION, "--target", str(work / "target")]
    subprocess.run(command, check=True)
    pins = {}
    for item in json.loads(report.read_text(encoding="utf-8"))["install"]:
        name, version = item["metadata"]["name"], item["metadata"]["version"]
        if name.lower() != "fieldvisit":
            pins[name.lower()] = Pin(name, version)
    return pins


def windows_only() -> dict[str, Pin]:
    """The pins of requirements-bundle.in marked for Windows (pip's resolver on Linux skips
    them: it evaluates markers for the machine it runs on, whatever --platform says)."""
    pins = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        found = re.match(r"([A-Za-z0-9._-]+)==(\S+)\s*;\s*sys_platform\s*==\s*.win32.", line)
        if found:
            pins[found.group(1).lower()] = Pin(found.group(1), found.group(2))
    return pins


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="fieldvisit-lock-") as tmp:
        work = Path(tmp)
        here, windows = resolve(None, work), resolve(WINDOWS, work) | windows_only()
        lines = [
            "# The bundle's build dependencies, pinned with the hashes of their Linux and",
            "# Windows wheels. Written by packaging/lock_bundle.py from requirements-bundle.in",
            "# and pyproject.toml's [desktop]; do not edit by hand.",
        ]
        for key in sorted(here.keys() | windows.keys()):
            pin = here.get(key) or windows[key]
            if key in here and key in windows and here[key] != windows[key]:
                raise SystemExit(f"{key}: {here[key]} here but {windows[key]} on Windows")
            marker = ""
            if key not in windows:
                marker = ' ; sys_platform != "win32"'
            elif key not in here:
                marker = ' ; sys_platform == "win32"'
            hashes = set()
            for platform, side in ((None, here), (WINDOWS, windows)):
                if key in side:
                    files, problem = download(pin, work / (platform or "here"), platform)
                    if not files:
                        raise SystemExit(f"{pin}: no wheel for {platform or 'here'}: {problem}")
                    hashes |= {sha256(f) for f in files}
            lines.append(f"{pin}{marker} \\")
            lines += [f"    --hash=sha256:{h} \\" for h in sorted(hashes)]
            lines[-1] = lines[-1].removesuffix(" \\")
        LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{LOCK.relative_to(ROOT)}: {len(here.keys() | windows.keys())} pins")
    return 0


if __name__ == "__main__":
    sys.exit(main())
