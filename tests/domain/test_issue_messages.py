"""Every issue code has a Chinese message, and messages fill in their parameters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.issues import Issue, ValidationFailed
from app.domain.messages import MESSAGES, message_for

APP = Path(__file__).resolve().parents[2] / "app"
DOMAIN = APP / "domain"
NAMESPACES = "id|cert|phone|code|area|field|record|household|person"

# Codes raised by other modules of the program, which must have a message too.
CODES_RAISED_ELSEWHERE = (
    "area.unknown",
    "area.invalid",
    "area.not_village",
    "cert.duplicate",
    "id.duplicate",
    "household.unknown",
    "person.unknown",
    "field.required",
    "field.unknown",
    "code.unknown",
    "record.deleted",
)


def codes_in_sources() -> set[str]:
    """Codes passed to Issue(...) anywhere in app/, and code-like literals in app/domain/."""
    found: set[str] = set()
    for path in APP.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r'Issue\(\s*"([a-z0-9_]+\.[a-z0-9_.]+)"', text))
        if path.parent == DOMAIN and path.name != "messages.py":
            found.update(re.findall(rf'"((?:{NAMESPACES})\.[a-z0-9_]+)"', text))
    return found


def test_the_scan_finds_the_codes() -> None:
    found = codes_in_sources()
    assert {"id.checksum", "cert.format", "phone.no_area_code", "code.unknown"} <= found


@pytest.mark.parametrize("code", sorted(codes_in_sources() | set(CODES_RAISED_ELSEWHERE)))
def test_every_code_has_a_message(code: str) -> None:
    assert code in MESSAGES


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_placeholder_is_filled_from_params(code: str) -> None:
    names = re.findall(r"\{(\w+)\}", MESSAGES[code])
    text = message_for(Issue(code, {name: f"<{name}>" for name in names}))
    assert "{" not in text
    for name in names:
        assert f"<{name}>" in text


def test_given_messages_are_exact() -> None:
    assert message_for(Issue("area.unknown", {"code": "330213999999"})) == (
        "未知的区划代码：330213999999"
    )
    assert message_for(Issue("code.unknown", {"list": "民族", "code": "99"})) == (
        "民族中没有代码 99"
    )
    assert message_for(Issue("record.deleted")) == "记录已删除"


def test_unknown_code_and_missing_param_do_not_crash() -> None:
    assert message_for(Issue("no.such_code")) == "no.such_code"
    assert message_for(Issue("area.unknown")) == "未知的区划代码：{code}"


def test_validation_failed_joins_messages() -> None:
    failure = ValidationFailed(
        [Issue("field.required", {"field": "姓名"}), Issue("id.empty", field="id_number")]
    )
    assert str(failure) == "必填项：姓名；身份证号不能为空"
    assert failure.codes == ("field.required", "id.empty")
    assert failure.issues[1].field == "id_number"


def test_issue_is_immutable_and_hashable() -> None:
    params = {"id": "x"}
    issue = Issue("person.unknown", params)
    params["id"] = "changed"
    assert issue.params == {"id": "x"}
    assert issue == Issue("person.unknown", {"id": "x"})
    assert len({issue, Issue("person.unknown", {"id": "x"})}) == 1
    assert issue.message == "未知的残疾人：x"


@pytest.mark.parametrize("code", ["field.required", "field.derived"])
@pytest.mark.parametrize(
    "field", ["name", "area_code", "category", "grade", "person_id", "sex", "birth_date"]
)
def test_a_field_is_named_in_chinese_not_by_its_key(code: str, field: str) -> None:
    # the fields the use cases ask for or refuse by their record key (app/services)
    text = message_for(Issue(code, {"field": field}, field))
    assert not any("a" <= c.lower() <= "z" for c in text), text
