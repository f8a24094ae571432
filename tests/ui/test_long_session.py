"""A long session must not crash Python: PySide6 6.12 used up None's references until "deallocating None"."""
from __future__ import annotations

import subprocess
import sys

from tests.support.testdata import PROJECT_ROOT

SESSION = """
import sys
from ui.app import create_application
from PySide6.QtWidgets import QLabel

app = create_application([])
label = QLabel("x")
before = sys.getrefcount(None)
for _ in range(50_000):  # calls into Qt that return nothing, as a long session makes
    label.setText("y")
    label.show()
    label.hide()
print(before - sys.getrefcount(None))
"""


def test_fifty_thousand_qt_calls_neither_crash_nor_use_up_none(tmp_path):
    result = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True, timeout=120,
                            cwd=PROJECT_ROOT, env={"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
                                                   "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-1000:]
    assert int(result.stdout.strip().splitlines()[-1]) < 100
