"""The .deb's parts that can be checked without a bundle: its Depends and desktop entry.

The whole package is built, installed with apt and run by packaging/check_bundle.py (too
slow for every run, see the README); this keeps its dependency lookup working.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def build_deb() -> ModuleType:
    """packaging/build_deb.py (`packaging` is also a PyPI package's name: load it by path)."""
    spec = importlib.util.spec_from_file_location("build_deb", ROOT / "packaging" / "build_deb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="not a Debian-based system")
def test_depends_names_the_packages_of_the_system_libraries(tmp_path: Path) -> None:
    """An extension of the bundle linking the C library: its package is a dependency, and
    a library the bundle carries itself is not looked up."""
    import sqlcipher3

    extension = next(Path(sqlcipher3.__file__).parent.glob("_sqlite3*.so"))
    shutil.copy2(extension, tmp_path / extension.name)
    depends = build_deb().depends(tmp_path)
    assert "libc6" in depends
    assert {"fontconfig", "libxcb-cursor0"} <= set(depends)


@pytest.mark.skipif(not (shutil.which("readelf") and shutil.which("gcc")), reason="no binutils/gcc")
def test_depends_refuses_a_library_it_cannot_place(tmp_path: Path) -> None:
    """A library found in no package stops the build, named, rather than go undeclared:
    a real shared object linked against a library that exists only while it is linked."""
    elsewhere, bundle = tmp_path / "elsewhere", tmp_path / "bundle"
    elsewhere.mkdir()
    bundle.mkdir()
    (elsewhere / "absent.c").write_text("int fieldvisit_absent(void) { return 1; }\n")
    (elsewhere / "user.c").write_text(
        "int fieldvisit_absent(void);\nint use(void) { return fieldvisit_absent(); }\n"
    )
    absent = elsewhere / "libfieldvisitabsent.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(absent), str(elsewhere / "absent.c")],
                   check=True)  # fmt: skip
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(bundle / "libuser.so"),
                    str(elsewhere / "user.c"), f"-L{elsewhere}", "-lfieldvisitabsent"],
                   check=True)  # fmt: skip
    with pytest.raises(SystemExit, match=r"no Debian package found for: libfieldvisitabsent\.so"):
        build_deb().depends(bundle)


def test_desktop_entry_has_the_chinese_name_and_the_icon() -> None:
    module = build_deb()
    entry = module.DESKTOP.split("\n\n")[0]  # the main group, before the demo's action
    lines = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert lines["Name"] == "入户走访助手"
    assert lines["Exec"] == "fieldvisit"
    assert (ROOT / "packaging" / "icons" / f"{lines['Icon']}.png").exists()
    assert (ROOT / "packaging" / "icons" / f"{lines['Icon']}.svg").exists()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_desktop_entry_is_valid(tmp_path: Path) -> None:
    entry = tmp_path / "fieldvisit.desktop"
    entry.write_text(build_deb().DESKTOP, encoding="utf-8")
    done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
