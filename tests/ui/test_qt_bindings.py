"""The Qt bindings must not leak references: PySide6 6.12.0 on Python 3.11 did, and crashed."""

from __future__ import annotations

import os
import subprocess
import sys

LOOP = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Emitter(QObject):
    ping = Signal()

app = QApplication(sys.argv[:1])
label, emitter = QLabel(), Emitter()
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20_000):
    label.setText("x")  # returns nothing
    emitter.ping.emit()
after = sys.getrefcount(None), sys.getrefcount(True)
print(before[0] - after[0], before[1] - after[1])
"""


def test_twenty_thousand_qt_calls_leave_none_and_true_alone() -> None:
    """Run in a child: with the faulty bindings the process aborts (none_dealloc)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", LOOP], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    lost_none, lost_true = (int(x) for x in result.stdout.split())
    assert abs(lost_none) < 100 and abs(lost_true) < 100
