#!/usr/bin/env python3
"""The packaging check: build the bundle and the .deb, install it with apt, run it, remove it.

    sudo python3 packaging/check_bundle.py              # build, then check the install
    sudo python3 packaging/check_bundle.py --no-build   # the bundle in build/dist as it is

Too slow for every CI run (the bundle takes minutes to build on a shared machine, the
.deb more to pack), so it is run by hand before a release and its figures are written in
the README. Needs root (apt) on a Debian-based system. Steps: build_bundle.py (which runs
the bundle's self-check), build_deb.py, `apt-get install ./build/fieldvisit_*.deb` (which
brings the declared system libraries), then from the installed copy: every ELF file's
libraries resolve (ldd), `/usr/bin/fieldvisit --self-check`, and the demo offscreen until
its main window shows (`--demo --quit-after`), with throw-away settings and data folders;
finally `apt-get purge fieldvisit` and a look that /opt/fieldvisit is gone. The last line
is a JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_bundle
import build_deb

INSTALLED = Path(build_deb.PREFIX)


def run(
    command: list[str], env: dict[str, str], cwd: str | None = None, capture: bool = False
) -> subprocess.CompletedProcess[str]:
    print("$ " + " ".join(command), flush=True)
    return subprocess.run(command, text=True, env=env, cwd=cwd, capture_output=capture)


def unresolved_libraries() -> list[str]:
    """`ldd` lines saying "not found" for the installed copy's ELF files."""
    missing = []
    for path in build_deb.elf_files(INSTALLED):
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        missing += [f"{path}: {line.strip()}" for line in out.splitlines() if "not found" in line]
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="build, install and run the .deb")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args(argv)
    figures: dict[str, object] = {}
    began = time.perf_counter()
    if not args.no_build and build_bundle.main([]) != 0:
        return 1
    figures["bundle_s"] = round(time.perf_counter() - began, 1)
    figures["bundle_mb"] = round(build_bundle.size_mb(build_bundle.BUNDLE), 1)
    began = time.perf_counter()
    deb = build_deb.build()
    figures["deb_s"] = round(time.perf_counter() - began, 1)
    figures["deb_mb"] = round(deb.stat().st_size / 1e6, 1)
    failures = []
    began = time.perf_counter()
    apt_env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if run(["apt-get", "install", "-y", "-q", str(deb)], env=apt_env).returncode != 0:
        return 1
    figures["install_s"] = round(time.perf_counter() - began, 1)
    try:
        missing = unresolved_libraries()
        if missing:
            failures.append("libraries not found:\n" + "\n".join(missing[:20]))
        with tempfile.TemporaryDirectory(prefix="fieldvisit-deb-check-") as tmp:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=tmp,
                       XDG_DATA_HOME=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config",
                       XDG_CACHE_HOME=f"{tmp}/cache")  # fmt: skip
            env.pop("PYTHONPATH", None)
            if run(["/usr/bin/fieldvisit", "--self-check"], env=env, cwd=tmp).returncode:
                failures.append("self-check of the installed copy failed")
            began = time.perf_counter()
            demo = run(["/usr/bin/fieldvisit", "--demo", "--persons", "300", "--quit-after", "1"],
                       env=env, cwd=tmp, capture=True)  # fmt: skip
            print(demo.stdout, demo.stderr[-2000:], sep="\n")
            figures["demo_s"] = round(time.perf_counter() - began, 1)
            if demo.returncode or "fieldvisit: main window shown" not in demo.stdout:
                failures.append("the demo did not reach its main window")
        entry = Path("/usr/share/applications/fieldvisit.desktop").read_text(encoding="utf-8")
        if "Name=入户走访助手" not in entry:
            failures.append("desktop entry without the Chinese name")
    finally:
        run(
            ["apt-get", "purge", "-y", "-q", "fieldvisit"],
            env=dict(env, DEBIAN_FRONTEND="noninteractive"),
        )
    if INSTALLED.exists():
        failures.append(f"{INSTALLED} left after apt-get purge")
    for failure in failures:
        print("FAILED:", failure, flush=True)
    figures["ok"] = not failures
    print(json.dumps({"check": "bundle", **figures}, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
