"""Reading the bundle's lock file and fetching its wheels for a platform (pip download).

Shared by lock_bundle.py (which writes the lock with the hashes of the Linux and Windows
wheels) and check_windows_wheels.py (which proves every pin has a Windows wheel).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
LOCK = PACKAGING / "requirements-bundle.lock"
#: the Python the bundle is built with, and so the one its wheels must fit
PYTHON_VERSION = "3.11"
WINDOWS = "win_amd64"


@dataclass(frozen=True)
class Pin:
    """One locked distribution: `name==version`."""

    name: str
    version: str

    def __str__(self) -> str:
        return f"{self.name}=={self.version}"


def read_pins(lock: Path = LOCK) -> list[Pin]:
    """The `name==version` lines of a lock file (hash continuation lines skipped)."""
    pins = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        found = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", line)
        if found:
            pins.append(Pin(found.group(1), found.group(2)))
    return pins


def download(pin: Pin, dest: Path, platform: str | None) -> tuple[list[Path], str]:
    """The wheel files pip picks for `pin` on `platform` (None: this machine) and pip's
    complaint if it found none; nothing but wheels, no dependencies."""
    dest.mkdir(parents=True, exist_ok=True)
    before = set(dest.iterdir())
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--disable-pip-version-check", "-q", "-d", str(dest), str(pin)]  # fmt: skip
    if platform is not None:
        command += ["--platform", platform, "--python-version", PYTHON_VERSION]
        command += ["--implementation", "cp"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    got = sorted(set(dest.iterdir()) - before)
    if not got:  # already there from an earlier run: pip said "File was already downloaded"
        key = re.sub(r"[-_.]+", "_", pin.name).lower() + "-" + pin.version
        got = [p for p in dest.glob("*.whl") if p.name.lower().startswith(key.lower() + "-")]
    problem = "" if done.returncode == 0 else (done.stderr.strip().splitlines() or ["?"])[-1]
    return got, problem
