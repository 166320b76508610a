#!/usr/bin/env python3
"""Make the Debian package from the bundle: `python packaging/build_deb.py` (after
build_bundle.py), giving build/fieldvisit_VERSION_amd64.deb.

The bundle goes to /opt/fieldvisit with /usr/bin/fieldvisit pointing at it, a desktop
entry under the Chinese name (入户走访助手) and the icon in the hicolor theme. Depends
lists the system libraries the bundle uses (it carries Qt, Python and its own libraries,
not the system's X11, OpenGL, fonts or CUPS ones): every library an ELF file of the bundle
needs and does not carry is looked up in the package that holds it on this machine
(`dpkg -S`), or in WITHOUT_PACKAGE for the few not installed here; the build stops on a
library found nowhere, rather than make a package that fails on another laptop.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "build" / "dist" / "fieldvisit"
STAGE = ROOT / "build" / "deb"
ICONS = ROOT / "packaging" / "icons"
PREFIX = "/opt/fieldvisit"
#: libraries of Qt's Wayland plugins, not installed on a machine that runs X11 only
WITHOUT_PACKAGE = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
#: needed at run time but not as a linked library: fontconfig's configuration, and the
#: xcb plugin's cursor library, which Qt opens itself
ALSO = ["fontconfig", "libxcb-cursor0"]

DESKTOP = """[Desktop Entry]
Type=Application
Name=入户走访助手
Name[zh_CN]=入户走访助手
Name[en]=Fieldvisit
GenericName=Home-visit assistant
GenericName[zh_CN]=残联入户走访
Comment=残疾人入户走访、动态更新调查与打印
Comment[en]=Home visits, dynamic-update surveys and their prints for disability federations
Exec=fieldvisit
Icon=fieldvisit
Terminal=false
Categories=Office;
StartupWMClass=fieldvisit
Actions=demo;

[Desktop Action demo]
Name=演示区
Name[en]=Demo district
Exec=fieldvisit --demo
"""


def version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))


def system_library_paths() -> dict[str, str]:
    """soname -> path, for the x86-64 libraries the dynamic linker knows."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for name, arch, path in re.findall(r"^\s*(\S+) \(([^)]*)\) => (\S+)", out, re.M):
        if "x86-64" in arch:
            found.setdefault(name, path)
    return found


def owner(path: str) -> str | None:
    """The Debian package that holds `path` (following /lib -> /usr/lib)."""
    for candidate in (path, str(Path(path).resolve())):
        for variant in (candidate, candidate.replace("/usr/lib/", "/lib/", 1)):
            done = subprocess.run(["dpkg", "-S", variant], capture_output=True, text=True)
            if done.returncode == 0:
                return done.stdout.split(":")[0].strip()
    return None


def depends(bundle: Path) -> list[str]:
    """The packages of the system libraries the bundle needs, or SystemExit naming those
    that no package could be found for."""
    files = elf_files(bundle)
    carried = {p.name for p in files} | {p.name for p in bundle.rglob("*.so*")}
    wanted = set().union(*(needed(p) for p in files)) - carried
    known = system_library_paths()
    packages, unknown = set(ALSO), []
    for soname in sorted(wanted):
        package = owner(known[soname]) if soname in known else WITHOUT_PACKAGE.get(soname)
        if package is None:
            unknown.append(soname)
        else:
            packages.add(package)
    if unknown:
        raise SystemExit(f"no Debian package found for: {', '.join(unknown)}")
    # bookworm's libc6 and trixie's 64-bit-time names (libcups2t64) for the same library
    return [f"{p} | {p.removesuffix('t64')}" if p.endswith("t64") else p
            for p in sorted(packages)]  # fmt: skip


def control(depends_on: list[str], installed_kb: int) -> str:
    return (
        "Package: fieldvisit\n"
        f"Version: {version()}\n"
        "Architecture: amd64\n"
        "Maintainer: Fieldvisit <fieldvisit@invalid>\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {', '.join(depends_on)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: 入户走访助手 - home-visit assistant of disability federations\n"
        " The laptop program of district disability federations' members: households,\n"
        " dynamic-update surveys, visit prints and sync with the district server.\n"
    )


def build(bundle: Path = BUNDLE) -> Path:
    if not (bundle / "fieldvisit").exists():
        raise SystemExit(f"no bundle at {bundle}: run packaging/build_bundle.py first")
    if STAGE.exists():
        shutil.rmtree(STAGE)
    opt = STAGE / PREFIX.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    (STAGE / "usr/bin").mkdir(parents=True)
    (STAGE / "usr/bin/fieldvisit").symlink_to(f"{PREFIX}/fieldvisit")
    apps = STAGE / "usr/share/applications"
    apps.mkdir(parents=True)
    (apps / "fieldvisit.desktop").write_text(DESKTOP, encoding="utf-8")
    hicolor = STAGE / "usr/share/icons/hicolor"
    for size, source in (("256x256", "fieldvisit.png"), ("scalable", "fieldvisit.svg")):
        (hicolor / size / "apps").mkdir(parents=True)
        shutil.copy2(ICONS / source, hicolor / size / "apps" / source)
    files = (p for p in STAGE.rglob("*") if p.is_file() and not p.is_symlink())
    kb = sum(p.stat().st_size for p in files) // 1024
    (STAGE / "DEBIAN").mkdir()
    (STAGE / "DEBIAN/control").write_text(control(depends(bundle), kb), encoding="utf-8")
    out = ROOT / "build" / f"fieldvisit_{version()}_amd64.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(STAGE), str(out)],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return out


def main() -> int:
    out = build()
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
