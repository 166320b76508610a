"""`fieldvisit --self-check` and `--quit-after`: what the packaging checks run on a bundle."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import resources
from ui import self_check

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=str(ROOT),
    )


def test_self_check_passes_in_the_venv(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ui.main", "--self-check"],
        capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 6
    assert all(line.startswith("通过 ok") for line in lines[:-1]), lines
    assert lines[-1] == "自检通过 self-check passed"


@pytest.mark.parametrize("folder", sorted(self_check.SHIPPED))
def test_self_check_names_each_missing_folder(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle without one of the shipped folders fails, naming the folder."""
    shutil.copytree(resources.root(), tmp_path / resources.FOLDER)
    shutil.rmtree(tmp_path / resources.FOLDER / folder)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    out = io.StringIO()
    assert self_check.run(out) == 1
    missing = [line for line in out.getvalue().splitlines() if line.startswith("缺少 MISSING")]
    assert missing and f"{folder}/" in missing[0], out.getvalue()
    assert out.getvalue().splitlines()[-1].startswith("自检未通过")


def test_demo_opens_and_quits_by_itself(tmp_path: Path) -> None:
    """What check_bundle.py runs on the installed copy: demo data made, main window shown."""
    done = subprocess.run(
        [sys.executable, "-m", "ui.main", "--demo", "--persons", "120", "--quit-after", "0.5"],
        capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[:2] == [
        "fieldvisit: unlock screen shown",
        "fieldvisit: main window shown (奉化区（演示） — 奉中社区专职委员)",
    ]
    # the demo's month is told around the day it was made: this month's change lists came
    # today (a district this small has no persons in m001001's village for planned visits)
    from datetime import date

    from sqlalchemy import select

    from app.store.database import Database
    from app.store.work import ChangeNotice
    from ui.main import DEMO_PASSWORD

    [made] = (tmp_path / "data").rglob("fieldvisit.db")
    db = Database.open(made, DEMO_PASSWORD)
    try:
        with db.session() as s:
            months = set(s.scalars(select(ChangeNotice.month)))
        assert date.today().strftime("%Y-%m") in months, months
    finally:
        db.close()


def test_self_check_covers_every_shipped_folder() -> None:
    """A folder added to resources/ is one the self-check must look for too."""
    folders = {p.name for p in resources.root().iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(self_check.SHIPPED)
