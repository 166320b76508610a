"""The demo district's work, and the survey round built on it: who is due what, progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from app.demo.district import INCOME_SAMPLE_PER_PERSON, build_demo_district
from app.demo.work import DEMO_VILLAGE
from app.domain.renovation import STATE_LABELS
from app.forms.engine import FormEngine
from app.forms.loader import get_form
from app.services.responses import Responses
from app.store import income_sample, rounds
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.outbox import OutboxOp
from app.store.registry import Household, Person
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


def test_the_sample_is_drawn_from_its_seed_and_due_in_the_demo_members_village(
    district: Database,
) -> None:
    """The demo's income sample: drawn with a seed kept on every row (the draw itself is
    reproduced in tests/sync/test_income_sample.py; here the monthly round has cancelled
    persons since), m001001's village has a few, and they are the households due Form B in
    the round in progress on the demo's day (2026Q4), each with its form of that round."""
    with district.session() as s:
        rows = income_sample.sampled(s, 2026)
        village = dict(s.execute(select(Household.id, Household.area_code)).all())
        due = rounds.households_due_form_b(s.connection(), "2026Q4")
    drawn = [r for r in rows if r.chosen.startswith("draw:")]
    assert len({r.chosen for r in drawn}) == 1  # one draw, one seed
    assert len(drawn) == max(5, round(INCOME_SAMPLE_PER_PERSON * PERSONS))
    assert {d.household_id for d in due} == {r.household_id for r in rows}
    assert all(d.response_id for d in due)  # this round's form, in some state
    assert sum(1 for d in due if village[d.household_id] == DEMO_VILLAGE) >= 3
