"""Form responses: the workflow per role, cleaning on save, completion checks, history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.domain.issues import ValidationFailed
from app.forms.loader import get_form
from app.services.registry import Registry
from app.services.responses import Responses
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.work import FormResponse
from tests.conftest import VILLAGE

FORM_A = get_form("dynamic-update", "2021.1")
ID_40 = make_resident_id("330283", date(1985, 6, 1), 33)  # 40 on 1 January 2026


@pytest.fixture
def person(db: Database) -> tuple[str, str]:
    registry = Registry(db, "m1")
    hid, _ = registry.add_household({"area_code": VILLAGE, "address": "南山路1号",
                                     "hukou_type": "1"})  # fmt: skip
    pid, _ = registry.add_person(hid, {"name": "王堃", "id_number": ID_40, "category": "4",
                                       "grade": "3", "marital": "2",
                                       "cert_number": make_certificate(ID_40, 4, 3)})  # fmt: skip
    return hid, pid


def full_answers(answers: dict[str, Any]) -> dict[str, Any]:
    answers.update(
        method="1", surveyor="m1", fill_date="2026-03-02", respondent="1", signature="att",
        literate="1", schooling="3", housing="1", poverty_status="3", employed="1",
        employment_form="7", help_received=["6"], help_needed=["6"], employee_insurance=["4"],
        resident_pension="2", resident_medical="2", social_assistance=["5"],
        welfare_subsidy=["4"], ill_two_weeks="2", family_doctor="2", rehab_received=["2"],
        rehab_needed=["7"], renovated="2", renovation_needed=["8"], culture_participation="1",
        culture_needs=["4"], mobile="13957400001",
    )  # fmt: skip
    return answers


def state(db: Database, rid: str) -> FormResponse:
    with db.session() as s:
        response = s.get(FormResponse, rid)
        assert response is not None
        return response


def test_start_prefills_from_the_registry(db: Database, person: tuple[str, str]) -> None:
    hid, pid = person
    rid, changed = Responses(db, "m1", "member").start(FORM_A, "2026", household_id=hid,
                                                       person_id=pid)  # fmt: skip
    response = state(db, rid)
    assert response.state == "draft" and changed.households == {hid}
    assert response.answers["name"] == "王堃" and response.answers["hukou"] == "1"
    assert [h["to"] for h in response.state_history] == ["draft"]


def test_save_clears_answers_of_skipped_items(db: Database, person: tuple[str, str]) -> None:
    hid, pid = person
    member = Responses(db, "m1", "member")
    rid, _ = member.start(FORM_A, "2026", household_id=hid, person_id=pid)
    answers = full_answers(dict(state(db, rid).answers))
    answers.update(employed="2", registered_unemployed="2", living_source="4",
                   not_working_reason="2")  # fmt: skip
    checked = member.save(rid, answers)
    assert "employment_form" not in state(db, rid).answers
    assert "help_received" not in state(db, rid).answers
    assert checked.errors == []


def test_full_life_of_a_response(db: Database, person: tuple[str, str]) -> None:
    hid, pid = person
    member = Responses(db, "m1", "member")
    reviewer = Responses(db, "town001", "reviewer")
    rid, _ = member.start(FORM_A, "2026", household_id=hid, person_id=pid)

    # incomplete: refused, with the items named, and nothing changes
    with pytest.raises(ValidationFailed) as caught:
        member.complete(rid)
    assert caught.value.codes[0] == "workflow.blocked"
    assert any("R8" in i.message for i in caught.value.issues)
    assert state(db, rid).state == "draft"

    member.save(rid, full_answers(dict(state(db, rid).answers)))
    checked = member.complete(rid)
    assert state(db, rid).state == "completed" and checked.errors == []
    assert state(db, rid).filled_by == "m1"

    with pytest.raises(ValidationFailed) as caught:  # a member cannot accept
        member.accept(rid)
    assert caught.value.codes == ("workflow.no_such_move",)
    member.move(rid, "submitted")
    with pytest.raises(ValidationFailed) as caught:
        member.accept(rid)
    assert caught.value.codes == ("workflow.not_allowed",)
    assert "专职委员" in str(caught.value)
    with pytest.raises(ValidationFailed) as caught:  # a return needs a reason
        reviewer.return_to_member(rid, "  ")
    assert caught.value.codes == ("workflow.reason_required",)
    with pytest.raises(ValidationFailed):  # the reviewer never edits answers
        reviewer.save(rid, {})
    reviewer.return_to_member(rid, "R16 与去年不符，请核实")
    assert state(db, rid).state == "returned"

    member.save(rid, dict(state(db, rid).answers))  # editing a returned response reworks it
    assert state(db, rid).state == "draft"
    member.complete(rid)
    member.move(rid, "submitted")
    reviewer.accept(rid)
    history = state(db, rid).state_history
    assert [h["to"] for h in history] == [
        "draft", "completed", "submitted", "returned", "draft", "completed", "submitted",
        "accepted",
    ]  # fmt: skip
    assert history[3]["reason"] == "R16 与去年不符，请核实" and history[3]["by"] == "town001"
    assert history[3]["role"] == "reviewer"


def test_warnings_must_be_confirmed(db: Database, person: tuple[str, str]) -> None:
    hid, pid = person
    member = Responses(db, "m1", "member")
    rid, _ = member.start(FORM_A, "2026", household_id=hid, person_id=pid)
    answers = full_answers(dict(state(db, rid).answers))
    answers["method"] = "3"  # by phone: a warning
    member.save(rid, answers)
    with pytest.raises(ValidationFailed) as caught:
        member.complete(rid)
    assert "form.warnings_unconfirmed" in caught.value.codes
    checked = member.complete(rid, confirm_warnings=True)
    assert checked.warnings and state(db, rid).answers["_confirmed_warnings"]


def test_refused_move_changes_nothing(db: Database, person: tuple[str, str]) -> None:
    hid, pid = person
    member = Responses(db, "m1", "member")
    rid, _ = member.start(FORM_A, "2026", household_id=hid, person_id=pid)
    with db.session() as s:
        ops_before = len(s.scalars(select(OutboxOp)).all())
    before = state(db, rid)
    for role, target in [("member", "accepted"), ("reviewer", "completed"),
                         ("admin", "submitted"), ("member", "returned")]:  # fmt: skip
        with pytest.raises(ValidationFailed):
            Responses(db, "x", role).move(rid, target, reason="x")
    after = state(db, rid)
    assert (after.state, after.answers, after.state_history) == (
        before.state, before.answers, before.state_history)  # fmt: skip
    with db.session() as s:
        assert len(s.scalars(select(OutboxOp)).all()) == ops_before


def test_next_year_starts_from_last_years_accepted_answers(
    db: Database, person: tuple[str, str]
) -> None:
    hid, pid = person
    member = Responses(db, "m1", "member")
    rid, _ = member.start(FORM_A, "2025", household_id=hid, person_id=pid)
    member.save(rid, full_answers(dict(state(db, rid).answers)))
    member.complete(rid)
    member.move(rid, "submitted")
    Responses(db, "town001", "reviewer").accept(rid)

    new_id, _ = member.start(FORM_A, "2026", household_id=hid, person_id=pid)
    answers = dict(state(db, new_id).answers)
    assert answers["employed"] == "1"  # R16 is pre-filled from last year
    answers = full_answers(answers)
    answers.update(employed="2", registered_unemployed="2", living_source="4",
                   not_working_reason="5")  # fmt: skip
    member.save(new_id, answers)
    changed = {d.item for d in member.differences(new_id)}
    assert {"employed", "employment_form"} <= changed
    codes = [i.code for i in member.check(new_id).issues if i.item == "employed"]
    assert codes == ["form.change_needs_note"]


def test_accepted_renovation_need_opens_a_candidate_case(
    db: Database, person: tuple[str, str]
) -> None:
    from app.store.work import RenovationCase

    hid, pid = person
    member = Responses(db, "m1", "member")
    rid, _ = member.start(FORM_A, "2026", household_id=hid, person_id=pid)
    answers = full_answers(dict(state(db, rid).answers))
    answers["renovation_needed"] = ["1", "2"]
    member.save(rid, answers)
    member.complete(rid)
    member.move(rid, "submitted")
    changed = Responses(db, "town001", "reviewer").accept(rid)
    with db.session() as s:
        [case] = s.scalars(select(RenovationCase)).all()
    assert changed.cases == {case.id}
    assert case.state == "need_registered" and case.person_id == pid
    assert case.items[0]["from_need"] == ["1", "2"]
    assert case.state_history[0]["role"] == "reviewer"
