#!/usr/bin/env python3
"""Does every pinned dependency of the bundle have a Windows wheel for its Python?

    python packaging/check_windows_wheels.py [--dest DIR]

The bundle cannot be built on Windows from here, but pip can answer this part from
Linux: for each pin of packaging/requirements-bundle.lock it asks for a win_amd64 wheel
for CPython 3.11 (`pip download --only-binary=:all: --platform win_amd64 --python-version
3.11 --no-deps`). Prints one line per pin and exits 1 if any has none. Pure-Python wheels
(py3-none-any) count: they install anywhere.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wheels import LOCK, PYTHON_VERSION, WINDOWS, download, read_pins


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, help="keep the wheels here (default: a temp folder)")
    parser.add_argument("--lock", type=Path, default=LOCK)
    args = parser.parse_args(argv)
    pins = read_pins(args.lock)
    missing = []
    with tempfile.TemporaryDirectory(prefix="fieldvisit-win-wheels-") as tmp:
        dest = args.dest or Path(tmp)
        for pin in pins:
            files, problem = download(pin, dest, WINDOWS)
            if files:
                print(f"ok       {pin}: {files[0].name}")
            else:
                missing.append(pin)
                print(f"MISSING  {pin}: {problem}")
    print(f"{len(pins) - len(missing)} of {len(pins)} pins have a {WINDOWS} wheel for "
          f"CPython {PYTHON_VERSION}")  # fmt: skip
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
