#!/usr/bin/env python3
"""Set up and run Fieldvisit from a source checkout, on a machine that has only Python.

    python3 packaging/bootstrap.py demo    # open the program on a demo district
    python3 packaging/bootstrap.py test    # run the whole test suite
    python3 packaging/bootstrap.py install # only make the environment

It makes `.venv` beside the sources, installs the project with its development
tools (again whenever pyproject.toml or setup.py changes), and on Debian/Ubuntu installs the
system libraries Qt needs, and for `test` and `install` poppler-utils, with which the tests
read prints back, and desktop-file-utils (with apt-get, when run as root or with sudo). Only the
standard library is used here: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".fieldvisit-installed"

# What Qt needs on Debian to draw offscreen and in a window (see STACK.md).
QT_DEBIAN_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libdbus-1-3",
    "libx11-6",
    "libxcb1",
    "fontconfig",
    "libx11-xcb1",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "libxcb-randr0",
]
# What the tests need besides: poppler's programs read the prints back (text, fonts,
# pictures, images), so that no print test is skipped on a fresh machine; the .deb's
# desktop entry is checked with desktop-file-validate.
TEST_DEBIAN_PACKAGES = ["poppler-utils", "desktop-file-utils"]


def say(message: str) -> None:
    print(f"[bootstrap] {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def missing_debian_packages(packages: list[str]) -> list[str]:
    if shutil.which("dpkg-query") is None:
        return []
    missing = []
    for name in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name],
            capture_output=True,
            text=True,
            check=False,
        )
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def apt_install(packages: list[str]) -> None:
    """Install Debian packages without upgrading anything else."""
    if not packages:
        return
    if shutil.which("apt-get") is None:
        say("not a Debian system; make sure these are installed: " + " ".join(packages))
        return
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        if shutil.which("sudo") is None:
            say("please install, as root: apt-get install " + " ".join(packages))
            return
        prefix = ["sudo"]
    say("installing system packages: " + " ".join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-upgrade", *packages],
        check=True,
        env=env,
    )


def ensure_system_libraries(*, for_tests: bool) -> None:
    if sys.platform.startswith("linux"):
        wanted = QT_DEBIAN_PACKAGES + (TEST_DEBIAN_PACKAGES if for_tests else [])
        apt_install(missing_debian_packages(wanted))


def make_venv() -> None:
    if venv_python().exists():
        return
    say(f"creating the virtual environment in {VENV}")
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    except (subprocess.CalledProcessError, OSError):
        # Debian ships venv's pip support separately (python3-venv)
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
        apt_install([version, "python3-venv"])
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)


def install_project() -> None:
    # setup.py lists the packages (resources/ among them): a change there reinstalls too
    build_files = (ROOT / "pyproject.toml").read_bytes() + (ROOT / "setup.py").read_bytes()
    digest = hashlib.sha256(build_files).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    say("installing Fieldvisit and its dependencies (first run: a few minutes)")
    py = str(venv_python())
    subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=False)
    subprocess.run([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(digest)


def prepare(*, for_tests: bool) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (this file runs before the check of pip)
        sys.exit("Fieldvisit needs Python 3.11 or newer")
    ensure_system_libraries(for_tests=for_tests)
    make_venv()
    install_project()


def run(args: list[str]) -> int:
    return subprocess.run([str(venv_python()), *args], cwd=ROOT, check=False).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    rest = argv[1:]
    if command not in {"demo", "test", "install"}:
        print(__doc__)
        return 2
    prepare(for_tests=command in {"test", "install"})  # `install` makes the tests' environment
    if command == "install":
        return 0
    if command == "demo":
        return run(["-m", "ui.main", "--demo", *rest])
    code = run(["-m", "pytest", *rest])
    if code == 5:
        say("pytest collected no tests: that is a failure")
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
