#!/usr/bin/env python3
"""Build the one-folder bundle: `python packaging/build_bundle.py` (Linux or Windows).

    python packaging/build_bundle.py           # build/dist/fieldvisit/, then its self-check
    python packaging/build_bundle.py --clean   # the same from an empty build venv and cache

Run with the Python the bundle is for (3.11). It makes its own build venv
(build/bundle-venv) and installs into it exactly what packaging/requirements-bundle.lock
pins, with --require-hashes and wheels only, again whenever the lock changes; then
PyInstaller runs packaging/fieldvisit.spec, and the bundle's `--self-check` runs offscreen
with private folders. The program's own code comes from this source tree.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
VENV = BUILD / "bundle-venv"
DIST = BUILD / "dist"
BUNDLE = DIST / "fieldvisit"
LOCK = ROOT / "packaging" / "requirements-bundle.lock"
SPEC = ROOT / "packaging" / "fieldvisit.spec"
PYTHON = (3, 11)
WINDOWS = os.name == "nt"


def say(message: str) -> None:
    print(f"[bundle] {message}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def executable(console: bool = True) -> Path:
    """The bundle's program (on Windows the console twin for checks, when asked)."""
    if WINDOWS:
        return BUNDLE / ("fieldvisit-console.exe" if console else "fieldvisit.exe")
    return BUNDLE / "fieldvisit"


def size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def build_venv(clean: bool) -> None:
    stamp = VENV / ".lock-sha256"
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if clean and VENV.exists():
        shutil.rmtree(VENV)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if VENV.exists():
        shutil.rmtree(VENV)
    say(f"build venv {VENV.relative_to(ROOT)} from {LOCK.relative_to(ROOT)}")
    venv.create(VENV, with_pip=True)
    subprocess.run(
        [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q",
         "--require-hashes", "--no-deps", "--only-binary=:all:", "-r", str(LOCK)],
        check=True,
    )  # fmt: skip
    stamp.write_text(wanted)


def self_check() -> int:
    """Run the bundle's --self-check offscreen with throw-away settings and data folders."""
    with tempfile.TemporaryDirectory(prefix="fieldvisit-bundle-check-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=tmp, LOCALAPPDATA=tmp,
                   APPDATA=tmp, XDG_DATA_HOME=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config",
                   XDG_CACHE_HOME=f"{tmp}/cache")  # fmt: skip
        env.pop("PYTHONPATH", None)
        return subprocess.run([str(executable()), "--self-check"], env=env, cwd=tmp).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="build the one-folder bundle")
    parser.add_argument("--clean", action="store_true", help="new build venv and cache")
    args = parser.parse_args(argv)
    if sys.version_info[:2] != PYTHON:
        say(f"needs Python {PYTHON[0]}.{PYTHON[1]} (the lock's wheels are for it), "
            f"not {sys.version.split()[0]}")  # fmt: skip
        return 2
    began = time.perf_counter()
    build_venv(args.clean)
    command = [str(venv_python()), "-m", "PyInstaller", str(SPEC), "--noconfirm",
               "--log-level", "WARN", "--distpath", str(DIST),
               "--workpath", str(BUILD / "pyinstaller")]  # fmt: skip
    if args.clean:
        command.append("--clean")
    say("PyInstaller " + SPEC.relative_to(ROOT).as_posix())
    subprocess.run(command, check=True, cwd=ROOT)
    built = time.perf_counter() - began
    say(f"{BUNDLE.relative_to(ROOT)}: {size_mb(BUNDLE):.0f} MB, built in {built:.0f} s")
    code = self_check()
    say("self-check passed" if code == 0 else f"self-check FAILED ({code})")
    return code


if __name__ == "__main__":
    sys.exit(main())
