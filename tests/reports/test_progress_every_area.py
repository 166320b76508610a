"""Every area of a district gives its progress figures, however few persons live there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.demo.district import build_demo_district
from app.reports.progress import progress_figures
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Area
from tests.conftest import PASSWORD


def test_every_town_and_village_gives_its_progress_figures(tmp_path: Path) -> None:
    # a small district: many villages have nobody in it, and one that has comes before them
    db = Database.create(tmp_path / "small.db", PASSWORD, kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=60, seed=7)
    with db.session() as s:
        codes = list(s.scalars(select(Area.code).where(Area.level != "village")))
        codes += list(s.scalars(select(Area.code).where(Area.level == "village").limit(20)))
        for code in codes:
            figures = progress_figures(s, code, "2026", date(2026, 11, 1))
            by_area = next(f for f in figures if f.key == "progress.form_a.by_area")
            assert by_area.rows[-1][0] == "合计", code
            assert by_area.rows[-1][1] == sum(int(r[1]) for r in by_area.rows[:-1]), code
    db.close()
