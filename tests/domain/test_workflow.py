"""Response workflow: every move of every role, allowed or refused with its reason."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from app.domain.issues import Issue, ValidationFailed
from app.domain.workflow import (
    RESPONSES,
    ROLES,
    STATE_LABELS,
    allowed_targets,
    apply_move,
    check_move,
    edit_issues,
    editable,
)

AT = datetime(2026, 5, 12, 9, 30, 15, 123456)

# (from, to): (roles allowed, reason required); every other pair and role is refused.
ALLOWED = {
    ("assigned", "draft"): ({"member"}, False),
    ("draft", "completed"): ({"member"}, False),
    ("completed", "draft"): ({"member"}, False),
    ("completed", "submitted"): ({"member"}, False),
    ("submitted", "accepted"): ({"reviewer", "admin"}, False),
    ("submitted", "returned"): ({"reviewer", "admin"}, True),
    ("accepted", "returned"): ({"admin"}, True),
    ("returned", "draft"): ({"member"}, False),
}
PAIRS = list(itertools.product(STATE_LABELS, STATE_LABELS))
CASES = [(frm, to, role) for (frm, to) in PAIRS for role in ROLES]


def _expected(frm: str, to: str, role: str) -> str | None:
    """None when allowed (given a reason where needed), else the refusal code."""
    if (frm, to) not in ALLOWED:
        return "workflow.no_such_move"
    roles, _ = ALLOWED[(frm, to)]
    return None if role in roles else "workflow.not_allowed"


@pytest.mark.parametrize(("frm", "to", "role"), CASES)
def test_every_move_of_every_role(frm: str, to: str, role: str) -> None:
    expected = _expected(frm, to, role)
    issues = check_move(frm, to, role, reason="户主要求更正")
    if expected is None:
        assert issues == []
        entry = apply_move(frm, to, role, "u1", AT, "户主要求更正")
        assert entry == {
            "from": frm,
            "to": to,
            "by": "u1",
            "role": role,
            "at": "2026-05-12T09:30:15",
            "reason": "户主要求更正",
        }
    else:
        assert [issue.code for issue in issues] == [expected]
        with pytest.raises(ValidationFailed) as refused:
            apply_move(frm, to, role, "u1", AT, "户主要求更正")
        assert refused.value.codes == (expected,)


@pytest.mark.parametrize(("frm", "to"), [pair for pair, (_, why) in ALLOWED.items() if why])
def test_return_needs_a_reason(frm: str, to: str) -> None:
    (issue,) = check_move(frm, to, "admin", reason="  ")
    assert issue.code == "workflow.reason_required"
    assert issue.message == "改为“已退回”必须填写理由"
    assert issue.field == "reason"


@pytest.mark.parametrize(("frm", "to"), [pair for pair, (_, why) in ALLOWED.items() if not why])
def test_other_moves_need_no_reason(frm: str, to: str) -> None:
    role = next(iter(ALLOWED[(frm, to)][0]))
    assert check_move(frm, to, role) == []


def test_refusal_names_states_and_role_in_chinese() -> None:
    (issue,) = check_move("submitted", "accepted", "member")
    assert issue.params == {"from": "已提交", "to": "已通过", "role": "专职委员"}
    assert issue.message == "专职委员不能把“已提交”改为“已通过”"
    (issue,) = check_move("accepted", "returned", "reviewer", reason="错填")
    assert issue.message == "审核员不能把“已通过”改为“已退回”"
    (issue,) = check_move("assigned", "accepted", "admin")
    assert issue.message == "不能从“已分配”直接改为“已通过”"


def test_completion_is_blocked_by_the_forms_errors() -> None:
    blocking = [
        Issue("field.required", {"field": "R17"}),
        Issue("field.required", {"field": "签名"}),
    ]
    issues = check_move("draft", "completed", "member", blocking_issues=blocking)
    assert [i.code for i in issues] == ["workflow.blocked", "field.required", "field.required"]
    assert issues[0].message == "还有2个问题未解决，不能改为“已完成”"
    with pytest.raises(ValidationFailed):
        apply_move("draft", "completed", "member", "u1", AT, blocking_issues=blocking)
    assert check_move("draft", "completed", "member", blocking_issues=()) == []


def test_unknown_state_or_role_is_refused_not_crashed() -> None:
    assert check_move("draft", "archived", "member")[0].code == "workflow.unknown_state"
    assert check_move("draft", "completed", "guest")[0].code == "workflow.unknown_role"


@pytest.mark.parametrize(("state", "role"), list(itertools.product(STATE_LABELS, ROLES)))
def test_only_the_member_edits_and_only_in_draft_or_returned(state: str, role: str) -> None:
    expected = role == "member" and state in {"draft", "returned"}
    assert editable(state, role) is expected
    assert (edit_issues(state, role) == []) is expected


def test_edit_refusal_message() -> None:
    (issue,) = edit_issues("submitted", "member")
    assert issue.message == "“已提交”状态下专职委员不能修改答案"


def test_allowed_targets_follow_the_table() -> None:
    assert allowed_targets("completed", "member") == ["draft", "submitted"]
    assert allowed_targets("submitted", "reviewer") == ["accepted", "returned"]
    assert allowed_targets("accepted", "reviewer") == []
    assert allowed_targets("accepted", "admin") == ["returned"]
    assert set(RESPONSES.rules) == set(ALLOWED)
