"""Every program the print tests run comes from a Debian package that packaging/bootstrap.py
installs for the tests: on a fresh machine set up by it, no print test is skipped."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_TESTS = [
    *(ROOT / "tests" / "printing").glob("*.py"),
    *(ROOT / "tests" / "ui").glob("test_print*.py"),
]
#: a program named first in a call that runs one (`_run("pdftotext", ...)`, `run(["pdfinfo", ...`)
CALL = re.compile(r"(?:_run|subprocess\.(?:run|check_output|Popen))\(\s*\[?\s*\"([\w.+-]+)\"")


def bootstrap() -> ModuleType:
    """packaging/bootstrap.py (`packaging` is also a PyPI package's name: load it by path)."""
    spec = importlib.util.spec_from_file_location("bootstrap", ROOT / "packaging" / "bootstrap.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def programs_run() -> set[str]:
    """The programs the print tests run (this file's dpkg aside)."""
    others = [path for path in PRINT_TESTS if path.resolve() != Path(__file__).resolve()]
    return {m.group(1) for path in others for m in CALL.finditer(path.read_text("utf-8"))}


def test_the_walk_finds_the_programs_the_print_tests_run() -> None:
    assert {"pdftotext", "pdffonts", "pdfimages", "pdftoppm", "pdfinfo"} <= programs_run()


def test_every_program_the_print_tests_run_is_installed_by_the_bootstrap() -> None:
    if shutil.which("dpkg") is None:
        pytest.skip("not a Debian system: the bootstrap installs no system packages here")
    module = bootstrap()
    installed = set(module.QT_DEBIAN_PACKAGES) | set(module.TEST_DEBIAN_PACKAGES)
    for program in sorted(programs_run()):
        found = shutil.which(program)
        assert found, f"{program} is not installed"
        owner = subprocess.run(
            ["dpkg", "-S", str(Path(found).resolve())], capture_output=True, text=True, check=False
        )
        if owner.returncode != 0:  # /usr/bin and /bin are one folder on newer Debian
            owner = subprocess.run(
                ["dpkg", "-S", found], capture_output=True, text=True, check=True
            )
        package = owner.stdout.split(":")[0]
        assert package in installed, f"{program} comes from {package}, which bootstrap lacks"
