"""The window's keys work from its text fields on X11, where a line edit claims Ctrl+E as "end of line"."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (Debian package xvfb) for a real X11 display")
def test_ctrl_e_in_a_text_field_reaches_the_windows_export_on_x11():
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["xvfb-run", "-a", sys.executable, "-m", "tests.support.window_keys_child"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert "without: False" in done.stdout, done.stdout  # X11's line edit takes the key: the bug, as it was
    assert "with: True" in done.stdout, done.stdout
