"""Waits in the UI tests are generous: a loaded machine must not fail a test that waits.

A wait ends as soon as its condition or signal comes, so a long timeout costs nothing when
the test passes; a short one failed under load (the unlock test's 5 s wait for a worker).
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from pytestqt.qtbot import QtBot

WAITS = {"waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive", "waitCallback"}
#: the least timeout a wait may have, in milliseconds
LEAST_MS = 10_000


def short_waits(path: Path) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WAITS:
            continue
        for keyword in node.keywords:
            value = keyword.value
            short = isinstance(value, ast.Constant) and isinstance(value.value, int)
            if keyword.arg == "timeout" and short and value.value < LEAST_MS:  # type: ignore[attr-defined]
                found.append(f"{path.name}:{node.lineno} timeout={value.value}")  # type: ignore[attr-defined]
    return found


def test_no_ui_test_waits_less_than_ten_seconds() -> None:
    files = sorted(Path(__file__).parent.glob("*.py"))
    assert len(files) > 10
    found = [wait for path in files for wait in short_waits(path)]
    assert found == []


def test_a_wait_without_a_timeout_is_patient_too(qtbot: QtBot) -> None:
    """The UI tests' qtbot (tests/ui/conftest.py) waits long by default, in every kind of wait."""
    for name in sorted(WAITS):
        default = inspect.signature(getattr(qtbot, name)).parameters["timeout"].default
        assert default >= LEAST_MS, name
    asked: list[int] = []

    def met() -> bool:
        asked.append(1)
        return True

    qtbot.waitUntil(met)  # a condition met at once: no wait
    assert asked == [1]
