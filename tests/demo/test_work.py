"""The demo district's work, and the survey round built on it: who is due what, progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from app.demo.district import build_demo_district
from app.domain.renovation import STATE_LABELS
from app.forms.engine import FormEngine
from app.forms.loader import get_form
from app.services.responses import Responses
from app.store import rounds
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.outbox import OutboxOp
from app.store.registry import Person
from app.store.work import FormResponse, RenovationCase

PERSONS = 1200


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.create(tmp_path_factory.mktemp("work") / "d.db", "pw", kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=PERSONS, seed=3, work=True)
    yield db
    db.close()


def test_last_years_accepted_form_a_for_most_persons(district: Database) -> None:
    with district.session() as s:
        active = (
            s.scalar(select(func.count()).select_from(Person).where(Person.status == "active")) or 0
        )
        last_year = s.scalars(
            select(FormResponse).where(
                FormResponse.form_id == "dynamic-update", FormResponse.survey_round == "2025"
            )
        ).all()
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0
    assert 0.8 * active < len(last_year) <= active
    assert {r.state for r in last_year} == {"accepted"}
    assert [h["to"] for h in last_year[0].state_history][-1] == "accepted"


def test_demo_answers_are_valid_responses(district: Database) -> None:
    """Every demo response that is complete passes the engine, as a real one would."""
    responses = Responses(district, "x", "member")
    engine = FormEngine(get_form("dynamic-update", "2021.1"))
    with district.session() as s:
        sample = s.scalars(
            select(FormResponse)
            .where(
                FormResponse.form_id == "dynamic-update",
                FormResponse.state.in_(("accepted", "submitted", "completed")),
            )
            .limit(60)
        ).all()
        for response in sample:
            found = engine.validate(response.answers, responses.context(s, response))
            assert [i.message for i in found if i.is_error] == []


def test_due_forms_and_progress(district: Database) -> None:
    with district.session() as s:
        conn = s.connection()
        due = rounds.due_forms(conn, 2026)
        progress = rounds.progress_by_village(conn, 2026)
        town = rounds.progress_by_village(conn, 2026, area_prefix="330213001")
        active = (
            s.scalar(select(func.count()).select_from(Person).where(Person.status == "active")) or 0
        )
        started = s.scalars(  # of the persons due: the monthly round cancels some
            select(FormResponse)
            .join(Person, Person.id == FormResponse.person_id)
            .where(
                FormResponse.form_id == "dynamic-update",
                FormResponse.survey_round == "2026",
                Person.status == "active",
            )
        ).all()
    kinds = Counter(d.form_id for d in due)
    assert kinds["dynamic-update"] == active  # every active certified person
    assert kinds["income-monitoring"] >= 5  # the sampled households
    assert kinds["renovation"] > 0  # open cases only
    total = rounds.total(progress)
    assert total.due == active
    assert total.done == sum(1 for r in started if r.state in rounds.DONE)
    assert 0 < total.lost < total.done
    assert total.to_do == total.due - total.done
    assert {p.area_code[:9] for p in town} == {"330213001"}
    assert sum(p.due for p in town) < total.due


def test_cases_in_every_state(district: Database) -> None:
    with district.session() as s:
        states = set(s.scalars(select(RenovationCase.state)))
    assert states == set(STATE_LABELS)
