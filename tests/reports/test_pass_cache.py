"""The one pass over the round's forms is read once per transaction, never stale after."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from app.reports.progress import progress_figures
from app.reports.progress_a import form_a_pass
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.work import FormResponse
from tests.conftest import PASSWORD
from tests.reports import district


def _done(db: Database) -> int:
    with db.session() as s:
        figures = progress_figures(s, district.DISTRICT, "2026", district.AS_OF)
    return int(figures[0].rows[-1][2])


def test_the_pass_is_shared_in_a_transaction_and_read_again_after(tmp_path: Path) -> None:
    db = Database.create(tmp_path / "d.db", PASSWORD, kdf=FAST_TEST_KDF)
    with db.engine.begin() as conn:
        district.build(conn)
    with db.session() as s:
        first = form_a_pass(s, district.DISTRICT, "2026", district.AS_OF)
        assert form_a_pass(s, district.DISTRICT, "2026", district.AS_OF) is first
        assert form_a_pass(s, district.TOWN1, "2026", district.AS_OF) is not first
        before = _done(db)
        s.execute(
            update(FormResponse)
            .where(FormResponse.person_id == district.P[6])
            .values(state="completed")
        )
        s.commit()
        again = form_a_pass(s, district.DISTRICT, "2026", district.AS_OF)
        assert again is not first  # a new transaction reads again
    assert _done(db) == before + 1
    db.close()
