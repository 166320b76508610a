"""Renovation cases on a real encrypted database: the life cycle, refusals, caps, warnings."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.domain.issues import ValidationFailed
from app.domain.settings import SettingsBook, SettingsError, load_settings
from app.services.registry import Registry
from app.services.renovation import NeedsAcknowledgement, RenovationCases
from app.store.changes import snapshot
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.work import RenovationCase
from tests.conftest import OTHER_VILLAGE, VILLAGE

YEAR = 2026
_SEQUENCE = itertools.count(101)
PLAN = [
    {"code": "B11", "quantity": 1},
    {"code": "B06", "quantity": 2},
    {"code": "D03", "quantity": 1},
]
# B11 1,200 + B06 2 x 260 + D03 180 = 1,900 yuan


@pytest.fixture
def settings(tmp_path: Path) -> SettingsBook:
    year = {
        "dibao_line_yuan": 1200,
        "renovation_cap_yuan": 5000,
        "income_round": "quarter",
        "income_sample_size": 133,
        "spending_confirm_yuan": 50000,
        "form_a_version": "2026.1",
    }
    data = {
        "version": 1,
        "district": "330213",
        "survey_year": YEAR,
        "years": {YEAR: year},
        "overrides": [{"area": "330213002", "renovation_cap_yuan": 6000}],
    }
    path = tmp_path / "settings.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_settings(path)


def _clock() -> datetime:
    return datetime(2026, 3, 1, 9, 0, 0, 500)


@pytest.fixture
def cases(db: Database, settings: SettingsBook) -> Callable[[str], RenovationCases]:
    users = {"member": "wang", "reviewer": "li", "admin": "zhao"}
    return lambda role: RenovationCases(db, users[role], role, settings=settings, clock=_clock)


def _household(
    db: Database, *, area: str = VILLAGE, hardship: list[str], grade: int
) -> tuple[str, str]:
    registry = Registry(db, "wang")
    hid, _ = registry.add_household(
        {"area_code": area, "address": "南山路3号", "hardship": hardship}
    )
    pid_number = make_resident_id("330213", date(1958, 4, 2), next(_SEQUENCE))
    pid, _ = registry.add_person(
        hid,
        {
            "name": "王堃",
            "id_number": pid_number,
            "cert_number": make_certificate(pid_number, 4, grade),
            "category": "4",
            "grade": str(grade),
        },
    )
    return hid, pid


@pytest.fixture
def eligible(db: Database) -> tuple[str, str]:
    return _household(db, hardship=["1"], grade=1)


def _case(db: Database, case_id: str) -> RenovationCase:
    with db.session() as s:
        case = s.get(RenovationCase, case_id)
        assert case is not None
        return case


def _state(db: Database, case_id: str) -> tuple[dict[str, Any], int]:
    """Everything a refused use case must leave alone: the record and the outbox."""
    with db.session() as s:
        case = s.get(RenovationCase, case_id)
        assert case is not None
        outbox = s.scalar(select(func.count()).select_from(OutboxOp)) or 0
        return snapshot(case), outbox


def _parts(case: RenovationCase, part: str) -> list[dict[str, Any]]:
    return [entry for entry in case.items if entry["part"] == part]


def _planned(cases: Callable[[str], RenovationCases], eligible: tuple[str, str]) -> str:
    case_id, _ = cases("member").open_case(*eligible, YEAR, from_need=["4"])
    cases("member").record_assessment(case_id, {"house_adaptable": True, "wishes": "如厕困难"})
    cases("member").set_plan(case_id, PLAN)
    return case_id


def test_the_whole_life_cycle_with_a_rectification_loop(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    member, reviewer = cases("member"), cases("reviewer")
    case_id, changed = member.open_case(*eligible, YEAR, from_need=["4", "6"], note="R39")
    assert changed.households == {eligible[0]}
    member.record_assessment(
        case_id, {"house_adaptable": True, "measurements": [{"place": "卫生间门", "width_cm": 68}]}
    )
    member.set_plan(case_id, PLAN)
    case = _case(db, case_id)
    assert (case.state, case.total_fen, case.cap_fen) == ("plan_drafted", 190_000, 500_000)
    reviewer.move(case_id, "plan_approved")
    reviewer.move(case_id, "publicised")
    member.move(
        case_id, "in_construction", details={"contractor": "奉化建安", "start": "2026-04-01"}
    )
    member.move(case_id, "completed")
    reviewer.record_acceptance(case_id, {"B11": "done", "B06": "not_done", "D03": "done"}, "2")
    assert _case(db, case_id).state == "rectification"
    member.move(case_id, "completed", "扶手已补装")
    reviewer.record_acceptance(case_id, {"B11": "done", "B06": "done", "D03": "partly"}, "1")
    reviewer.settle(case_id, {"B11": 118_000, "B06": 50_000, "D03": 18_000})
    member.move(case_id, "followed_up", details={"findings": "使用正常"})

    case = _case(db, case_id)
    assert case.state == "followed_up"
    assert [(e["from"], e["to"], e["role"]) for e in case.state_history] == [
        ("", "need_registered", "member"),
        ("need_registered", "assessed", "member"),
        ("assessed", "plan_drafted", "member"),
        ("plan_drafted", "plan_approved", "reviewer"),
        ("plan_approved", "publicised", "reviewer"),
        ("publicised", "in_construction", "member"),
        ("in_construction", "completed", "member"),
        ("completed", "rectification", "reviewer"),
        ("rectification", "completed", "member"),
        ("completed", "accepted", "reviewer"),
        ("accepted", "settled", "reviewer"),
        ("settled", "followed_up", "member"),
    ]
    assert case.state_history[7]["reason"] == "未完成：B06"
    assert case.state_history[8] == {
        "from": "rectification",
        "to": "completed",
        "by": "wang",
        "role": "member",
        "at": "2026-03-01T09:00:00",
        "reason": "扶手已补装",
    }
    assert _parts(case, "opening")[0]["from_need"] == ["4", "6"]
    assert _parts(case, "assessment")[0]["measurements"][0]["width_cm"] == 68
    assert [line["code"] for line in _parts(case, "plan")] == ["B11", "B06", "D03"]
    rounds = _parts(case, "acceptance")
    assert [(a["round"], a["outcome"]) for a in rounds] == [(1, "rectification"), (2, "accepted")]
    assert _parts(case, "settlement")[0]["total_fen"] == 186_000
    assert _parts(case, "in_construction")[0]["contractor"] == "奉化建安"
    with db.session() as s:
        ops = s.scalars(select(OutboxOp).where(OutboxOp.record_id == case_id)).all()
    assert len(ops) == len(case.state_history)  # the creation, then one op per step
    assert all(op.entity == "renovation_case" for op in ops)


def test_withdrawal_before_construction_and_not_after(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id = _planned(cases, eligible)
    with pytest.raises(ValidationFailed) as refused:
        cases("member").withdraw(case_id, "  ")
    assert refused.value.codes == ("workflow.reason_required",)
    cases("member").withdraw(case_id, "户主放弃改造")
    case = _case(db, case_id)
    assert case.state == "withdrawn"
    assert case.state_history[-1]["reason"] == "户主放弃改造"
    # a withdrawn case no longer blocks a new one for the same year
    new_id, _ = cases("member").open_case(*eligible, YEAR)
    assert new_id != case_id


def test_no_withdrawal_once_in_construction(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id = _planned(cases, eligible)
    cases("reviewer").move(case_id, "plan_approved")
    with pytest.raises(ValidationFailed) as refused:
        cases("member").withdraw(case_id, "户主放弃")
    assert refused.value.codes == ("workflow.not_allowed",)
    cases("reviewer").move(case_id, "publicised")
    cases("member").move(case_id, "in_construction")
    before = _state(db, case_id)
    with pytest.raises(ValidationFailed) as refused:
        cases("admin").withdraw(case_id, "户主放弃")
    assert refused.value.codes == ("workflow.no_such_move",)
    assert _state(db, case_id) == before


@pytest.mark.parametrize(
    ("role", "target", "reason", "code"),
    [
        ("member", "plan_approved", "", "workflow.not_allowed"),
        ("reviewer", "publicised", "", "workflow.no_such_move"),
        ("member", "assessed", "", "workflow.not_allowed"),
        ("reviewer", "assessed", "", "workflow.reason_required"),
        ("reviewer", "plan_drafted", "", "workflow.not_allowed"),
        ("admin", "settled", "", "workflow.no_such_move"),
        ("reviewer", "bogus", "", "workflow.unknown_state"),
    ],
)
def test_refused_moves_change_nothing(
    db: Database,
    cases: Callable[[str], RenovationCases],
    eligible: tuple[str, str],
    role: str,
    target: str,
    reason: str,
    code: str,
) -> None:
    case_id = _planned(cases, eligible)
    before = _state(db, case_id)
    with pytest.raises(ValidationFailed) as refused:
        cases(role).move(case_id, target, reason)
    assert refused.value.codes == (code,)
    assert str(refused.value)  # a Chinese message, never a bare code
    assert _state(db, case_id) == before


def test_reviewer_sends_a_plan_back_with_a_reason(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id = _planned(cases, eligible)
    cases("reviewer").move(case_id, "assessed", "请补充门宽测量")
    assert _case(db, case_id).state == "assessed"
    cases("member").set_plan(case_id, PLAN[:1])
    assert _case(db, case_id).total_fen == 120_000


def test_steps_with_data_cannot_be_skipped_with_a_bare_move(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id, _ = cases("member").open_case(*eligible, YEAR)
    with pytest.raises(ValidationFailed) as refused:
        cases("member").move(case_id, "assessed")
    assert refused.value.codes == ("renovation.needs_data",)
    with pytest.raises(ValidationFailed) as refused:
        cases("member").set_plan(case_id, PLAN)
    assert refused.value.codes == ("workflow.no_such_move",)


def test_plan_over_the_cap_needs_override_then_a_reviewers_reason(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id, _ = cases("member").open_case(*eligible, YEAR)
    cases("member").record_assessment(case_id, {"house_adaptable": True})
    expensive = [{"code": "B14", "quantity": 2}, {"code": "B11", "quantity": 2}]  # 5,400 yuan
    before = _state(db, case_id)
    with pytest.raises(ValidationFailed) as refused:
        cases("member").set_plan(case_id, expensive)
    assert refused.value.codes == ("renovation.over_cap",)
    assert "5,400.00元超过每户上限5,000.00元" in str(refused.value)
    assert _state(db, case_id) == before
    cases("member").set_plan(case_id, expensive, "两处灶台均需降低")
    case = _case(db, case_id)
    assert (case.total_fen, case.override_reason) == (540_000, "两处灶台均需降低")
    with pytest.raises(ValidationFailed) as refused:
        cases("reviewer").move(case_id, "plan_approved")
    assert refused.value.codes == ("renovation.approval_reason",)
    cases("reviewer").move(case_id, "plan_approved", "同意超限")
    assert _case(db, case_id).state_history[-1]["reason"] == "同意超限"


def test_devices_only_plan_is_refused_without_a_reason(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id, _ = cases("member").open_case(*eligible, YEAR)
    cases("member").record_assessment(case_id, {})
    devices = [{"code": "D01", "quantity": 1, "unit_price_fen": 75_000}]
    with pytest.raises(ValidationFailed) as refused:
        cases("member").set_plan(case_id, devices)
    assert refused.value.codes == ("renovation.devices_only",)
    cases("member").set_plan(case_id, devices, "租住房，房东不同意施工")
    assert _case(db, case_id).total_fen == 75_000
    with pytest.raises(ValidationFailed):
        cases("admin").move(case_id, "plan_approved")


def test_the_cap_comes_from_the_settings_of_the_area(
    db: Database, cases: Callable[[str], RenovationCases]
) -> None:
    household = _household(db, area=OTHER_VILLAGE, hardship=["2"], grade=2)
    case_id, _ = cases("member").open_case(*household, YEAR)
    assert _case(db, case_id).cap_fen == 600_000
    with pytest.raises(SettingsError, match="没有 2030 年的设置"):
        cases("member").open_case(*household, 2030)


def test_warnings_need_an_acknowledgement_that_is_recorded(
    db: Database, cases: Callable[[str], RenovationCases]
) -> None:
    household = _household(db, hardship=["7"], grade=3)
    member = cases("member")
    assert [i.code for i in member.eligibility(*household)] == [
        "renovation.grade_not_severe",
        "renovation.not_poor",
    ]
    with pytest.raises(NeedsAcknowledgement) as asked:
        member.open_case(*household, YEAR)
    assert asked.value.codes == (
        "renovation.grade_not_severe",
        "renovation.not_poor",
        "renovation.acknowledge_required",
    )
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(RenovationCase)) == 0
    case_id, _ = member.open_case(
        *household, YEAR, acknowledge="支出型困难，镇里同意", elderly_carer=True
    )
    case = _case(db, case_id)
    assert case.state_history[0]["reason"] == "支出型困难，镇里同意"
    opening = _parts(case, "opening")[0]
    assert [w["code"] for w in opening["warnings"]] == [
        "renovation.grade_not_severe",
        "renovation.not_poor",
        "renovation.priority_elderly_carer",
    ]
    assert opening["acknowledgement"] == "支出型困难，镇里同意"


def test_priorities_need_no_acknowledgement(
    db: Database, cases: Callable[[str], RenovationCases]
) -> None:
    hid, pid = _household(db, hardship=["1"], grade=1)
    second = make_resident_id("330213", date(1985, 1, 1), 12)
    Registry(db, "wang").add_person(hid, {"name": "王二", "id_number": second})
    assert [i.code for i in cases("member").eligibility(hid, pid)] == [
        "renovation.priority_multi_disabled"
    ]
    cases("member").open_case(hid, pid, YEAR)


def test_house_not_adaptable_needs_an_acknowledgement(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id, _ = cases("member").open_case(*eligible, YEAR)
    before = _state(db, case_id)
    with pytest.raises(NeedsAcknowledgement):
        cases("member").record_assessment(case_id, {"house_adaptable": False})
    with pytest.raises(ValidationFailed) as refused:
        cases("member").record_assessment(case_id, {"house_adaptable": "否"})
    assert refused.value.codes == ("renovation.house_adaptable",)
    assert _state(db, case_id) == before
    cases("member").record_assessment(
        case_id, {"house_adaptable": False}, acknowledge="房东已书面同意"
    )
    case = _case(db, case_id)
    assert case.state_history[-1]["reason"] == "房东已书面同意"
    cases("member").record_assessment(case_id, {"house_adaptable": True})  # a second visit
    assert [(e["from"], e["to"]) for e in _case(db, case_id).state_history[-2:]] == [
        ("need_registered", "assessed"),
        ("assessed", "assessed"),
    ]


def test_opening_is_refused_for_others_and_twice(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        cases("reviewer").open_case(*eligible, YEAR)
    assert refused.value.codes == ("renovation.open_not_allowed",)
    cases("member").open_case(*eligible, YEAR)
    with pytest.raises(ValidationFailed) as refused:
        cases("member").open_case(*eligible, YEAR)
    assert refused.value.codes == ("renovation.case_exists",)
    other = _household(db, area=OTHER_VILLAGE, hardship=["1"], grade=1)
    with pytest.raises(ValidationFailed) as refused:
        cases("member").open_case(eligible[0], other[1], YEAR)
    assert refused.value.codes == ("renovation.person_not_in_household",)
    with pytest.raises(ValidationFailed) as refused:
        cases("member").open_case("no-such-household", other[1], YEAR)
    assert refused.value.codes == ("household.unknown",)


def _completed(cases: Callable[[str], RenovationCases], eligible: tuple[str, str]) -> str:
    case_id = _planned(cases, eligible)
    cases("reviewer").move(case_id, "plan_approved")
    cases("reviewer").move(case_id, "publicised")
    cases("member").move(case_id, "in_construction")
    cases("member").move(case_id, "completed")
    return case_id


@pytest.mark.parametrize(
    ("results", "satisfaction", "reason", "codes"),
    [
        ({"B11": "done", "B06": "done"}, "1", "", ["renovation.acceptance_missing"]),
        (
            {"B11": "done", "B06": "done", "D03": "done", "B01": "done"},
            "1",
            "",
            ["renovation.not_in_plan"],
        ),
        ({"B11": "done", "B06": "ok", "D03": "done"}, "1", "", ["renovation.acceptance_result"]),
        ({"B11": "done", "B06": "done", "D03": "done"}, "5", "", ["renovation.satisfaction"]),
        (
            {"B11": "done", "B06": "done", "D03": "done"},
            "3",
            "",
            ["renovation.satisfaction_reason"],
        ),
    ],
)
def test_bad_acceptance_is_refused(
    db: Database,
    cases: Callable[[str], RenovationCases],
    eligible: tuple[str, str],
    results: dict[str, str],
    satisfaction: str,
    reason: str,
    codes: list[str],
) -> None:
    case_id = _completed(cases, eligible)
    before = _state(db, case_id)
    with pytest.raises(ValidationFailed) as refused:
        cases("reviewer").record_acceptance(case_id, results, satisfaction, reason)
    assert list(refused.value.codes) == codes
    assert _state(db, case_id) == before


def test_member_cannot_accept_and_unhappy_household_gives_a_reason(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id = _completed(cases, eligible)
    done = {"B11": "done", "B06": "done", "D03": "done"}
    with pytest.raises(ValidationFailed) as refused:
        cases("member").record_acceptance(case_id, done, "1")
    assert refused.value.codes == ("workflow.not_allowed",)
    cases("admin").record_acceptance(case_id, done, "3", "扶手位置偏高")
    case = _case(db, case_id)
    assert case.state == "accepted"
    assert _parts(case, "acceptance")[0]["reason"] == "扶手位置偏高"


def test_settlement_checks_every_item_and_the_cap(
    db: Database, cases: Callable[[str], RenovationCases], eligible: tuple[str, str]
) -> None:
    case_id = _completed(cases, eligible)
    cases("reviewer").record_acceptance(case_id, {"B11": "done", "B06": "done", "D03": "done"}, "1")
    reviewer = cases("reviewer")
    with pytest.raises(ValidationFailed) as refused:
        reviewer.settle(case_id, {"B11": 120_000, "B06": -1})
    assert refused.value.codes == ("renovation.cost_missing", "renovation.cost_invalid")
    over = {"B11": 300_000, "B06": 200_000, "D03": 18_000}
    before = _state(db, case_id)
    with pytest.raises(ValidationFailed) as refused:
        reviewer.settle(case_id, over)
    assert refused.value.codes == ("renovation.settlement_over_cap",)
    assert _state(db, case_id) == before
    reviewer.settle(case_id, over, reason="材料涨价，区残联批准")
    case = _case(db, case_id)
    assert case.state == "settled"
    assert _parts(case, "settlement")[0]["total_fen"] == 518_000


def test_unknown_role_is_a_programming_error(db: Database) -> None:
    with pytest.raises(ValueError, match="unknown role"):
        RenovationCases(db, "x", "guest")
