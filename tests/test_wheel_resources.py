"""A built wheel carries every file of resources/, and the installed code finds them.

The wheel is built from a copy of the source tree (pip builds in place and would leave
build/ and *.egg-info behind) with pip's own build isolation, which fetches the
setuptools pyproject.toml asks for: without network and without it in pip's cache the
test is skipped, saying so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app import resources

ROOT = Path(__file__).resolve().parents[1]
#: what the build reads
SOURCES = ("pyproject.toml", "setup.py", "README.md", "app", "ui", "sync", "resources")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=ignore)
        else:
            tree.mkdir(exist_ok=True)
            shutil.copy2(source, tree / name)
    out = work / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(tree)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        offline = ("No matching distribution", "Could not find a version", "NewConnectionError")
        if any(reason in done.stderr for reason in offline):
            pytest.skip(f"no network and no cached build backend: {done.stderr[-300:]}")
        pytest.fail(done.stdout + done.stderr)
    assert "Deprecat" not in done.stdout + done.stderr, "the build warns of a deprecation"
    (built,) = out.glob("fieldvisit-*.whl")
    return built


def test_wheel_holds_every_resource_file(wheel: Path) -> None:
    shipped = {
        path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    prefix = resources.PACKAGE + "/"
    with zipfile.ZipFile(wheel) as archive:
        inside = {name[len(prefix) :] for name in archive.namelist() if name.startswith(prefix)}
    assert len(shipped) > 50
    assert sorted(shipped - inside) == []


def test_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    """Unpacked as pip installs it, the code reads the forms and codes from the wheel."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from app import resources\n"
        "from app.forms.loader import load_forms\n"
        "from app.domain.codes import load_code_lists\n"
        "print(resources.root()); print(len(load_forms())); print(len(load_code_lists()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(site)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    root, forms, code_lists = done.stdout.split()
    assert Path(root) == site / resources.PACKAGE
    assert int(forms) > 0
    assert int(code_lists) > 0
