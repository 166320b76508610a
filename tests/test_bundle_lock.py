"""The bundle's lock file keeps up with pyproject.toml.

packaging/build_bundle.py installs only what packaging/requirements-bundle.lock pins,
with --require-hashes: a dependency added to the program's core or `[desktop]` but not
to the lock would be missing from the bundle (found only by its self-check, minutes into
a build). Rewrite the lock with `python packaging/lock_bundle.py`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "packaging" / "requirements-bundle.lock"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PLATFORMS = ({"sys_platform": "linux"}, {"sys_platform": "win32"})


def locked() -> dict[str, tuple[Version, list[str]]]:
    """name -> (version, hashes) of the lock."""
    pins: dict[str, tuple[Version, list[str]]] = {}
    name = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", line)
        if pin:
            name = canonicalize_name(pin.group(1))
            pins[name] = (Version(pin.group(2)), [])
        elif "--hash=sha256:" in line:
            pins[name][1].append(line.split("sha256:")[1].rstrip(" \\"))
    return pins


def bundle_requirements() -> list[Requirement]:
    return [Requirement(r) for r in [*PROJECT["dependencies"],
                                     *PROJECT["optional-dependencies"]["desktop"]]]  # fmt: skip


@pytest.mark.parametrize("requirement", bundle_requirements(), ids=str)
def test_each_dependency_of_the_program_is_locked(requirement: Requirement) -> None:
    pins = locked()
    wanted = any(requirement.marker is None or requirement.marker.evaluate(env)
                 for env in PLATFORMS)  # fmt: skip
    if not wanted:
        pytest.skip(f"{requirement} is for neither Linux nor Windows")
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement.name} is not in {LOCK.name}: run lock_bundle.py"
    version, hashes = pins[name]
    assert requirement.specifier.contains(version, prereleases=True), (requirement, version)
    assert hashes, f"{name} has no hash"


def test_every_pin_has_a_hash() -> None:
    pins = locked()
    assert "pyinstaller" in pins
    assert [name for name, (_, hashes) in pins.items() if not hashes] == []
