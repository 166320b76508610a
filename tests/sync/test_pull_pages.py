"""A pull page as received: its cursor read from its end, its records checked and made rows."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy.dialects.sqlite import pysqlcipher

from sync.pulling import decode_page, peek_cursor
from sync.transport import BadAnswer

DIALECT = pysqlcipher.dialect()


def record(**changed: Any) -> dict[str, Any]:
    return {
        "entity": "household",
        "id": "h-1",
        "rev": 7,
        "deleted": False,
        "updated_at": "2026-11-02T08:00:00",
        "updated_by": "rita",
        "fields": {"area_code": "330213001001", "head_name": "柴进"},
        **changed,
    }


def page(records: list[dict[str, Any]], **changed: Any) -> dict[str, Any]:
    return {
        "records": records,
        "gone": [],
        "conflicts": [],
        "next_cursor": 7,
        "more": True,
        "scope": ["330213"],
        **changed,
    }


def as_server_writes(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_the_cursor_is_read_from_the_end_of_the_page() -> None:
    tricky = record(fields={"head_name": '"next_cursor":99,"more":false,"scope":[]}'})
    assert peek_cursor(as_server_writes(page([tricky]))) == (7, True)
    assert peek_cursor(as_server_writes(page([], next_cursor=12, more=False))) == (12, False)


def test_a_page_written_otherwise_has_no_cursor_read_ahead() -> None:
    assert peek_cursor(json.dumps(page([])).encode()) is None  # spaces after the colons
    assert peek_cursor(b"") is None


def test_a_page_becomes_rows_and_households() -> None:
    person = record(entity="person", id="p-1", fields={"household_id": "h-2", "name": "王堃"})
    fetched = decode_page(page([record(), person, record(entity="novelty", id="n-1")]), DIALECT)
    assert fetched.page.next_cursor == 7 and fetched.page.records == []
    assert fetched.households == {"h-1", "h-2"}
    assert fetched.rows.keys == [("household", "h-1"), ("person", "p-1"), ("novelty", "n-1")]
    # both lack most fields of their tables: rows the defaults complete
    assert "household" in fetched.rows.partial and "person" in fetched.rows.partial


@pytest.mark.parametrize(
    "damaged",
    [
        {"rev": "7"},
        {"deleted": 0},
        {"fields": []},
        {"id": None},
        {"extra": 1},
    ],
)
def test_a_damaged_record_is_a_bad_answer(damaged: dict[str, Any]) -> None:
    with pytest.raises(BadAnswer):
        decode_page(page([record(**damaged)]), DIALECT)


def test_a_damaged_page_is_a_bad_answer() -> None:
    with pytest.raises(BadAnswer):
        decode_page(page([], next_cursor="x"), DIALECT)
    with pytest.raises(BadAnswer):
        decode_page([], DIALECT)
    with pytest.raises(BadAnswer):
        decode_page({"records": [record()]}, DIALECT)
