"""The one-folder bundle against the venv: its size, and the time to the unlock screen.

    python bench/bundle.py            # 7 starts each
    python bench/bundle.py --quick    # 3 starts each
    python bench/bundle.py --bundle build/dist/fieldvisit

Each start is a new process of the program itself (`fieldvisit --db FILE --quit-after 0`),
timed from its launch to its line saying the unlock screen is painted: the bundle's
executable, and the venv's Python running `-m ui.main` from this source tree. Both runs
alternate after a warm-up start of each (the OS file cache; ratio of warm starts).
`bundle_first_s` is the bundle's first start of the run. The bundle is made by
`python packaging/build_bundle.py` (several minutes, so never here): without one the
venv side is still measured and the bundle's figures are null, exit 0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, demo_database, median, percentile, report

DEFAULT_BUNDLE = ROOT / "build" / "dist" / "fieldvisit"
MARK = "fieldvisit: unlock screen shown"


def start(command: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = str(ROOT)
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - began
    child.kill()
    child.wait()
    if line.strip() != MARK:
        raise RuntimeError(f"{command[0]} did not reach the unlock screen: {line!r}")
    return elapsed


def size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    program = args.bundle / ("fieldvisit.exe" if os.name == "nt" else "fieldvisit")
    present = program.exists()
    venv_times: list[float] = []
    bundle_times: list[float] = []
    with demo_database(200) as db:
        path = str(db.path)
        db.close()
        tail = ["--db", path, "--quit-after", "0"]
        venv_command = [sys.executable, "-m", "ui.main", *tail]
        bundle_command = [str(program), *tail]
        first = start(bundle_command) if present else None
        start(venv_command)
        for _ in range(runs):
            venv_times.append(start(venv_command))
            if present:
                bundle_times.append(start(bundle_command))
    venv_s = median(venv_times)
    bundle_s = median(bundle_times) if present else None
    report(
        "bundle",
        {
            "bundle": str(args.bundle) if present else "absent: python packaging/build_bundle.py",
            "bundle_mb": size_mb(args.bundle) if present else None,
            "bundle_start_s": bundle_s,
            "bundle_start_p95_s": percentile(bundle_times, 95) if present else None,
            "bundle_first_s": first,
            "venv_start_s": venv_s,
            "ratio": bundle_s / venv_s if bundle_s is not None else None,
        },
    )


if __name__ == "__main__":
    main()
