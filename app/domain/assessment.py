"""The home assessment of a renovation case as it is saved (the case's ``assessment`` part):
its keys, their labels and codes, and the answers of the assessment form (C1) they give.

The assessment dialog saves these keys, the case page and the printed C1 show them: one
definition for all three, so that a key saved is a key printed. The C1 form asks more
than the dialog does; what the dialog records fills the C1 items it answers (the wishes,
each measured place as a row of C1.9), and the rest is printed under 其他评估记录 with
its label, never as a raw key or code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

WISHES = "wishes"
NEEDS = "needs"
DOOR_WIDTH = "door_width_cm"
STEP_HEIGHT = "step_height_cm"
TOILET = "toilet"
MEASUREMENTS = "measurements"
HOUSE_ADAPTABLE = "house_adaptable"
#: the keys every part carries: what it is, when and by whom (not an answer)
STAMP_KEYS = frozenset({"part", "at", "by", "warnings", "round", "outcome"})


@dataclass(frozen=True)
class Field:
    """One key of the assessment part: its label, and the labels of its codes."""

    key: str
    label: str
    codes: Mapping[str, str] = field(default_factory=dict)


#: the toilet types the dialog offers, code -> label (C1.9.5's codes in `TOILET_TO_C1`)
TOILETS: Mapping[str, str] = {"squat": "蹲便", "seated": "坐便", "none": "无独立厕所"}
ADAPTABLE: Mapping[bool, str] = {True: "可以改造（自有或产权人同意，非危房）", False: "不宜改造"}
FIELDS: Mapping[str, Field] = {
    f.key: f
    for f in (
        Field(WISHES, "改造意愿"),
        Field(NEEDS, "功能需求"),
        Field(DOOR_WIDTH, "门宽（厘米）"),
        Field(STEP_HEIGHT, "台阶高（厘米）"),
        Field(TOILET, "厕所类型", TOILETS),
        Field(MEASUREMENTS, "其他测量"),
        Field(HOUSE_ADAPTABLE, "住房可否改造", {str(k): v for k, v in ADAPTABLE.items()}),
    )
}
#: the label of a key no version of the dialog saved (hand-made or future data)
OTHER = "其他记录"
#: C1.9.5 便器类型; "no toilet of its own" is not C1's "no toilet fixture": printed apart
TOILET_TO_C1 = {"squat": "1", "seated": "2"}


def shown(key: str, value: Any) -> str:
    """A saved value as words: codes by their label, yes/no as 是/否."""
    known = FIELDS.get(key)
    if isinstance(value, bool):
        if known is not None and known.codes:
            return known.codes.get(str(value), "是" if value else "否")
        return "是" if value else "否"
    if known is not None and str(value) in known.codes:
        return known.codes[str(value)]
    if isinstance(value, list):
        return "；".join(shown(key, v) for v in value)
    if isinstance(value, Mapping):
        return "；".join(shown(str(k), v) for k, v in value.items())
    return str(value)


def label(key: str) -> str:
    known = FIELDS.get(key)
    return known.label if known is not None else OTHER


def form_answers(part: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The C1 answers an assessment part gives, and its other records as (label, words).

    The wishes answer C1.5 (a household that records wishes wants the work: one that does
    not withdraws its case); the door, the step and the toilet are rows of C1.9.
    """
    answers: dict[str, Any] = {}
    places: list[dict[str, Any]] = []
    rest: list[tuple[str, str]] = []
    for key, value in part.items():
        if key in STAMP_KEYS or value in ("", None, [], {}):
            continue
        if key == WISHES:
            answers["wants_renovation"] = "1"
            answers["household_wishes"] = str(value)
        elif key == DOOR_WIDTH:
            places.append({"place": "2", "door_width": value})
        elif key == STEP_HEIGHT:
            places.append({"place": "1", "step_height": value})
        elif key == TOILET and value in TOILET_TO_C1:
            places.append({"place": "3", "toilet_type": TOILET_TO_C1[str(value)]})
        else:
            rest.append((label(key), shown(key, value)))
    if places:
        answers["places"] = places
    return answers, rest
