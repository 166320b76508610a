"""Run every benchmark script (with --quick for a smoke run) and check its last line.

python bench/run_all.py --quick
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    "search.py",
    "open.py",
    "forms.py",
    "startup.py",
    "memory.py",
    "prints.py",
    "sync_first.py",
    "sync_day.py",
    "server_load.py",
    "faults.py",
    "server_scale.py",
    "reports.py",
    "monthly.py",
    "bundle.py",
)


def main() -> int:
    extra = sys.argv[1:]
    failed = 0
    for script in SCRIPTS:
        result = subprocess.run(
            [sys.executable, str(HERE / script), *extra],
            capture_output=True,
            text=True,
            cwd=HERE.parent,
            check=False,
        )
        lines = result.stdout.strip().splitlines()
        try:
            figures = json.loads(lines[-1])
            ok = result.returncode == 0 and figures.get("bench") == script.removesuffix(".py")
        except (IndexError, json.JSONDecodeError):
            ok = False
        print(lines[-1] if lines else f"{script}: no output", flush=True)
        if not ok:
            failed += 1
            print(f"{script} failed:\n{result.stderr[-2000:]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
